"""Projects by pillar: the rules of a project, its priority within its pillar, the key
result it moves, and the grouping."""
from __future__ import annotations

import pytest

from workshop.domain import projects as rules
from workshop.domain.errors import InvalidInput

PILLARS = [{"id": "p1", "name": "Enable our people"}, {"id": "p2", "name": "Customers first"}]
KEY_RESULTS = [{"id": "k1", "statement": "Focus hours up", "pillar_id": "p1", "objective_id": "o1"},
               {"id": "k2", "statement": "Fewer meetings", "pillar_id": "p1", "objective_id": "o1"},
               {"id": "k3", "statement": "NPS above 40", "pillar_id": "p2", "objective_id": "o2"}]
STRATEGY = rules.Strategy.of(PILLARS, KEY_RESULTS)


def pillars(*ids: str) -> rules.Strategy:
    return rules.Strategy.of([{"id": i} for i in ids])


def row(project_id: str, pillar_id: str | None, key_result_id: str | None = None) -> dict:
    return {"id": project_id, "title": project_id.title(), "team": "", "pillar_id": pillar_id,
            "key_result_id": key_result_id}


def test_a_new_project_is_trimmed_and_serves_one_of_the_journeys_pillars_or_none():
    made = rules.new_project("a", "  Focus   weeks ", " Munich ", "p1", None, pillars("p1", "p2"), 0)
    assert made == rules.Project("a", "Focus weeks", "Munich", "p1")
    assert rules.new_project("b", "Guilds", None, "", "", pillars("p1"), 0).pillar_id is None
    assert rules.new_project("c", "Guilds", None, None, None, pillars(), 0).pillar_id is None


@pytest.mark.parametrize("title, team, pillar, error", [
    ("", None, None, InvalidInput), ("x" * (rules.TITLE_MAX + 1), None, None, InvalidInput),
    (5, None, None, InvalidInput), ("A", "t" * (rules.TEAM_MAX + 1), None, InvalidInput),
    ("A", None, "p9", rules.UnknownPillar), ("A", None, 3, rules.UnknownPillar)])
def test_a_bad_project_is_refused(title, team, pillar, error):
    with pytest.raises(error):
        rules.new_project("a", title, team, pillar, None, pillars("p1"), 0)


def test_a_journey_holds_a_bounded_number_of_projects():
    with pytest.raises(rules.TooManyProjects):
        rules.new_project("a", "One more", None, None, None, pillars(), rules.MAX_PROJECTS)


def test_a_change_keeps_what_was_not_sent_and_an_empty_pillar_takes_it_off():
    project = rules.Project("a", "Focus weeks", "Munich", "p1")
    assert rules.changed(project, None, None, None, None, pillars("p1")) == project
    assert rules.changed(project, "Focus months", None, "p2", None, pillars("p1", "p2")) == rules.Project(
        "a", "Focus months", "Munich", "p2")
    assert rules.changed(project, None, "", "", None, pillars("p1")) == rules.Project("a", "Focus weeks", "", None)
    with pytest.raises(rules.UnknownPillar):
        rules.changed(project, None, None, "p2", None, pillars("p1"))


def test_a_project_names_a_key_result_of_its_own_pillar_only():
    made = rules.new_project("a", "Focus weeks", None, "p1", "k2", STRATEGY, 0)
    assert made.key_result_id == "k2"
    for pillar, key_result in (("p1", "k3"), ("p2", "k1"), (None, "k1"), ("p1", "k9"), ("p1", 7)):
        with pytest.raises(rules.UnknownKeyResult):
            rules.new_project("a", "Focus weeks", None, pillar, key_result, STRATEGY, 0)
    assert rules.changed(made, None, None, None, "k1", STRATEGY).key_result_id == "k1"
    assert rules.changed(made, None, None, None, "", STRATEGY).key_result_id is None
    with pytest.raises(rules.UnknownKeyResult):
        rules.changed(made, None, None, None, "k3", STRATEGY)


def test_another_pillar_lets_go_of_the_key_result_and_a_rename_keeps_it():
    project = rules.Project("a", "Focus weeks", "", "p1", "k1")
    assert rules.changed(project, "Focus months", None, None, None, STRATEGY).key_result_id == "k1"
    assert rules.changed(project, None, None, "p1", None, STRATEGY).key_result_id == "k1"
    assert rules.changed(project, None, None, "p2", None, STRATEGY).key_result_id is None
    assert rules.changed(project, None, None, "p2", "k3", STRATEGY) == rules.Project("a", "Focus weeks", "", "p2", "k3")
    assert rules.changed(project, None, None, "", None, STRATEGY).key_result_id is None
    gone = rules.Strategy.of(PILLARS, KEY_RESULTS[1:])  # k1's objective was sent back at the offsite
    assert rules.changed(project, "Focus months", None, None, None, gone).key_result_id == "k1"  # kept, marked


def test_moving_puts_the_project_at_its_place_and_past_the_end_last():
    assert rules.moved(["a", "b", "c"], "c", 0) == ["c", "a", "b"]
    assert rules.moved(["a", "b", "c"], "a", 1) == ["b", "a", "c"]
    assert rules.moved(["a", "b", "c"], "a", 7) == ["b", "c", "a"]
    for bad in (-1, True, "1", 1.5, None):
        with pytest.raises(InvalidInput):
            rules.moved(["a", "b"], "a", bad)


def test_the_portfolio_groups_by_pillar_in_the_strategys_order_then_the_rest():
    grouped = rules.portfolio(PILLARS, [row("x", "p2"), row("y", None), row("z", "p1"), row("w", "gone"),
                                        row("v", "p2")])
    assert [(g["pillar"] and g["pillar"]["id"], [p["id"] for p in g["projects"]]) for g in grouped] == [
        ("p1", ["z"]), ("p2", ["x", "v"]), (None, ["y", "w"])]
    assert [p["pillar_gone"] for p in grouped[-1]["projects"]] == [False, True]
    assert rules.portfolio([], []) == [{"pillar": None, "projects": [], "key_results": []}]


def test_each_pillar_counts_the_projects_moving_its_key_results_and_a_gone_one_is_marked():
    grouped = rules.portfolio(PILLARS, [row("x", "p1", "k1"), row("y", "p1", "k1"), row("z", "p1", "k7"),
                                        row("w", "p2"), row("v", None)], KEY_RESULTS)
    assert [(kr["statement"], kr["projects"]) for kr in grouped[0]["key_results"]] == [
        ("Focus hours up", 2), ("Fewer meetings", 0)]
    assert [(p["key_result"], p["objective_id"], p["key_result_gone"]) for p in grouped[0]["projects"]] == [
        ("Focus hours up", "o1", False), ("Focus hours up", "o1", False), (None, None, True)]
    assert [(p["key_result"], p["objective_id"], p["key_result_gone"]) for p in grouped[1]["projects"]] == [
        (None, None, False)]
    assert [(p["objective_id"], p["key_result_gone"]) for p in grouped[2]["projects"]] == [(None, False)]


def test_adoption_counts_the_projects_serving_a_pillar_and_names_the_pillars_none_serves():
    grouped = rules.portfolio(PILLARS + [{"id": "p3", "name": "Scale smart"}],
                              [row("x", "p2"), row("y", None), row("z", "p1"), row("v", "p2")])
    assert rules.adoption(grouped) == {
        "projects": 4, "on_a_pillar": 3, "percent": 75,
        "per_pillar": [("Enable our people", 1), ("Customers first", 2), ("Scale smart", 0)],
        "unserved": ["Scale smart"], "key_results": 0, "key_results_moved": 0, "per_key_result": [], "unmoved": []}
    assert rules.adoption(rules.portfolio(PILLARS, []))["percent"] is None


def test_adoption_names_the_key_results_no_project_moves():
    grouped = rules.portfolio(PILLARS, [row("x", "p1", "k1"), row("y", "p2")], KEY_RESULTS)
    measured = rules.adoption(grouped)
    assert (measured["key_results"], measured["key_results_moved"]) == (3, 1)
    assert measured["per_key_result"] == [("Enable our people", "Focus hours up", 1),
                                          ("Enable our people", "Fewer meetings", 0),
                                          ("Customers first", "NPS above 40", 0)]
    assert measured["unmoved"] == [("Enable our people", "Fewer meetings"), ("Customers first", "NPS above 40")]
