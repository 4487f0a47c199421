"""What a step's id, title and planned minutes may hold: the edges of each field."""
from __future__ import annotations

import pytest

from workshop.domain import agenda
from workshop.domain.errors import InvalidInput


@pytest.mark.parametrize("rule, longest", [(agenda.step_id, 64), (agenda.step_title, 80)])
def test_step_ids_and_titles_are_one_line_of_bounded_length(rule, longest):
    assert rule("x" * longest) == "x" * longest
    assert rule("Ice\nbreaker") == "Ice breaker"
    with pytest.raises(InvalidInput):
        rule("x" * (longest + 1))


@pytest.mark.parametrize("minutes", [0, 480])
def test_a_step_may_plan_from_no_time_to_eight_hours(minutes):
    assert agenda.planned_minutes(minutes) == minutes


@pytest.mark.parametrize("minutes", [-1, 481, 2.5, True])
def test_other_planned_minutes_are_refused(minutes):
    with pytest.raises(InvalidInput):
        agenda.planned_minutes(minutes)
