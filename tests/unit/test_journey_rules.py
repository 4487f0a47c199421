"""The rules of a journey: its four stages in order, teams, workshop states, deleting."""
from __future__ import annotations

import pytest

from workshop.domain import journeys as rules
from workshop.domain.errors import InvalidInput


def test_the_bowtie_has_four_stages_left_to_right():
    assert [s.title for s in rules.STAGES] == ["Start broad", "Narrow down", "Formulate", "Carry back"]


@pytest.mark.parametrize("stage, following", [("start", "narrow"), ("narrow", "formulate"), ("formulate", "carry")])
def test_each_stage_feeds_the_next(stage, following):
    assert rules.next_stage(stage).key == following


def test_the_last_stage_feeds_none():
    with pytest.raises(rules.LastStage):
        rules.next_stage("carry")


@pytest.mark.parametrize("value", ["middle", "", None, 3, "Start"])
def test_an_unknown_stage_is_refused(value):
    with pytest.raises(rules.UnknownStage):
        rules.stage(value)


def test_a_new_journey_keeps_its_expected_head_count_per_team():
    new = rules.new_journey("  CX strategy ", "Why", [{"team": "Munich", "expected": 40},
                                                       {"team": "Madrid", "expected": 25}])
    assert new.title == "CX strategy"
    assert new.teams == (rules.Team("Munich", 40), rules.Team("Madrid", 25))
    assert new.head_count() == 65


@pytest.mark.parametrize("teams", [
    [{"team": "Munich", "expected": 0}],
    [{"team": "Munich", "expected": True}],
    [{"team": "Munich", "expected": "40"}],
    [{"team": "", "expected": 4}],
    [{"team": "Munich", "expected": 4}, {"team": "munich", "expected": 5}],
    {"Munich": 4},
    ["Munich"],
])
def test_bad_teams_are_refused(teams):
    with pytest.raises(InvalidInput):
        rules.new_journey("Title", "", teams)


def test_a_session_is_for_one_of_the_journeys_teams_or_none():
    teams = (rules.Team("Munich", 4),)
    assert rules.check_team_of_session("Munich", teams) == "Munich"
    assert rules.check_team_of_session(None, teams) == ""
    with pytest.raises(InvalidInput):
        rules.check_team_of_session("Berlin", teams)


@pytest.mark.parametrize("running, started, done, people, archived, state", [
    ("lobby", 1, 0, 0, False, "planned"),
    ("lobby", 1, 0, 3, False, "live"),
    ("collect", 2, 1, 0, False, "live"),
    ("summary", 7, 6, 12, False, "done"),
    (None, 3, 3, 12, False, "done"),
    ("collect", 2, 1, 5, True, "done"),
])
def test_a_workshop_is_planned_live_or_done(running, started, done, people, archived, state):
    assert rules.workshop_state(running, started, done, people, archived) == state


def test_only_a_finished_workshop_feeds_the_next_stage():
    rules.check_finished("Munich", "done")
    with pytest.raises(rules.NotFinished):
        rules.check_finished("Munich", "live")


def test_the_sources_must_all_be_in_the_stage_fed_from():
    stage_of = {"a": "start", "b": "start", "c": "narrow"}
    assert rules.check_sources_in_stage(["a", "b", "a"], stage_of, "start") == ["a", "b"]
    for sources in (["a", "c"], ["x"], []):
        with pytest.raises(InvalidInput):
            rules.check_sources_in_stage(sources, stage_of, "start")


def test_deleting_a_workshop_of_a_journey_needs_the_organiser_to_say_so():
    rules.confirm_leaving(None, None)  # a workshop of no journey: nothing to confirm
    rules.confirm_leaving("CX strategy", True)
    for answer in (None, False, "yes", 1):
        with pytest.raises(rules.LeavesJourney):
            rules.confirm_leaving("CX strategy", answer)


def test_renaming_keeps_what_is_not_changed_and_checks_what_is():
    current = rules.new_journey("CX strategy", "Why", [{"team": "Munich", "expected": 4}])
    changed = rules.renamed(current, title="CX strategy 2027")
    assert (changed.title, changed.purpose, changed.teams) == ("CX strategy 2027", "Why", (rules.Team("Munich", 4),))
    assert rules.renamed(current, teams=[{"team": "Munich", "expected": 9}]).head_count() == 9
    with pytest.raises(InvalidInput):
        rules.renamed(current, title="  ")


def test_a_team_that_sessions_are_for_cannot_be_dropped():
    current = rules.new_journey("CX", "", [{"team": "Munich", "expected": 4}, {"team": "Madrid", "expected": 2}])
    with pytest.raises(rules.TeamInUse):
        rules.renamed(current, teams=[{"team": "Madrid", "expected": 2}], sessions_for=["Munich", ""])
    assert rules.renamed(current, teams=[{"team": "Munich", "expected": 4}], sessions_for=["Munich", ""]).teams


@pytest.mark.parametrize("typed", [None, "", "CX", "CX strategy!", 3])
def test_deleting_a_journey_needs_its_title_typed(typed):
    with pytest.raises(rules.ConfirmDeleteJourney):
        rules.confirm_delete("CX strategy", typed)


def test_the_title_typed_may_differ_in_case_and_spaces():
    rules.confirm_delete("CX strategy", "  cx   STRATEGY ")
