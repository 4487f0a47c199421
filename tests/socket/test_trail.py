"""The trail over HTTP across three stages (broad session → consolidation →
offsite with a pillar and an OKR), who may open it, and that it survives
exporting the three workshops and importing them into a fresh server."""
from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import new_id
from tests.socket.sorting import cluster
from workshop import create_app


class Stages:
    """An all-hands session (names shown) whose top cluster was carried into a
    leaders' consolidation, whose cluster was carried into an offsite, where a
    pillar was linked to it and an objective written for the pillar."""

    def __init__(self, http, collecting, facilitator_of, join):
        self.broad, facilitator = collecting(title="All-hands")
        ann, bo = join(self.broad, "Ann"), join(self.broad, "Bo")
        self.cards = [ann.add_card("Weekly customer demos")["card"]["id"],
                      bo.add_card("Demo to customers monthly")["card"]["id"]]
        assert facilitator.call("phase:set", {"phase": "cluster"})["ok"]
        assert cluster(facilitator, *self.cards, name="Customer demos")["ok"]
        assert facilitator.call("phase:set", {"phase": "summary"})["ok"]
        self.narrow = self.next_from(http, self.broad, "Leaders")
        self.offsite = self.next_from(http, self.narrow, "Offsite")
        self.pillar_id, self.objective_id = self.strategy(http, facilitator_of, join)

    @staticmethod
    def next_from(http, source: dict, title: str) -> dict:
        assert http.post("/api/organise/unlock", json={"keys": {source["id"]: source["facilitator_key"]}}).json["opened"]
        made = http.post("/api/workshops/next", json={"from": [source["id"]], "title": title})
        assert made.status_code == 201, made.json
        return made.json

    def strategy(self, http, facilitator_of, join) -> tuple[str, str]:
        facilitator = facilitator_of(self.offsite)
        dee = join(self.offsite, "Dee")
        pillars_step, okrs_step = new_id(), new_id()
        assert facilitator.call("agenda:add", {"id": pillars_step, "kind": "pillars", "position": 1})["ok"]
        assert facilitator.call("agenda:add", {"id": okrs_step, "kind": "okrs", "position": 2,
                                               "works_on": pillars_step})["ok"]
        assert facilitator.call("agenda:go", {"step_id": pillars_step})["ok"]
        pillar = facilitator.call("pillar:add", {"id": new_id(), "name": "Customers first"})["pillar"]
        (carried,) = http.get(f"/api/workshops/{self.offsite['id']}/summary").json["summary"]["clusters"]
        linked = facilitator.call("pillar:link", {"pillar_id": pillar["id"], "kind": "cluster",
                                                  "source_id": carried["id"]})
        assert linked["ok"], linked
        assert facilitator.call("agenda:go", {"step_id": okrs_step})["ok"]
        saved = dee.call("okr:save", {"id": new_id(), "pillar_id": pillar["id"], "text": "Customers see every release",
                                      "horizon": "6m", "key_results": [{**KR, "id": new_id()}, {**KR, "id": new_id()}]})
        assert saved["ok"], saved
        assert dee.call("okr:present", {"objective_id": saved["objective"]["id"]})["ok"]  # the strategy shows it
        return pillar["id"], saved["objective"]["id"]


KR = {"statement": "Demos held", "metric": "Demos a month", "unit": "", "baseline": 0, "target": 4,
      "due": "2099-06-30", "owner": "Dee"}


@pytest.fixture
def stages(http, collecting, facilitator_of, join):
    return Stages(http, collecting, facilitator_of, join)


def nodes(tree: list[dict]):
    for node in tree:
        yield node
        yield from nodes(node["children"])


def original_cards(trail: dict) -> list[tuple[str, str, str | None]]:
    return sorted((n["text"], n["workshop"], n["author"]) for n in nodes(trail["back"])
                  if n["kind"] == "card" and n["workshop"] == "All-hands")


ORIGINALS = [("Demo to customers monthly", "All-hands", "Bo"), ("Weekly customer demos", "All-hands", "Ann")]


def test_the_trail_from_an_okr_reaches_the_cards_people_wrote_with_their_names(http, stages):
    got = http.get(f"/api/workshops/{stages.offsite['id']}/trail?kind=objective&id={stages.objective_id}")
    assert got.status_code == 200, got.json
    trail = got.json["trail"]
    assert trail["start"]["text"] == "Customers see every release"
    assert [n["workshop"] for n in nodes(trail["back"]) if n["kind"] == "cluster"] == [
        "Offsite", "Leaders", "All-hands"]
    assert original_cards(trail) == ORIGINALS


def test_a_card_leads_forward_to_the_objective(http, stages):
    got = http.get(f"/api/workshops/{stages.broad['id']}/trail?kind=card&id={stages.cards[0]}").json["trail"]
    assert "Customers see every release" in [n["text"] for n in nodes(got["forward"]) if n["kind"] == "objective"]


def test_the_trail_page_reads_back_and_forward_and_the_strategy_links_to_it(http, stages):
    opened = http.get(f"/trail/{stages.offsite['id']}?kind=objective&id={stages.objective_id}")
    assert opened.headers["Cache-Control"] == "no-store"  # what people wrote: no cache keeps it
    page = opened.get_data(as_text=True)
    assert "Where it came from" in page and "Weekly customer demos" in page and "by Ann" in page
    strategy = http.get(f"/strategy/{stages.offsite['id']}").get_data(as_text=True)
    assert f"/trail/{stages.offsite['id']}?kind=objective&amp;id={stages.objective_id}" in strategy
    assert f"/trail/{stages.offsite['id']}?kind=pillar&amp;id={stages.pillar_id}" in strategy
    index = http.get(f"/trail/{stages.offsite['id']}").get_data(as_text=True)
    assert "Customers first" in index


def test_a_journeys_trail_needs_its_organiser_key_and_starts_in_its_workshops(app, http, stages):
    journey = http.post("/api/journeys", json={"title": "CX"}).json
    for stage, workshop in (("start", stages.broad), ("narrow", stages.narrow), ("formulate", stages.offsite)):
        assert http.post(f"/api/journeys/{journey['id']}/workshops/attach",
                         json={"stage": stage, "workshop_id": workshop["id"]}).status_code == 201
    url = f"/api/journeys/{journey['id']}/trail?kind=objective&id={stages.objective_id}"
    assert original_cards(http.get(url).json["trail"]) == ORIGINALS
    assert "Trail" in http.get(f"/journeys/{journey['id']}").get_data(as_text=True)
    stranger = app.test_client()
    # A workshop's facilitator key does not open the journey's trail.
    refused = stranger.get(url, headers={"Authorization": f"Bearer {stages.offsite['facilitator_key']}"})
    assert refused.status_code == 403
    assert stranger.get(url).status_code == 403
    assert stranger.get(url, headers={"Authorization": f"Bearer {journey['organiser_key']}"}).status_code == 200


def test_a_workshops_key_opens_only_the_trail_of_its_own_items(app, stages):
    stranger = app.test_client()
    offsite_key = {"Authorization": f"Bearer {stages.offsite['facilitator_key']}"}
    # Its own objective: the trail reaches the first stage's cards, but names no one there.
    mine = stranger.get(f"/api/workshops/{stages.offsite['id']}/trail?kind=objective&id={stages.objective_id}",
                        headers=offsite_key)
    assert mine.status_code == 200
    assert original_cards(mine.json["trail"]) == [(t, w, None) for t, w, _ in ORIGINALS]
    # Another workshop's item through its own route: unknown here.
    elsewhere = stranger.get(f"/api/workshops/{stages.offsite['id']}/trail?kind=card&id={stages.cards[0]}",
                             headers=offsite_key)
    assert elsewhere.status_code == 404 and elsewhere.json["error"]["code"] == "no_such_item"
    # Another workshop's route with this key: refused.
    other = stranger.get(f"/api/workshops/{stages.broad['id']}/trail?kind=card&id={stages.cards[0]}",
                         headers=offsite_key)
    assert other.status_code == 403
    assert stranger.get(f"/api/workshops/{stages.broad['id']}/trail?kind=card&id={stages.cards[0]}").status_code == 403


def test_a_bad_kind_is_refused(http, stages):
    bad = http.get(f"/api/workshops/{stages.offsite['id']}/trail?kind=poll&id=x")
    assert bad.status_code == 400 and bad.json["error"]["code"] == "bad_kind"


def test_the_trail_survives_exporting_three_stages_and_importing_them_into_a_fresh_server(http, stages, tmp_path,
                                                                                         config):
    exports = [http.get(f"/api/workshops/{w['id']}/export/json").data
               for w in (stages.broad, stages.narrow, stages.offsite)]
    fresh_app = create_app(replace(config, db_path=str(tmp_path / "fresh.db")))
    fresh = fresh_app.test_client()
    for data in exports:
        imported = fresh.post("/api/workshops/import", data=data, content_type="application/json")
        assert imported.status_code == 201, imported.json
    got = fresh.get(f"/api/workshops/{stages.offsite['id']}/trail?kind=objective&id={stages.objective_id}")
    assert got.status_code == 200, got.json
    assert original_cards(got.json["trail"]) == ORIGINALS
    fresh_app.extensions["bowtie"].store.close()


def test_a_journeys_trail_leads_from_a_card_through_its_pillar_to_the_projects_serving_it(http, stages):
    journey = http.post("/api/journeys", json={"title": "CX"}).json
    for stage, workshop in (("start", stages.broad), ("narrow", stages.narrow), ("formulate", stages.offsite)):
        assert http.post(f"/api/journeys/{journey['id']}/workshops/attach",
                         json={"stage": stage, "workshop_id": workshop["id"]}).status_code == 201
    for title, team in (("Monthly demo day", "Munich"), ("Release notes for customers", "")):
        assert http.post(f"/api/journeys/{journey['id']}/projects",
                         json={"id": new_id(), "title": title, "team": team,
                               "pillar_id": stages.pillar_id}).status_code == 201
    assert http.post(f"/api/journeys/{journey['id']}/projects",
                     json={"id": new_id(), "title": "New chairs"}).status_code == 201  # serves no pillar
    base = f"/api/journeys/{journey['id']}/trail"
    pillar = http.get(f"{base}?kind=pillar&id={stages.pillar_id}").json["trail"]
    assert [(n["text"], n["column"]) for n in pillar["forward"] if n["kind"] == "project"] == [
        ("Monthly demo day", "Munich"), ("Release notes for customers", "")]
    card = http.get(f"{base}?kind=card&id={stages.cards[0]}").json["trail"]
    assert [n["text"] for n in nodes(card["forward"]) if n["kind"] == "project"] == [
        "Monthly demo day", "Release notes for customers"]
    # A project that moves one of the objective's key results leads on from the objective.
    portfolio = http.get(f"/api/journeys/{journey['id']}/projects").json
    (group,) = [g for g in portfolio["groups"] if g["pillar"]]
    demo_day = group["projects"][0]
    assert http.patch(f"/api/journeys/{journey['id']}/projects/{demo_day['id']}",
                      json={"key_result_id": group["key_results"][0]["id"]}).status_code == 200
    moving = http.get(f"/api/journeys/{journey['id']}/projects").json["groups"][0]["projects"][0]
    assert (moving["title"], moving["objective_id"]) == ("Monthly demo day", stages.objective_id)
    objective = http.get(f"{base}?kind=objective&id={stages.objective_id}").json["trail"]
    assert [(n["kind"], n["text"]) for n in objective["forward"]] == [("project", "Monthly demo day")]
    pillar = http.get(f"{base}?kind=pillar&id={stages.pillar_id}").json["trail"]
    assert [(n["kind"], n["text"], [c["text"] for c in n["children"]]) for n in pillar["forward"]] == [
        ("objective", "Customers see every release", ["Monthly demo day"]),
        ("project", "Release notes for customers", [])]
    page = http.get(f"/journeys/{journey['id']}/trail?kind=pillar&id={stages.pillar_id}").get_data(as_text=True)
    assert "Monthly demo day" in page and "a project of the journey · Munich" in page
    assert "kind=project" not in page  # a project is where a trail ends, not where one starts
    # A workshop's own trail stops at the pillar: projects are the journey's.
    own = http.get(f"/api/workshops/{stages.offsite['id']}/trail?kind=pillar&id={stages.pillar_id}").json["trail"]
    assert [n["kind"] for n in own["forward"]] == ["objective"]
