"""The statements step's rules: writing, marks widened to words, the heat map, the
ranked phrases, marks on edited statements, unicode and right-to-left text."""
from __future__ import annotations

import pytest

from workshop.domain import statements as rules
from workshop.domain.errors import Conflict, InvalidInput
from workshop.domain.steps import kind

VISION = "The most remarkable B2B experience through impactful interactions"


def mark(person: str, start: int, end: int, statement: str = "s1", id: str | None = None) -> rules.Mark:
    return rules.Mark(id or f"{person}{start}-{end}", statement, person, start, end)


def span(body: str, phrase: str) -> tuple[int, int]:
    at = body.index(phrase)
    return at, at + len(phrase)


def test_a_selection_is_widened_to_whole_words_and_trimmed_of_spaces():
    assert rules.snap(VISION, 20, 30) == span(VISION, "B2B experience")
    assert VISION.__getitem__(slice(*rules.snap(VISION, 8, 21))) == "remarkable B2B"
    assert rules.snap("Zero avoidable churn", 0, 5) == (0, 4)


@pytest.mark.parametrize("start,end", [(5, 2), (-1, 3), (0, 999), (4, 5), (True, 3), (0, 0)])
def test_bad_selections_are_refused(start, end):
    with pytest.raises(InvalidInput):
        rules.snap("Zero avoidable churn", start, end)


def test_overlapping_marks_heat_their_shared_words_and_a_person_counts_once():
    ann = span(VISION, "remarkable B2B experience")
    bo = span(VISION, "B2B experience through")
    marks = [mark("ann", *ann), mark("ann", *span(VISION, "B2B")), mark("bo", *bo)]
    runs = rules.heat(len(VISION), marks)
    shared = span(VISION, "B2B experience")
    assert [shared[0], shared[1], 2] in runs
    assert max(r[2] for r in runs) == 2  # Ann's second mark inside her first adds nothing


def test_the_words_two_people_share_rank_above_what_each_marked_alone():
    marks = [mark("ann", *span(VISION, "remarkable B2B experience")), mark("bo", *span(VISION, "B2B experience through"))]
    ranked = rules.ranking({"s1": (VISION, marks)})
    assert [(p.text, p.count) for p in ranked] == [
        ("B2B experience", 2), ("remarkable B2B experience", 1), ("B2B experience through", 1)]


def test_a_phrase_inside_a_longer_one_kept_by_as_many_people_is_not_listed_twice():
    marks = [mark(p, *span(VISION, "impactful interactions")) for p in ("ann", "bo")]
    marks.append(mark("cy", *span(VISION, "impactful")))
    ranked = [(p.text, p.count) for p in rules.ranking({"s1": (VISION, marks)})]
    assert ranked == [("impactful", 3), ("impactful interactions", 2)]


def test_the_same_words_in_two_statements_are_one_phrase_counting_each_person_once():
    other = "Customers stay forever with impactful   Interactions"
    marks_1 = [mark("ann", *span(VISION, "impactful interactions"))]
    marks_2 = [mark("ann", *span(other, "impactful   Interactions"), "s2"), mark("bo", *span(other, "stay forever"), "s2")]
    ranked = rules.ranking({"s1": (VISION, marks_1), "s2": (other, marks_2)})
    top = ranked[0]
    assert (rules.key_of(top.text), top.count) == ("impactful interactions", 1)
    assert {s[0] for s in top.spans} == {"s1", "s2"}


def test_a_mark_follows_its_words_when_the_statement_is_edited_or_is_dropped():
    old, new = "Zero avoidable churn", "Truly zero avoidable churn, always"
    assert rules.carried(old, new, *span(old, "avoidable churn")) == span(new, "avoidable churn")
    assert rules.carried(old, "No churn at all", *span(old, "avoidable")) is None


def test_offsets_count_code_points_so_emoji_and_cjk_are_one_position_each():
    body = "We 💙 customers 顧客第一"
    start, end = rules.snap(body, 5, 14)
    assert body[start:end] == "customers"
    assert rules.snap(body, 15, 16) == (15, 16)  # one CJK character is a word of its own
    assert rules.heat(len(body), [mark("ann", 3, 4)]) == [[3, 4, 1]]  # the emoji is position 3 only


def test_right_to_left_text_is_marked_in_its_stored_order():
    body = "להיות הבית של הלקוחות שלנו"
    start, end = rules.snap(body, 7, 9)
    assert body[start:end] == "הבית"
    marks = [mark("ann", start, end), mark("bo", *span(body, "הבית של"))]
    assert rules.ranking({"s1": (body, marks)})[0].text == "הבית"


def test_a_statement_is_one_to_300_characters():
    assert rules.statement("  Bold  ") == "Bold"
    for bad in ("", "   ", "x" * 301, None, 3):
        with pytest.raises(InvalidInput):
            rules.statement(bad)


def test_an_edit_over_an_older_version_is_refused_with_the_current_text():
    with pytest.raises(rules.StaleSentence) as refused:
        rules.check_version(1, 2, "Theirs", committed=False)
    assert refused.value.current == {"text": "Theirs", "version": 2}
    with pytest.raises(rules.SentenceCommitted):
        rules.check_version(2, 2, "Theirs", committed=True)


def test_marks_per_person_are_limited():
    rules.require_room_for_mark(rules.MARKS_PER_PERSON - 1)
    with pytest.raises(Conflict):
        rules.require_room_for_mark(rules.MARKS_PER_PERSON)


def test_the_prompt_follows_the_subject_unless_given():
    settings = kind("statements").settings_type
    assert settings.from_dict({"subject": "purpose"}).prompt.startswith("What role do we want to play")
    assert settings.from_dict({}).prompt == "Where do we want to be in three years?"
    assert settings.from_dict({"subject": "purpose", "prompt": "Why us?"}).prompt == "Why us?"
    for bad in ({"prompt": ""}, {"prompt": "x" * 301}, {"subject": "mission"}, {"scope": "pairs"}):
        with pytest.raises(InvalidInput):
            settings.from_dict(bad)
