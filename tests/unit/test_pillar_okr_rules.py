"""The rules of pillars and OKRs: three to six pillars, snippets short and merged,
key results that measure a change by a date still to come."""
from __future__ import annotations

import datetime as dt

import pytest

from workshop.domain import okrs, pillars
from workshop.domain.agenda import new_step
from workshop.domain.errors import DomainError, InvalidInput
from workshop.domain.steps import NotInThisStep

TODAY = dt.date(2026, 12, 3)
KR = {"statement": "Answer faster", "metric": "First reply time", "unit": "min", "baseline": 60, "target": 15,
      "due": "2027-06-30", "owner": "Dee"}


def kr(**changes) -> dict:
    return {**KR, **changes}


@pytest.mark.parametrize("existing, adding, allowed", [(0, 1, True), (5, 1, True), (6, 1, False), (2, 5, False)])
def test_a_step_holds_at_most_six_pillars(existing, adding, allowed):
    if allowed:
        pillars.require_room_for(existing, adding)
    else:
        with pytest.raises(pillars.TooManyPillars):
            pillars.require_room_for(existing, adding)


@pytest.mark.parametrize("count, complete", [(2, False), (3, True), (6, True), (7, False), (0, False)])
def test_pillars_are_committed_as_a_set_of_three_to_six(count, complete):
    if complete:
        pillars.require_complete(count)
    else:
        with pytest.raises(pillars.TooFewPillars):
            pillars.require_complete(count)


def test_snippets_that_differ_only_in_case_and_spacing_are_the_same():
    assert pillars.snippet("Zero  Distractions").key == pillars.snippet(" zero distractions ").key
    assert pillars.snippet("Zero  Distractions").text == "Zero Distractions"
    assert pillars.snippet("Straße").key == pillars.snippet("STRASSE").key  # casefold, not lower


@pytest.mark.parametrize("value, error", [("x" * 61, pillars.SnippetTooLong), ("", InvalidInput),
                                          (None, InvalidInput), (7, InvalidInput)])
def test_a_snippet_is_a_short_phrase(value, error):
    with pytest.raises(error):
        pillars.snippet(value)


def test_a_snippet_of_sixty_characters_is_kept():
    assert len(pillars.snippet("x" * 60).text) == 60


@pytest.mark.parametrize("name", ["", "   ", "x" * 81, None])
def test_a_pillar_needs_a_short_name(name):
    with pytest.raises(InvalidInput):
        pillars.name(name)


def test_a_pillar_links_only_to_clusters_cards_and_statements():
    assert pillars.source_kind("statement") == "statement"
    with pytest.raises(InvalidInput):
        pillars.source_kind("vote")


def test_snippets_are_added_only_in_a_pillars_step():
    pillars.add_snippets(new_step("pillars", "p"), facilitator=False)
    with pytest.raises(NotInThisStep):
        pillars.add_snippets(new_step("vote", "v", works_on="c"), facilitator=False)


def test_only_the_facilitator_shapes_pillars():
    step = new_step("pillars", "p")
    assert step.allows("shape_pillars", facilitator=True) and not step.allows("shape_pillars")


# -- key results -------------------------------------------------------------------------

def test_a_key_result_reads_numbers_as_people_type_them():
    made = okrs.key_result(kr(baseline="4,5", target=" 9 "), TODAY, id="k")
    assert (made.baseline, made.target, made.due) == (4.5, 9.0, "2027-06-30")


@pytest.mark.parametrize("baseline, target, unit, move", [
    (10.0, 20.0, "h", "10 h → 20 h"),
    (0.5, 0.25, "", "0.5 → 0.25"),
    (12345.67, 1234567.5, "€", "12345.67 € → 1234567.5 €"),
    (-3.0, 0.0, "pts", "-3 pts → 0 pts"),
])
def test_a_key_results_move_reads_as_typed(baseline, target, unit, move):
    assert okrs.move_text(baseline, target, unit) == move


@pytest.mark.parametrize("changes, error", [
    ({"target": "lots"}, okrs.TargetNotNumber),
    ({"target": None}, okrs.TargetNotNumber),
    ({"target": True}, okrs.TargetNotNumber),
    ({"target": float("nan")}, okrs.TargetNotNumber),
    ({"baseline": "?"}, okrs.BaselineNotNumber),
    ({"target": 60}, okrs.BaselineIsTarget),
    ({"target": "60.0"}, okrs.BaselineIsTarget),
    ({"due": "2026-12-03"}, okrs.DueDateInPast),  # today is not in the future
    ({"due": "2020-01-01"}, okrs.DueDateInPast),
    ({"due": "30/06/2027"}, okrs.BadDueDate),
    ({"due": 20270630}, okrs.BadDueDate),
    ({"statement": ""}, InvalidInput),
    ({"metric": "  "}, InvalidInput),
    ({"owner": None}, InvalidInput),
    ({"unit": "x" * 21}, InvalidInput),
])
def test_a_bad_key_result_is_refused_with_its_own_error(changes, error):
    with pytest.raises(error):
        okrs.key_result(kr(**changes), TODAY, id="k")


def test_the_due_date_is_judged_by_the_day_passed_in():
    okrs.key_result(kr(due="2026-12-04"), TODAY, id="k")
    with pytest.raises(okrs.DueDateInPast):
        okrs.key_result(kr(due="2026-12-04"), dt.date(2026, 12, 4), id="k")


@pytest.mark.parametrize("horizon", ["6m", "1y", "3y"])
def test_an_objective_has_one_of_three_horizons(horizon):
    assert okrs.objective("Remarkable", horizon, [], TODAY).horizon == horizon


@pytest.mark.parametrize("horizon", ["6 months", "5y", None, 1])
def test_an_unknown_horizon_is_refused(horizon):
    with pytest.raises(okrs.BadHorizon):
        okrs.objective("Remarkable", horizon, [], TODAY)


def test_a_draft_has_at_most_five_key_results():
    okrs.objective("Remarkable", "1y", [(str(n), kr()) for n in range(5)], TODAY)
    with pytest.raises(okrs.KeyResultCount):
        okrs.objective("Remarkable", "1y", [(str(n), kr()) for n in range(6)], TODAY)


@pytest.mark.parametrize("count, presentable", [(0, False), (1, False), (2, True), (5, True), (6, False)])
def test_an_objective_is_presented_with_two_to_five_key_results(count, presentable):
    if presentable:
        okrs.require_presentable(count)
    else:
        with pytest.raises(okrs.KeyResultCount):
            okrs.require_presentable(count)


def test_a_pillar_team_drafts_only_its_pillar_and_not_once_presented():
    step = new_step("okrs", "o", works_on="p", settings={"scope": "groups"})
    okrs.may_draft(step, facilitator=False, state=None, pillar_id="a", team_pillar="a", pillar_teams=True)
    with pytest.raises(okrs.NotYourPillar):
        okrs.may_draft(step, facilitator=False, state=None, pillar_id="a", team_pillar="b", pillar_teams=True)
    with pytest.raises(okrs.NotYourPillar):
        okrs.may_draft(step, facilitator=False, state=None, pillar_id="a", team_pillar=None, pillar_teams=True)
    with pytest.raises(okrs.ObjectiveLocked):
        okrs.may_draft(step, facilitator=False, state=okrs.PRESENTED, pillar_id="a", team_pillar="a",
                       pillar_teams=True)
    okrs.may_draft(step, facilitator=True, state=okrs.ACCEPTED, pillar_id="a", team_pillar=None, pillar_teams=True)


@pytest.mark.parametrize("state", [okrs.DRAFT, okrs.PRESENTED, okrs.ACCEPTED, okrs.SENT_BACK])
def test_the_facilitator_edits_any_teams_objective_in_any_state_and_it_keeps_its_state(state):
    step = new_step("okrs", "o", works_on="p", settings={"scope": "groups"})
    okrs.may_draft(step, facilitator=True, state=state, pillar_id="a", team_pillar=None, pillar_teams=True)
    assert okrs.state_after_save(state, facilitator=True) == state


def test_a_team_editing_what_was_sent_back_drafts_it_again():
    assert okrs.state_after_save(okrs.SENT_BACK, facilitator=False) == okrs.DRAFT


@pytest.mark.parametrize("words, horizon, key_results, field", [
    ("", "1y", [], "text"),
    ("Remarkable", "5y", [], "horizon"),
    ("Remarkable", "1y", [("a", kr()), ("b", kr(target="soon"))], "key_results.1.target"),
    ("Remarkable", "1y", [("a", kr(baseline=15))], "key_results.0.target"),
    ("Remarkable", "1y", [("a", kr(baseline="n/a"))], "key_results.0.baseline"),
    ("Remarkable", "1y", [("a", kr()), ("b", kr(due="2020-01-01"))], "key_results.1.due"),
    ("Remarkable", "1y", [("a", kr(metric=""))], "key_results.0.metric"),
    ("Remarkable", "1y", [("a", kr(unit="x" * 21))], "key_results.0.unit"),
    ("Remarkable", "1y", [(str(n), kr()) for n in range(6)], "key_results"),
])
def test_a_refused_objective_names_the_field_a_form_shows_the_error_by(words, horizon, key_results, field):
    with pytest.raises(InvalidInput) as refused:
        okrs.objective(words, horizon, key_results, TODAY)
    assert refused.value.field == field


def test_the_whole_room_drafts_any_pillar_without_teams():
    step = new_step("okrs", "o", works_on="p")
    okrs.may_draft(step, facilitator=False, state=None, pillar_id="a", team_pillar=None, pillar_teams=False)


def test_only_a_presented_objective_is_reviewed():
    okrs.require_presented(okrs.PRESENTED)
    with pytest.raises(DomainError):
        okrs.require_presented(okrs.DRAFT)


def test_an_okrs_step_works_on_a_pillars_step():
    from workshop.domain.agenda import Agenda
    from workshop.domain.steps import BadReference
    Agenda.of([new_step("pillars", "p"), new_step("okrs", "o", works_on="p")])
    with pytest.raises(BadReference):
        Agenda.of([new_step("collect", "c"), new_step("okrs", "o", works_on="c")])
