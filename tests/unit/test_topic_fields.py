"""What a topic, its notes and its actions may hold: the longest text each field takes."""
from __future__ import annotations

import pytest

from workshop.domain import topics
from workshop.domain.errors import InvalidInput

FIELDS = [
    ("topic title", 200, topics.title),
    ("a note", 4000, lambda text: topics.notes({"situation": text})["situation"]),
    ("an action", 500, lambda text: topics.action(text, "Ann").text),
    ("an action's owner", 80, lambda text: topics.action("Ship it", text).owner),
]


@pytest.mark.parametrize("rule, longest", [(rule, longest) for _, longest, rule in FIELDS],
                         ids=[name for name, _, _ in FIELDS])
def test_each_field_takes_text_up_to_its_length_and_no_more(rule, longest):
    assert rule("x" * longest) == "x" * longest
    with pytest.raises(InvalidInput):
        rule("x" * (longest + 1))


def test_a_topic_without_a_planned_time_gets_ten_minutes():
    assert topics.planned(None) == 600


@pytest.mark.parametrize("rule", [topics.title, lambda text: topics.action(text, "Ann").text,
                                  lambda text: topics.action("Ship it", text).owner])
def test_one_character_is_enough(rule):
    assert rule("?") == "?"


@pytest.mark.parametrize("rule", [topics.title, topics.cluster_ref, lambda text: topics.action("Ship it", text).owner])
def test_one_line_fields_join_their_lines(rule):
    assert rule("Release\ncadence") == "Release cadence"


def test_a_cluster_reference_is_up_to_64_characters_or_none():
    assert topics.cluster_ref("c") == "c" and topics.cluster_ref("c" * 64) == "c" * 64
    assert topics.cluster_ref("") is None and topics.cluster_ref(None) is None
    with pytest.raises(InvalidInput):
        topics.cluster_ref("c" * 65)


@pytest.mark.parametrize("value, threshold", [(None, None), (1, 1), (10_000, 10_000)])
def test_the_facilitator_may_fix_the_elmo_threshold_from_1_to_10000_or_unfix_it(value, threshold):
    assert topics.fixed_threshold(value) == threshold


@pytest.mark.parametrize("value", [0, 10_001, True, "3", 2.5])
def test_other_elmo_thresholds_are_refused(value):
    with pytest.raises(InvalidInput):
        topics.fixed_threshold(value)


@pytest.mark.parametrize("active, present", [(-1, 3), (1, -1)])
def test_negative_counts_are_a_bug_not_a_count(active, present):
    with pytest.raises(ValueError):
        topics.count_elmos(active, present)


@pytest.mark.parametrize("due", [20270101, "2027-1-1", "2027-02-30", "next week"])
def test_a_due_date_is_an_iso_date(due):
    with pytest.raises(InvalidInput):
        topics.action("Ship it", "Ann", due)


def test_done_is_true_or_false():
    assert topics.action("Ship it", "Ann", "2027-01-31", True).due == "2027-01-31"
    with pytest.raises(InvalidInput):
        topics.action("Ship it", "Ann", None, "yes")
