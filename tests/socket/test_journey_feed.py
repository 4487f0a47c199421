"""Feeding the next stage from the journey, and the dashboard of what it measured."""
from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import new_id
from tests.socket.sorting import cluster


@pytest.fixture
def journey(http):
    made = http.post("/api/journeys", json={"title": "CX strategy", "teams": [{"team": "Munich", "expected": 4},
                                                                             {"team": "Madrid", "expected": 2}]})
    return made.json


@pytest.fixture
def session(http, journey, collecting, join):
    """A finished all-hands session of the journey's first stage: one cluster per
    topic written, a cluster's name as given, the summary reached."""
    def make(title: str, team: str, written: dict[str, list[tuple[str, str]]]) -> dict:
        workshop, facilitator = collecting(title=title)
        people = {name: join(workshop, name) for name in {n for cards in written.values() for n, _ in cards}}
        ids: dict[str, list[str]] = {}
        for name_of_cluster, cards in written.items():
            ids[name_of_cluster] = [people[name].add_card(text)["card"]["id"] for name, text in cards]
        assert facilitator.call("phase:set", {"phase": "cluster"})["ok"]
        for name_of_cluster, card_ids in ids.items():
            assert cluster(facilitator, *card_ids, name=name_of_cluster)["ok"]
        assert facilitator.call("phase:set", {"phase": "summary"})["ok"]
        attached = http.post(f"/api/journeys/{journey['id']}/workshops/attach",
                             json={"stage": "start", "workshop_id": workshop["id"], "team": team,
                                   "facilitator_key": workshop["facilitator_key"]})
        assert attached.status_code == 201, attached.json
        return workshop
    return make


@pytest.fixture
def two_sessions(session):
    munich = session("Munich all-hands", "Munich", {
        "Customer demos": [("Ann", "Weekly customer demos"), ("Bo", "Demo to customers monthly")],
        "Fewer meetings": [("Cy", "Too many meetings")]})
    madrid = session("Madrid all-hands", "Madrid", {
        "More customer demos": [("Dee", "Customers should see demos")]})
    return munich, madrid


def feed(http, journey, sources, **extra):
    return http.post(f"/api/journeys/{journey['id']}/feed",
                     json={"stage": "start", "from": [s["id"] for s in sources], "title": "Leadership circle",
                           **extra})


def test_the_preview_suggests_merging_alike_items_of_different_sessions(http, journey, two_sessions):
    preview = http.post(f"/api/journeys/{journey['id']}/feed/preview",
                        json={"stage": "start", "from": [s["id"] for s in two_sessions]}).json["preview"]
    assert {(i["title"], i["sessions"], i["people"]) for i in preview["items"]} == {
        ("Customer demos", 1, 2), ("Fewer meetings", 1, 1), ("More customer demos", 1, 1)}
    assert [m["titles"] for m in preview["merges"]] == [["Customer demos", "More customer demos"]]


def test_feeding_carries_the_top_items_into_the_next_stage_merged_with_who_raised_them(
        http, journey, two_sessions):
    preview = http.post(f"/api/journeys/{journey['id']}/feed/preview",
                        json={"stage": "start", "from": [s["id"] for s in two_sessions]}).json["preview"]
    made = feed(http, journey, two_sessions, merges=[preview["merges"][0]["keys"]])
    assert made.status_code == 201, made.json
    assert (made.json["stage"], made.json["carried_cards"], made.json["carried_items"], made.json["merged"]) == (
        "narrow", 4, 2, 1)
    summary = http.get(f"/api/workshops/{made.json['id']}/summary").json["summary"]
    assert sorted((c["name"], len(c["cards"])) for c in summary["clusters"]) == [("Customer demos", 3),
                                                                                ("Fewer meetings", 1)]
    stages = http.get(f"/api/journeys/{journey['id']}").json["stages"]
    assert [w["title"] for w in stages[1]["workshops"]] == ["Leadership circle"]
    # Customer demos: Ann and Bo (one group of Munich) and Dee (Madrid's group).
    carried = stages[1]["workshops"][0]["carried"]
    assert [{k: v for k, v in item.items() if k != "item_id"} for item in carried] == [
        {"title": "Customer demos", "sessions": 2, "groups": 2, "people": 3, "merged": 2},
        {"title": "Fewer meetings", "sessions": 1, "groups": 1, "people": 1, "merged": 1}]
    # Each carried item opens its trail from the journey page, back to the sessions' cards.
    page = http.get(f"/journeys/{journey['id']}").get_data(as_text=True)
    demos = carried[0]["item_id"]
    assert f"/journeys/{journey['id']}/trail?kind=cluster&amp;id={demos}" in page
    trail = http.get(f"/api/journeys/{journey['id']}/trail?kind=cluster&id={demos}").json["trail"]
    assert trail["start"]["text"] == "Customer demos"
    kpis = http.get(f"/api/journeys/{journey['id']}/kpis").json
    # Every writer of Munich (Ann, Bo, Cy) and Madrid (Dee) reached the consolidation.
    assert kpis["whole"]["voices"] == {"writers": 4, "carried": 4, "percent": 100}
    assert [t["reached"] for t in kpis["reach"]["per_team"]] == [3, 1]


def test_only_finished_workshops_of_the_stage_feed_it(http, journey, two_sessions):
    live = http.post(f"/api/journeys/{journey['id']}/workshops", json={"stage": "start", "title": "Berlin"}).json
    refused = feed(http, journey, [*two_sessions, live])
    assert refused.status_code == 409 and refused.json["error"]["code"] == "not_finished"
    narrow = http.post(f"/api/journeys/{journey['id']}/workshops", json={"stage": "narrow", "title": "Circle"}).json
    assert feed(http, journey, [narrow]).json["error"]["code"] == "not_in_stage"
    assert len(http.get(f"/api/journeys/{journey['id']}").json["stages"][1]["workshops"]) == 1  # nothing fed


def test_the_dashboard_shows_charts_a_table_and_compares_two_sessions(http, journey, two_sessions):
    munich, madrid = two_sessions
    page = http.get(f"/journeys/{journey['id']}/dashboard?a=session:{munich['id']}&b=session:{madrid['id']}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    # people, cards per person, share of voices, Elmos; no feedback yet, so no satisfaction to draw
    assert text.count('data-chart="compare-') == 4 and 'id="figures"' in text and 'id="comparison"' in text
    assert 'id="reach-by-role"' in text and 'id="reach-by-experience"' in text
    assert "Munich all-hands" in text and "Madrid all-hands" in text


def test_a_pick_that_is_not_the_journeys_says_so_on_the_dashboard(http, journey, two_sessions):
    page = http.get(f"/journeys/{journey['id']}/dashboard?a=session:elsewhere&b=groups:mixed-role")
    assert page.status_code == 200
    assert 'role="alert"' in page.get_data(as_text=True) and 'id="comparison"' not in page.get_data(as_text=True)
    assert http.get(f"/api/journeys/{journey['id']}/compare?a=session:elsewhere&b=team:Munich").status_code == 400


def test_the_dashboard_csv_holds_a_row_per_session_and_the_whole_journey(http, journey, two_sessions):
    response = http.get(f"/journeys/{journey['id']}/dashboard.csv")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = response.data.decode("utf-8-sig")
    sessions, by_role, by_experience, projects = text.split("\r\n\r\n")
    rows = list(csv.DictReader(io.StringIO(sessions)))
    assert [(r["Session"], r["People"], r["Cards"]) for r in rows] == [
        ("Munich all-hands", "3", "3"), ("Madrid all-hands", "1", "1"), ("Whole journey", "4", "4")]
    # Nobody gave a role or a level: all four people of the broad stage are "not said".
    assert list(csv.reader(io.StringIO(by_role))) == [["Role", "People", "Share %"], ["(not said)", "4", "100"]]
    assert list(csv.reader(io.StringIO(by_experience)))[0] == ["Experience", "People", "Share %"]
    # No pillars and no projects yet: the projects block holds only the count of those without a pillar.
    assert list(csv.reader(io.StringIO(projects))) == [["Pillar", "Projects"], ["(no pillar)", "0"]]


@pytest.fixture
def grouped(http, journey, collecting, join):
    """A broad-stage session of two groups: Ann (Sales) and Bo (Engineer) mixed; Cy and Dee both Sales."""
    workshop, facilitator = collecting(title="Munich all-hands")
    people = {name: join(workshop, name, role=role, experience=level) for name, role, level in (
        ("Ann", "Sales", "new"), ("Bo", "Engineer", "veteran"), ("Cy", "Sales", "new"), ("Dee", "sales", ""))}
    for first, second in (("Ann", "Bo"), ("Cy", "Dee")):
        group = facilitator.call("participant:move", {"participant_id": people[first].id})["participant"]["group_id"]
        assert facilitator.call("participant:move", {"participant_id": people[second].id, "group_id": group})["ok"]
    for name, cards in (("Ann", 2), ("Bo", 1), ("Cy", 1)):
        for n in range(cards):
            assert people[name].add_card(f"{name}'s card {n}")["ok"]
    attached = http.post(f"/api/journeys/{journey['id']}/workshops/attach",
                         json={"stage": "start", "workshop_id": workshop["id"], "team": "Munich",
                               "facilitator_key": workshop["facilitator_key"]})
    assert attached.status_code == 201, attached.json
    return workshop


def test_mixed_role_groups_compared_with_single_role_groups(http, journey, grouped):
    compared = http.get(f"/api/journeys/{journey['id']}/compare?a=groups:mixed-role&b=groups:single-role").json
    figures = {r["key"]: (r["a"], r["b"]) for r in compared["rows"]}
    assert (compared["a"], compared["b"]) == ("Mixed-role groups", "Single-role groups")
    # Ann 2 + Bo 1 cards over 2 people: 1.5; Cy's 1 card over Cy and Dee ("sales" is Sales): 0.5
    assert (figures["groups"], figures["participants"], figures["cards_per_person"]) == ((1, 1), (2, 2), (1.5, 0.5))
    assert figures["decisions"] == (None, None) and len(compared["unavailable"]) == 3
    csv_text = http.get(f"/journeys/{journey['id']}/compare.csv?a=groups:mixed-role&b=groups:single-role")
    lines = list(csv.reader(io.StringIO(csv_text.data.decode("utf-8-sig"))))
    assert lines[0] == ["Figure", "Mixed-role groups", "Single-role groups", "Difference"]
    assert ["Cards per person", "1.5", "0.5", "-1.0"] in lines


def test_the_dashboard_shows_the_broad_stages_people_by_role_and_experience(http, journey, grouped):
    reach = http.get(f"/api/journeys/{journey['id']}/kpis").json["reach"]
    assert reach["by_role"] == [{"name": "Sales", "people": 3, "percent": 75},
                                {"name": "Engineer", "people": 1, "percent": 25}]
    assert [(r["name"], r["people"]) for r in reach["by_experience"]] == [
        ("new", 2), ("veteran", 1), ("(not said)", 1)]
    page = http.get(f"/journeys/{journey['id']}/dashboard?a=groups:mixed-role&b=groups:single-role")
    text = page.get_data(as_text=True)
    assert 'id="reach-by-role"' in text and 'data-chart="reach-role"' in text and 'id="not-for-groups"' in text


def test_a_sessions_kpis_agree_with_its_summary(http, journey, make_workshop, facilitator_of, join):
    """The dashboard reads only the rows it needs: its figures must be the summary's."""
    workshop = make_workshop("Offsite")
    facilitator = facilitator_of(workshop)
    people = [join(workshop, name) for name in ("Ann", "Bob", "Cy")]
    topic_id = new_id()
    assert facilitator.call("topic:save", {"id": topic_id, "title": "Release cadence", "planned": 300})["ok"]
    assert facilitator.call("topic:open", {"topic_id": topic_id})["ok"]
    assert people[0].call("elmo:throw", {"topic_id": topic_id})["ok"]
    poll = facilitator.call("poll:open", {"id": new_id(), "proposal": "Release every week"})["poll"]
    for person in people:
        assert person.call("poll:answer", {"round_id": poll["rounds"][-1]["id"], "level": 90})["ok"]
    assert facilitator.call("poll:close", {"round_id": poll["rounds"][-1]["id"]})["ok"]
    attached = http.post(f"/api/journeys/{journey['id']}/workshops/attach",
                         json={"stage": "formulate", "workshop_id": workshop["id"],
                               "facilitator_key": workshop["facilitator_key"]})
    assert attached.status_code == 201
    figures = http.get(f"/api/workshops/{workshop['id']}/summary").json["summary"]["analytics"]
    (kpis,) = http.get(f"/api/journeys/{journey['id']}/kpis").json["sessions"]
    assert (kpis["participants"], kpis["elmos"], kpis["decisions"]["committed"], kpis["decisions"]["polls"]) == (
        figures["participants"], figures["elmos"], figures["decisions"], figures["polls"]) == (3, 1, 1, 1)
    assert kpis["adherence"] == {"timed": 1, "within": 1, "percent": 100}
