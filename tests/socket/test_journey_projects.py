"""Projects by pillar on a journey: the organiser gives each project the pillar of
the offsite it moves forward and orders each pillar's projects by priority."""
# ruff: noqa: F811 (the fixtures are imported, then named as arguments)
from __future__ import annotations

import pytest

from tests.conftest import new_id
from tests.socket.test_briefings import path_of
from tests.socket.test_journey_feed import journey  # noqa: F401 (fixture)
from tests.socket.test_pillars_okrs import objective, offsite  # noqa: F401 (fixture)


@pytest.fixture
def pillars(http, journey, offsite):
    """The journey's formulate stage holds the offsite, with three pillars."""
    made = [offsite.add_pillar(name) for name in ("Enable our people", "Customers first", "Scale smart")]
    attached = http.post(f"/api/journeys/{journey['id']}/workshops/attach",
                         json={"stage": "formulate", "workshop_id": offsite.workshop["id"],
                               "facilitator_key": offsite.workshop["facilitator_key"]})
    assert attached.status_code == 201, attached.json
    return {p["name"]: p["id"] for p in made}


@pytest.fixture
def key_results(pillars, offsite):
    """At the offsite each group, the team of a pillar, presents an objective with two key results."""
    offsite.go(offsite.okrs_step)
    made = {}
    for (group_id, members), (pillar, statements) in zip(offsite.groups.items(), (
            ("Enable our people", ("Focus hours up", "Fewer meetings")),
            ("Customers first", ("NPS above 40", "Churn below 5%")))):
        assert offsite.facilitator.call("okr:assign", {"group_id": group_id, "pillar_id": pillars[pillar]})["ok"]
        draft = objective(pillars[pillar])
        for kr, statement in zip(draft["key_results"], statements):
            kr["statement"] = statement
        saved = members[0].call("okr:save", draft)
        assert saved["ok"], saved
        assert members[0].call("okr:present", {"objective_id": draft["id"]})["ok"]
        made |= {kr["statement"]: kr["id"] for kr in draft["key_results"]}
        made[pillar] = draft["id"]
    return made


def add(http, journey, title: str, pillar_id: str | None = None, **extra) -> dict:
    response = http.post(f"/api/journeys/{journey['id']}/projects",
                         json={"id": new_id(), "title": title, "pillar_id": pillar_id, **extra})
    assert response.status_code == 201, response.json
    return response.json["project"]


def change(http, journey, project: dict, **fields):
    return http.patch(f"/api/journeys/{journey['id']}/projects/{project['id']}", json=fields)


def shown(http, journey) -> list[tuple[str | None, list[str]]]:
    """What the organiser sees: each pillar (None: no pillar yet) with its projects, first priority first."""
    groups = http.get(f"/api/journeys/{journey['id']}/projects").json["groups"]
    return [(g["pillar"]["name"] if g["pillar"] else None, [p["title"] for p in g["projects"]]) for g in groups]


def test_projects_stand_under_the_pillar_they_serve_and_a_pillar_nobody_serves_shows(http, journey, pillars):
    add(http, journey, "Focus weeks", pillars["Enable our people"], team="Munich")
    add(http, journey, "Customer panels", pillars["Customers first"])
    add(http, journey, "Mentoring", pillars["Enable our people"])
    add(http, journey, "New office chairs")
    assert shown(http, journey) == [("Enable our people", ["Focus weeks", "Mentoring"]),
                                    ("Customers first", ["Customer panels"]), ("Scale smart", []),
                                    (None, ["New office chairs"])]
    page = http.get(f"/journeys/{journey['id']}").get_data(as_text=True)
    assert "Projects by pillar" in page and "No project serves this pillar yet." in page
    assert "Munich" in page and "New office chairs" in page
    assert "Projects by pillar</a>: 3 of 4 projects serve a pillar" in " ".join(page.split())  # in Carry back


def test_moving_a_project_up_changes_the_priority_within_its_pillar_only(http, journey, pillars):
    enable = pillars["Enable our people"]
    first, second, third = (add(http, journey, t, enable) for t in ("Focus weeks", "Mentoring", "Guilds"))
    add(http, journey, "Customer panels", pillars["Customers first"])
    assert change(http, journey, third, position=0).status_code == 200
    assert shown(http, journey)[0] == ("Enable our people", ["Guilds", "Focus weeks", "Mentoring"])
    assert change(http, journey, first, position=1).status_code == 200
    assert change(http, journey, second, position=99).status_code == 200  # past the end: last
    assert shown(http, journey)[:2] == [("Enable our people", ["Guilds", "Focus weeks", "Mentoring"]),
                                        ("Customers first", ["Customer panels"])]


def test_another_pillar_puts_the_project_last_there_and_an_empty_one_takes_it_off(http, journey, pillars):
    panels = add(http, journey, "Customer panels", pillars["Customers first"])
    add(http, journey, "Status page", pillars["Scale smart"])
    moved = change(http, journey, panels, pillar_id=pillars["Scale smart"], title="Customer panels, monthly")
    assert moved.status_code == 200 and moved.json["project"]["pillar_id"] == pillars["Scale smart"]
    assert shown(http, journey)[2] == ("Scale smart", ["Status page", "Customer panels, monthly"])
    assert change(http, journey, panels, team="Madrid").json["project"]["pillar_id"] == pillars["Scale smart"]
    assert change(http, journey, panels, pillar_id="").json["project"]["pillar_id"] is None
    assert shown(http, journey)[2:] == [("Scale smart", ["Status page"]), (None, ["Customer panels, monthly"])]


def test_a_retried_add_keeps_one_project_and_another_journeys_id_is_refused(http, journey, pillars):
    payload = {"id": new_id(), "title": "Focus weeks", "pillar_id": pillars["Enable our people"]}
    for _ in range(2):
        assert http.post(f"/api/journeys/{journey['id']}/projects", json=payload).status_code == 201
    assert shown(http, journey)[0] == ("Enable our people", ["Focus weeks"])
    other = http.post("/api/journeys", json={"title": "Other"}).json
    taken = http.post(f"/api/journeys/{other['id']}/projects", json={**payload, "pillar_id": None})
    assert taken.status_code == 409 and taken.json["error"]["code"] == "project_id_taken"
    assert shown(http, other) == [(None, [])]


@pytest.mark.parametrize("fields, code", [
    ({"title": " "}, "invalid"), ({"title": "x" * 121}, "invalid"), ({"team": "t" * 61}, "invalid"),
    ({"pillar_id": "no-such-pillar"}, "unknown_pillar"), ({"position": -1}, "invalid"),
    ({"position": "first"}, "invalid")])
def test_a_bad_change_is_refused_and_changes_nothing(http, journey, pillars, fields, code):
    project = add(http, journey, "Focus weeks", pillars["Enable our people"], team="Munich")
    refused = change(http, journey, project, **fields)
    assert refused.status_code == 400 and refused.json["error"]["code"] == code, refused.json
    (stored,) = http.get(f"/api/journeys/{journey['id']}/projects").json["groups"][0]["projects"]
    assert (stored["title"], stored["team"], stored["pillar_id"]) == ("Focus weeks", "Munich",
                                                                       pillars["Enable our people"])


def test_a_bad_project_is_refused_and_none_is_added(http, journey, pillars):
    for payload, code in (({"title": ""}, "invalid"), ({"title": "A", "pillar_id": "nope"}, "unknown_pillar"),
                          ({"title": "A", "team": 5}, "invalid")):
        refused = http.post(f"/api/journeys/{journey['id']}/projects", json={"id": new_id(), **payload})
        assert refused.status_code == 400 and refused.json["error"]["code"] == code, (payload, refused.json)
    assert all(not g["projects"] for g in http.get(f"/api/journeys/{journey['id']}/projects").json["groups"])
    missing = http.patch(f"/api/journeys/{journey['id']}/projects/{new_id()}", json={"title": "B"})
    assert missing.status_code == 404 and missing.json["error"]["code"] == "no_such_project"


def test_a_pillar_removed_at_the_offsite_leaves_its_projects_marked(http, journey, pillars, offsite):
    add(http, journey, "Status page", pillars["Scale smart"])
    assert offsite.facilitator.call("pillar:remove", {"pillar_id": pillars["Scale smart"]})["ok"]
    groups = http.get(f"/api/journeys/{journey['id']}/projects").json["groups"]
    assert [g["pillar"]["name"] for g in groups if g["pillar"]] == ["Enable our people", "Customers first"]
    (gone,) = groups[-1]["projects"]
    assert (gone["title"], gone["pillar_gone"]) == ("Status page", True)
    assert "its pillar was removed" in http.get(f"/journeys/{journey['id']}").get_data(as_text=True)


def test_removing_a_project_and_what_the_export_and_the_deletion_say(http, journey, pillars):
    keep = add(http, journey, "Focus weeks", pillars["Enable our people"], team="Munich")
    gone = add(http, journey, "Guilds", pillars["Enable our people"])
    assert http.delete(f"/api/journeys/{journey['id']}/projects/{gone['id']}").status_code == 200
    assert http.delete(f"/api/journeys/{journey['id']}/projects/{gone['id']}").status_code == 404
    (exported,) = http.get(f"/api/journeys/{journey['id']}/export").json["projects"]
    assert (exported["id"], exported["title"], exported["team"], exported["pillar"]) == (
        keep["id"], "Focus weeks", "Munich", "Enable our people")
    assert "its 1 project by pillar" in http.get(f"/journeys/{journey['id']}/delete").get_data(as_text=True)
    deleted = http.delete(f"/api/journeys/{journey['id']}", json={"confirm": "CX strategy"})
    assert deleted.json["deleted"]["journey_projects"] == 1


def test_without_pillars_projects_wait_under_no_pillar(http, journey):
    add(http, journey, "Focus weeks")
    assert shown(http, journey) == [(None, ["Focus weeks"])]
    assert 'id="no-pillars"' in http.get(f"/journeys/{journey['id']}").get_data(as_text=True)


def test_the_dashboard_measures_how_many_projects_serve_a_pillar(http, journey, pillars):
    empty = http.get(f"/journeys/{journey['id']}/dashboard").get_data(as_text=True)
    assert "No projects yet" in empty
    add(http, journey, "Focus weeks", pillars["Enable our people"])
    add(http, journey, "Customer panels", pillars["Customers first"])
    add(http, journey, "Mentoring", pillars["Enable our people"])
    add(http, journey, "New office chairs")
    page = http.get(f"/journeys/{journey['id']}/dashboard").get_data(as_text=True)
    assert "3 / 4 (75%)" in page
    assert "No project serves Scale smart yet." in page
    assert "<title>Enable our people: 2</title>" in page and "<title>Scale smart: 0</title>" in page
    block = http.get(f"/journeys/{journey['id']}/dashboard.csv").data.decode("utf-8-sig").split("\r\n\r\n")[-1]
    assert block.split("\r\n")[:-1] == ["Pillar,Projects", "Enable our people,2", "Customers first,1",
                                         "Scale smart,0", "(no pillar),1"]


@pytest.mark.parametrize("kind", ["organisation", "leadership"])
def test_both_briefings_show_each_pillars_projects_in_priority_order(http, journey, pillars, kind):
    add(http, journey, "Focus weeks", pillars["Enable our people"], team="Munich")
    add(http, journey, "Mentoring", pillars["Enable our people"])
    add(http, journey, "New office chairs", team="Madrid")  # serves no pillar: not in a briefing
    share = http.post(f"/api/journeys/{journey['id']}/briefings", json={"kind": kind}).json["share"]
    page = http.get(path_of(share)).get_data(as_text=True)
    assert 'aria-label="Projects of Enable our people, first priority first"' in page
    assert page.index("Focus weeks") < page.index("Mentoring") and "· Munich" in page
    assert "New office chairs" not in page and "Projects of Customers first" not in page


def test_a_project_names_a_key_result_of_its_pillar_and_another_pillar_lets_it_go(http, journey, pillars,
                                                                                   key_results):
    focus = add(http, journey, "Focus weeks", pillars["Enable our people"], key_result_id=key_results["Focus hours up"])
    page = " ".join(http.get(f"/journeys/{journey['id']}").get_data(as_text=True).split())
    assert "moves: Focus hours up" in page and 'aria-label="Key result Focus weeks moves"' in page
    assert "1 of 1 project serves a pillar; 1 of 4 key results moved" in page  # in Carry back

    renamed = change(http, journey, focus, title="Focus months").json["project"]
    assert renamed["key_result_id"] == key_results["Focus hours up"]  # what was not sent stays
    other_pillars = change(http, journey, focus, key_result_id=key_results["NPS above 40"])
    assert other_pillars.status_code == 400 and other_pillars.json["error"]["code"] == "unknown_key_result"
    assert change(http, journey, focus, key_result_id=key_results["Fewer meetings"]).status_code == 200
    (project,) = http.get(f"/api/journeys/{journey['id']}/projects").json["groups"][0]["projects"]
    assert project["key_result"] == "Fewer meetings"

    moved = change(http, journey, focus, pillar_id=pillars["Customers first"]).json["project"]
    assert moved["key_result_id"] is None  # the old pillar's key result does not follow it
    refused = http.post(f"/api/journeys/{journey['id']}/projects",
                        json={"id": new_id(), "title": "Guilds", "key_result_id": key_results["Focus hours up"]})
    assert refused.status_code == 400 and refused.json["error"]["code"] == "unknown_key_result"
    assert shown(http, journey) == [("Enable our people", []), ("Customers first", ["Focus months"]),
                                    ("Scale smart", []), (None, [])]


def test_a_draft_objectives_key_results_are_not_offered(http, journey, pillars, offsite):
    offsite.go(offsite.okrs_step)
    (group_id, members), _ = offsite.groups.items()
    assert offsite.facilitator.call("okr:assign", {"group_id": group_id, "pillar_id": pillars["Scale smart"]})["ok"]
    draft = objective(pillars["Scale smart"])
    assert members[0].call("okr:save", draft)["ok"]  # drafted by the team, never presented
    refused = http.post(f"/api/journeys/{journey['id']}/projects",
                        json={"id": new_id(), "title": "Status page", "pillar_id": pillars["Scale smart"],
                              "key_result_id": draft["key_results"][0]["id"]})
    assert refused.status_code == 400 and refused.json["error"]["code"] == "unknown_key_result"
    assert http.get(f"/api/journeys/{journey['id']}/projects").json["groups"][2]["key_results"] == []


def test_an_objective_sent_back_at_the_offsite_leaves_its_projects_marked(http, journey, pillars, key_results,
                                                                          offsite):
    add(http, journey, "Focus weeks", pillars["Enable our people"], key_result_id=key_results["Focus hours up"])
    back = offsite.facilitator.call("okr:send_back", {"objective_id": key_results["Enable our people"],
                                                      "note": "Make it bolder"})
    assert back["ok"], back
    (project,) = http.get(f"/api/journeys/{journey['id']}/projects").json["groups"][0]["projects"]
    assert (project["key_result"], project["key_result_gone"]) == (None, True)
    assert "its key result was removed" in http.get(f"/journeys/{journey['id']}").get_data(as_text=True)


def test_the_dashboard_briefing_and_export_say_which_key_results_the_projects_move(http, journey, pillars,
                                                                                   key_results):
    add(http, journey, "Focus weeks", pillars["Enable our people"], key_result_id=key_results["Focus hours up"])
    add(http, journey, "Mentoring", pillars["Enable our people"], key_result_id=key_results["Focus hours up"])
    add(http, journey, "Customer panels", pillars["Customers first"], key_result_id=key_results["NPS above 40"])
    page = " ".join(http.get(f"/journeys/{journey['id']}/dashboard").get_data(as_text=True).split())
    assert "<dt>Key results a project moves</dt><dd>2 / 4</dd>" in page
    assert "No project moves these key results yet:" in page
    assert page.count('<li>Fewer meetings <span class="muted">· Enable our people</span></li>') == 1
    assert "Churn below 5%" in page and "<li>Focus hours up" not in page
    blocks = http.get(f"/journeys/{journey['id']}/dashboard.csv").data.decode("utf-8-sig").split("\r\n\r\n")
    assert blocks[-2].split("\r\n") == [  # the last: where each stands (test_journey_progress.py)
        "Pillar,Key result,Projects moving it", "Enable our people,Focus hours up,2",
        "Enable our people,Fewer meetings,0", "Customers first,NPS above 40,1", "Customers first,Churn below 5%,0"]
    share = http.post(f"/api/journeys/{journey['id']}/briefings", json={"kind": "organisation"}).json["share"]
    briefing = " ".join(http.get(path_of(share)).get_data(as_text=True).split())
    assert 'Customer panels <small class="briefing-project-measure">moves: NPS above 40</small>' in briefing
    exported = http.get(f"/api/journeys/{journey['id']}/export").json["projects"]
    assert [(p["title"], p["key_result"]) for p in exported] == [
        ("Focus weeks", "Focus hours up"), ("Mentoring", "Focus hours up"), ("Customer panels", "NPS above 40")]


def test_the_projects_download_as_csv_by_pillar_and_priority_never_as_formulas(http, journey, pillars,
                                                                              key_results):
    assert "Download the projects as CSV" not in http.get(f"/journeys/{journey['id']}").get_data(as_text=True)
    add(http, journey, "Focus weeks", pillars["Enable our people"], team="Munich")
    first = add(http, journey, "=Mentoring", pillars["Enable our people"], key_result_id=key_results["Fewer meetings"])
    change(http, journey, first, position=0)
    add(http, journey, "New office chairs", team="Madrid")
    assert "Download the projects as CSV" in http.get(f"/journeys/{journey['id']}").get_data(as_text=True)
    got = http.get(f"/journeys/{journey['id']}/projects.csv")
    assert got.status_code == 200 and got.mimetype == "text/csv"
    assert "attachment" in got.headers["Content-Disposition"]
    lines = [line.rsplit(",", 1)[0] for line in got.data.decode("utf-8-sig").split("\r\n")[:-1]]
    assert lines == ["pillar,priority,project,team,key_result", "Enable our people,1,'=Mentoring,,Fewer meetings",
                     "Enable our people,2,Focus weeks,Munich,", ",1,New office chairs,Madrid,"]
