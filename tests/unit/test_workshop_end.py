"""The workshop's end: a summary step is open-ended, so the time it stays open
after everyone has read it counts nowhere (docs/agenda.md, "Time plan")."""
from __future__ import annotations

from workshop.domain.agenda import Agenda, new_step
from workshop.domain.timeplan import actual_minutes, timeline

T0 = 1_700_000_000.0
MIN = 60


def retro_ending_in(kind: str) -> Agenda:
    """A 10-minute lobby, then a 5-minute last step of ``kind``, reached on time."""
    return (Agenda.wired([new_step("lobby", "lobby", minutes=10), new_step(kind, "last", minutes=5)])
            .go_to("lobby", T0).go_to("last", T0 + 10 * MIN))


def test_a_summary_left_open_for_an_hour_counts_no_actual_minutes():
    summary = retro_ending_in("summary").step("last")
    assert actual_minutes(summary, T0 + 70 * MIN) is None


def test_a_summary_left_open_for_an_hour_does_not_put_the_workshop_behind():
    line = timeline(retro_ending_in("summary"), now=T0 + 70 * MIN)
    assert line.behind_minutes == 0
    assert line.expected_end == line.planned_end == T0 + 15 * MIN
    assert line.steps[1].actual_minutes is None


def test_a_timed_last_step_still_counts_until_now():
    line = timeline(retro_ending_in("feedback"), now=T0 + 70 * MIN)
    assert line.steps[1].actual_minutes == 60.0
    assert line.behind_minutes == 55


def test_the_steps_before_the_summary_keep_their_actual_minutes():
    line = timeline(retro_ending_in("summary"), now=T0 + 70 * MIN)
    assert line.steps[0].actual_minutes == 10.0
