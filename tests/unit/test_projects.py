"""Projects by pillar: the rules of a project, its priority within its pillar, and the grouping."""
from __future__ import annotations

import pytest

from workshop.domain import projects as rules
from workshop.domain.errors import InvalidInput

PILLARS = [{"id": "p1", "name": "Enable our people"}, {"id": "p2", "name": "Customers first"}]


def row(project_id: str, pillar_id: str | None) -> dict:
    return {"id": project_id, "title": project_id.title(), "team": "", "pillar_id": pillar_id}


def test_a_new_project_is_trimmed_and_serves_one_of_the_journeys_pillars_or_none():
    made = rules.new_project("a", "  Focus   weeks ", " Munich ", "p1", {"p1", "p2"}, 0)
    assert made == rules.Project("a", "Focus weeks", "Munich", "p1")
    assert rules.new_project("b", "Guilds", None, "", {"p1"}, 0).pillar_id is None
    assert rules.new_project("c", "Guilds", None, None, set(), 0).pillar_id is None


@pytest.mark.parametrize("title, team, pillar, error", [
    ("", None, None, InvalidInput), ("x" * (rules.TITLE_MAX + 1), None, None, InvalidInput),
    (5, None, None, InvalidInput), ("A", "t" * (rules.TEAM_MAX + 1), None, InvalidInput),
    ("A", None, "p9", rules.UnknownPillar), ("A", None, 3, rules.UnknownPillar)])
def test_a_bad_project_is_refused(title, team, pillar, error):
    with pytest.raises(error):
        rules.new_project("a", title, team, pillar, {"p1"}, 0)


def test_a_journey_holds_a_bounded_number_of_projects():
    with pytest.raises(rules.TooManyProjects):
        rules.new_project("a", "One more", None, None, set(), rules.MAX_PROJECTS)


def test_a_change_keeps_what_was_not_sent_and_an_empty_pillar_takes_it_off():
    project = rules.Project("a", "Focus weeks", "Munich", "p1")
    assert rules.changed(project, None, None, None, {"p1"}) == project
    assert rules.changed(project, "Focus months", None, "p2", {"p1", "p2"}) == rules.Project(
        "a", "Focus months", "Munich", "p2")
    assert rules.changed(project, None, "", "", {"p1"}) == rules.Project("a", "Focus weeks", "", None)
    with pytest.raises(rules.UnknownPillar):
        rules.changed(project, None, None, "p2", {"p1"})


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
    assert rules.portfolio([], []) == [{"pillar": None, "projects": []}]


def test_adoption_counts_the_projects_serving_a_pillar_and_names_the_pillars_none_serves():
    grouped = rules.portfolio(PILLARS + [{"id": "p3", "name": "Scale smart"}],
                              [row("x", "p2"), row("y", None), row("z", "p1"), row("v", "p2")])
    assert rules.adoption(grouped) == {
        "projects": 4, "on_a_pillar": 3, "percent": 75,
        "per_pillar": [("Enable our people", 1), ("Customers first", 2), ("Scale smart", 0)],
        "unserved": ["Scale smart"]}
    assert rules.adoption(rules.portfolio(PILLARS, []))["percent"] is None
