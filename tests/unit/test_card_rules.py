import uuid
from dataclasses import replace

import pytest

from workshop.domain import cards
from workshop.domain.agenda import new_step
from workshop.domain.errors import InvalidInput, NotYourCard, WrongPhase
from workshop.domain.workshop import template

SSC = template("start-stop-continue")
CARD_ID = str(uuid.uuid4())


def running(kind: str):
    needs = {"cluster": "c1", "vote": "c1"}  # works_on is the agenda's to check, not this test's
    return replace(new_step(kind, f"s-{kind}", works_on=needs.get(kind)), state="running")


COLLECTING = running("collect")


def write(text="Weekly demo", column="start", step=COLLECTING, card_id=CARD_ID):
    return cards.write_card(step, SSC, card_id, "p1", "g1", column, text)


def test_a_card_keeps_trimmed_text_in_its_column():
    card = write("  Weekly demo \n")
    assert (card.text, card.column, card.participant_id) == ("Weekly demo", "start", "p1")


def test_card_text_may_span_lines():
    assert write("one\r\ntwo").text == "one\ntwo"


@pytest.mark.parametrize("text", ["", "   \n ", "x" * 501, None, 5, ["a"]])
def test_card_text_is_one_to_five_hundred_characters(text):
    with pytest.raises(InvalidInput):
        write(text)


@pytest.mark.parametrize("text", ["?", "x" * 500])
def test_a_card_of_one_or_five_hundred_characters_is_written(text):
    assert write(text).text == text


@pytest.mark.parametrize("column", [None, 3, ["start"], "nowhere"])
def test_a_card_goes_into_one_of_the_templates_columns(column):
    with pytest.raises(InvalidInput):
        write(column=column)


def test_five_hundred_characters_is_allowed():
    assert len(write("x" * 500).text) == 500


def test_control_characters_and_nul_bytes_are_dropped():
    assert write("a\x00b\x07c").text == "abc"


def test_markup_is_kept_as_plain_text():
    assert write("<script>alert(1)</script>").text == "<script>alert(1)</script>"


def test_unknown_column_is_refused():
    with pytest.raises(InvalidInput, match="unknown column"):
        write(column="later")


@pytest.mark.parametrize("card_id", ["", "abc", "123", None, 7])
def test_card_ids_must_be_client_uuids(card_id):
    with pytest.raises(InvalidInput, match="UUID"):
        write(card_id=card_id)


@pytest.mark.parametrize("kind", ["lobby", "cluster", "vote", "discuss", "decide", "feedback", "summary"])
def test_cards_are_written_only_while_collecting(kind):
    with pytest.raises(WrongPhase):
        write(step=running(kind))
    with pytest.raises(WrongPhase):
        write(step=None)


def test_only_the_author_edits_or_deletes():
    card = write()
    assert cards.edit_card(COLLECTING, card, "p1", "Better").text == "Better"
    with pytest.raises(NotYourCard):
        cards.edit_card(COLLECTING, card, "p2", "Mine now")
    with pytest.raises(NotYourCard):
        cards.delete_card(COLLECTING, card, "p2")


def test_hidden_cards_are_seen_by_author_and_facilitator_only():
    card = write()
    seen = lambda **who: cards.is_visible(card, hidden=True, **who)  # noqa: E731
    assert seen(viewer_id="p1", viewer_group="g1", facilitator=False)
    assert seen(viewer_id=None, viewer_group=None, facilitator=True)
    assert not seen(viewer_id="p2", viewer_group="g1", facilitator=False)


def test_revealed_cards_are_seen_by_the_group_only():
    card = write()
    seen = lambda who, group: cards.is_visible(card, viewer_id=who, viewer_group=group,  # noqa: E731
                                               facilitator=False, hidden=False)
    assert seen("p2", "g1")
    assert not seen("p3", "g2")


# -- blind writing: who hears of a card --------------------------------------------

@pytest.mark.parametrize("blind, phase, revealed, hidden", [
    (True, "collect", False, True),
    (True, "lobby", False, True),
    (True, "collect", True, False),    # its group was revealed
    (True, "cluster", False, False),   # clustering reads every card
    (False, "collect", False, False),  # not a blind workshop
])
def test_blind_writing_hides_a_card_while_groups_write_until_revealed(blind, phase, revealed, hidden):
    assert cards.is_hidden(blind_writing=blind, phase=phase, group_revealed=revealed) is hidden


def test_a_hidden_card_is_heard_by_its_author_only():
    card = write()
    assert cards.audience(card, hidden=True) == "author:p1"
    assert cards.audience(card, hidden=False) == "group:g1"


def test_a_card_without_a_group_stays_with_its_author():
    card = cards.write_card(COLLECTING, SSC, CARD_ID, "p1", None, "start", "Weekly demo")
    assert cards.audience(card, hidden=False) == "author:p1"


CARD = {"id": "c1", "participant_id": "ann", "group_id": "g1", "text": "Weekly demo"}


def test_a_participant_reads_a_card_without_its_authors_id():
    seen = cards.as_seen_by(CARD, facilitator=False, viewer_id="bob")
    assert "participant_id" not in seen and seen["mine"] is False


def test_the_author_reads_their_card_as_theirs():
    assert cards.as_seen_by(CARD, facilitator=False, viewer_id="ann")["mine"] is True


def test_a_facilitator_reads_who_wrote_a_card():
    assert cards.as_seen_by(CARD, facilitator=True, viewer_id=None)["participant_id"] == "ann"


def test_an_events_cards_are_each_read_as_the_viewer_may():
    data = {"group_id": "g1", "cards": [CARD, {**CARD, "id": "c2", "participant_id": "bob"}]}
    seen = cards.event_as_seen_by(data, facilitator=False, viewer_id="bob")
    assert [c["mine"] for c in seen["cards"]] == [False, True]
    assert all("participant_id" not in c for c in seen["cards"])
