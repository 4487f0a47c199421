"""Elmo counting and its threshold: half of those present unless the facilitator sets one."""
import pytest

from workshop.domain import topics
from workshop.domain.errors import InvalidInput


@pytest.mark.parametrize("present, threshold", [(0, 1), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (40, 20)])
def test_default_threshold_is_half_of_those_present_rounded_up(present, threshold):
    assert topics.elmo_threshold(present) == threshold


def test_move_on_is_signalled_once_the_count_reaches_the_threshold():
    assert not topics.count_elmos(1, present=3).move_on
    assert topics.count_elmos(2, present=3).move_on
    assert topics.count_elmos(3, present=3).move_on


def test_a_fixed_threshold_overrides_the_head_count():
    count = topics.count_elmos(2, present=10, fixed=2)
    assert count.threshold == 2 and count.move_on


def test_public_count_names_nobody():
    assert topics.count_elmos(1, present=4).public() == {"count": 1, "threshold": 2, "present": 4, "move_on": False}


@pytest.mark.parametrize("value", [0, -1, 2.5, "3", True])
def test_a_nonsense_fixed_threshold_is_refused(value):
    with pytest.raises(InvalidInput):
        topics.fixed_threshold(value)


def test_elmos_count_only_on_the_current_topic():
    with pytest.raises(topics.NotCurrentTopic):
        topics.require_current("a", "b")
    topics.require_current("a", "a")


def test_notes_accept_the_briefing_fields_only():
    assert topics.notes({"situation": "  Slow  releases "}) == {"situation": "Slow  releases"}
    with pytest.raises(InvalidInput):
        topics.notes({"mood": "fine"})
    with pytest.raises(InvalidInput):
        topics.notes({})


def test_action_needs_text_and_owner_and_a_real_due_date():
    item = topics.action("Write the brief", "Ann", "2026-12-01")
    assert item.due == "2026-12-01" and item.done is False
    assert topics.action("x", "Ann", "").due is None
    for bad in [("", "Ann", None), ("x", " ", None), ("x", "Ann", "2026-13-01"), ("x", "Ann", "tomorrow")]:
        with pytest.raises(InvalidInput):
            topics.action(*bad)
