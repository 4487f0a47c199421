"""Who wrote a card is for its author and the facilitators only (issue 13, item 14).

The group lists and ``participant:moved`` name every participant with their id,
so a card that carried its author's id would name its author. A catch-up
replays cards as they are now, never text deleted or edited away.
"""
from __future__ import annotations

import json

import pytest

from tests.conftest import new_id


def card_keys(cards: list[dict]) -> set[str]:
    return {key for card in cards for key in card}


def test_from_cluster_on_a_participants_snapshot_names_no_author(board):
    made = board()
    ann, bob, cy = made.people
    cards = ann.call("sync", {})["state"]["cards"]
    assert len(cards) == 6
    assert "participant_id" not in card_keys(cards)
    assert not {bob.id, cy.id} & set(json.dumps(cards).replace('"', " ").split())


def test_the_author_sees_their_own_cards_marked_as_theirs(board):
    made = board()
    ann = made.people[0]
    mine = {c["text"] for c in ann.call("sync", {})["state"]["cards"] if c["mine"]}
    assert mine == {"Weekly demo to customers", "Too many meetings"}


def test_facilitators_still_see_who_wrote_each_card(board):
    made = board()
    ann = made.people[0]
    cards = made.facilitator.call("sync", {})["state"]["cards"]
    authors = {c["text"]: c["participant_id"] for c in cards}
    assert authors["Too many meetings"] == ann.id


def test_a_live_card_reaches_the_group_without_its_author(collecting, join):
    workshop, facilitator = collecting(group_size=2)
    ann, bob = join(workshop, "Ann"), join(workshop, "Bob")
    added = ann.add_card("Long meetings")
    assert added["card"]["mine"] is True and "participant_id" not in added["card"]
    (seen_by_bob,) = bob.received("card:added")
    assert seen_by_bob["card"]["text"] == "Long meetings"
    assert "participant_id" not in seen_by_bob["card"] and seen_by_bob["card"]["mine"] is False
    (seen_by_ann,) = ann.received("card:added")
    assert seen_by_ann["card"]["mine"] is True
    (seen_by_facilitator,) = facilitator.received("card:added")
    assert seen_by_facilitator["card"]["participant_id"] == ann.id


def test_an_edit_reaches_the_group_without_its_author(collecting, join):
    workshop, _ = collecting(group_size=2)
    ann, bob = join(workshop, "Ann"), join(workshop, "Bob")
    card = ann.add_card("Long meetings")["card"]
    bob.received()
    assert ann.call("card:edit", {"id": card["id"], "text": "Longer meetings"})["ok"]
    (edited,) = bob.received("card:edited")
    assert "participant_id" not in edited["card"] and edited["card"]["mine"] is False


def test_a_moved_participant_cannot_be_matched_to_their_cards(board):
    made = board()
    ann, bob, cy = made.people
    assert made.facilitator.call("participant:move", {"participant_id": ann.id, "group_id": cy.group_id})["ok"]
    (moved,) = bob.received("participant:moved")
    assert moved["participant"]["id"] == ann.id  # the move names Ann...
    cards = bob.call("sync", {})["state"]["cards"]
    assert ann.id not in json.dumps(cards)  # ...and no card does


@pytest.fixture
def writing(collecting, join):
    """Ann and Bob in one group, writing; Bob has heard everything so far."""
    workshop, _ = collecting(group_size=2)
    ann, bob = join(workshop, "Ann"), join(workshop, "Bob")
    since = bob.call("sync", {})["state"]["seq"]
    return ann, bob, since


def replayed(person, since: int) -> list[dict]:
    ack = person.call("sync", {"since": since})
    assert "events" in ack, ack  # a catch-up, not a snapshot
    return ack["events"]


def test_a_catch_up_never_replays_a_deleted_card(writing):
    ann, bob, since = writing
    card = ann.add_card("Something I regret writing")["card"]
    assert ann.call("card:delete", {"id": card["id"]})["ok"]
    events = replayed(bob, since)
    assert "Something I regret" not in json.dumps(events)
    assert [e["event"] for e in events] == ["card:deleted"]


def test_a_catch_up_replays_only_the_current_text_of_an_edited_card(writing):
    ann, bob, since = writing
    card = ann.add_card("Our lead is useless")["card"]
    assert ann.call("card:edit", {"id": card["id"], "text": "Decisions take long"})["ok"]
    events = replayed(bob, since)
    assert "useless" not in json.dumps(events)
    assert {e["data"]["card"]["text"] for e in events} == {"Decisions take long"}


def test_a_catch_up_names_no_author_and_marks_the_readers_own(writing):
    ann, bob, since = writing
    ann.add_card("Ann's card")
    bob.add_card("Bob's card")
    cards = {e["data"]["card"]["text"]: e["data"]["card"] for e in replayed(bob, since) if e["event"] == "card:added"}
    assert "participant_id" not in card_keys(list(cards.values()))
    assert (cards["Ann's card"]["mine"], cards["Bob's card"]["mine"]) == (False, True)


def test_a_retried_card_is_acknowledged_as_the_authors(collecting, join):
    workshop, _ = collecting()
    ann = join(workshop, "Ann")
    card_id = new_id()
    first = ann.add_card("Twice", card_id=card_id)["card"]
    assert ann.add_card("Twice", card_id=card_id)["card"] == first
