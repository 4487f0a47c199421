"""Journeys over HTTP: who may open one, its stages' workshops, deleting one of them."""
from __future__ import annotations

from dataclasses import replace

import pytest

ADMIN = "journey-admin-token-for-tests"
TEAMS = [{"team": "Munich", "expected": 4}, {"team": "Madrid", "expected": 2}]


@pytest.fixture
def config(config):
    return replace(config, admin_token=ADMIN)


@pytest.fixture
def fresh(app):
    """A browser with no session: nothing remembered, only what it sends."""
    return app.test_client()


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def journey(http):
    made = http.post("/api/journeys", json={"title": "CX strategy", "purpose": "Where in three years?",
                                            "teams": TEAMS})
    assert made.status_code == 201, made.json
    return made.json


def add(client, journey: dict, stage: str, title: str, **extra):
    return client.post(f"/api/journeys/{journey['id']}/workshops", json={"stage": stage, "title": title, **extra},
                       headers=bearer(journey["organiser_key"]))


def test_the_organiser_key_is_at_least_128_bits_and_opens_the_journey(fresh, journey):
    assert len(journey["organiser_key"]) >= 22  # 22 URL-safe characters are 132 bits
    assert journey["journey_url"].endswith(f"/journeys/{journey['id']}#key={journey['organiser_key']}")
    opened = fresh.get(f"/api/journeys/{journey['id']}", headers=bearer(journey["organiser_key"]))
    assert opened.status_code == 200
    assert [s["key"] for s in opened.json["stages"]] == ["start", "narrow", "formulate", "carry"]
    assert opened.json["journey"]["teams"] == [{"name": "Munich", "expected": 4}, {"name": "Madrid", "expected": 2}]


def test_a_workshops_facilitator_key_does_not_open_its_journey(fresh, journey):
    session = add(fresh, journey, "start", "Munich all-hands").json
    for key in (session["facilitator_key"], None):
        headers = bearer(key) if key else {}
        response = fresh.get(f"/api/journeys/{journey['id']}", headers=headers)
        assert response.status_code == 403
        assert add(fresh, {**journey, "organiser_key": session["facilitator_key"]}, "start", "Sneaky").status_code == 403
    assert fresh.get(f"/journeys/{journey['id']}/dashboard.csv", headers=bearer(session["facilitator_key"])).status_code == 403


def test_another_journeys_key_opens_nothing_of_this_one(fresh, http, journey):
    other = http.post("/api/journeys", json={"title": "Other"}).json
    mine = f"/api/journeys/{journey['id']}"
    for method, path in (("get", mine), ("get", f"{mine}/kpis"), ("post", f"{mine}/workshops"),
                         ("post", f"{mine}/feed"), ("get", f"/journeys/{journey['id']}/dashboard.csv")):
        response = getattr(fresh, method)(path, json={}, headers=bearer(other["organiser_key"]))
        assert response.status_code == 403, path
    unlocked = fresh.post("/api/journeys/unlock", json={"keys": {journey["id"]: other["organiser_key"]}})
    assert unlocked.status_code == 403
    assert fresh.get(mine).status_code == 403


def test_the_admin_opens_every_journey(fresh, journey):
    assert fresh.get(f"/api/journeys/{journey['id']}", headers=bearer(ADMIN)).status_code == 200
    assert fresh.post("/api/organise/admin", json={"token": ADMIN}).status_code == 200
    assert fresh.get(f"/api/journeys/{journey['id']}").status_code == 200
    assert [j["id"] for j in fresh.get("/api/journeys").json["journeys"]] == [journey["id"]]


def test_guessing_organiser_keys_is_slowed_after_the_limit(app, fresh, journey):
    limit = app.config["BOWTIE"].join_attempts_per_minute
    statuses = [fresh.get(f"/api/journeys/{journey['id']}", headers=bearer(f"guess-{n}")).status_code
                for n in range(limit + 1)]
    assert statuses[:limit] == [403] * limit and statuses[limit] == 429


def test_a_browser_proves_the_key_once_and_the_page_opens(fresh, journey):
    page = fresh.get(f"/journeys/{journey['id']}")
    assert b"needs the journey's organiser key" in page.data
    assert fresh.post("/api/journeys/unlock", json={"keys": {journey["id"]: journey["organiser_key"]}}).status_code == 200
    page = fresh.get(f"/journeys/{journey['id']}")
    assert page.headers["Cache-Control"] == "no-store"  # what the workshops hold: no cache keeps it
    assert b"Start broad" in page.data and b"Carry back" in page.data and b"CX strategy" in page.data


def test_a_workshop_made_in_a_stage_runs_that_stages_agenda(http, journey, facilitator_of):
    made = add(http, journey, "start", "Munich all-hands", team="Munich")
    assert made.status_code == 201, made.json
    steps = facilitator_of(made.json).ack["state"]["agenda"]["steps"]
    library = {t["key"]: t for t in http.get("/api/agenda-templates").json["templates"]}
    assert [s["kind"] for s in steps] == [s["kind"] for s in library["all-hands-collect"]["steps"]]
    bowtie = http.get(f"/api/journeys/{journey['id']}").json
    (start,) = [s for s in bowtie["stages"] if s["key"] == "start"]
    assert [(w["title"], w["team"], w["state"]) for w in start["workshops"]] == [("Munich all-hands", "Munich",
                                                                                  "planned")]


@pytest.mark.parametrize("payload, code", [
    ({"stage": "middle", "title": "X"}, "unknown_stage"),
    ({"stage": "start", "title": "X", "team": "Berlin"}, "invalid"),
    ({"stage": "start", "title": ""}, "invalid"),
])
def test_a_bad_workshop_for_a_stage_is_refused_and_adds_nothing(http, journey, payload, code):
    response = http.post(f"/api/journeys/{journey['id']}/workshops", json=payload)
    assert response.status_code == 400 and response.json["error"]["code"] == code
    assert all(not s["workshops"] for s in http.get(f"/api/journeys/{journey['id']}").json["stages"])


def test_attaching_a_workshop_needs_its_own_key_too(fresh, make_workshop, journey):
    existing = make_workshop("Madrid retro")
    path = f"/api/journeys/{journey['id']}/workshops/attach"
    organiser = bearer(journey["organiser_key"])
    without = fresh.post(path, json={"stage": "start", "workshop_id": existing["id"]}, headers=organiser)
    assert without.status_code == 403
    wrong = fresh.post(path, json={"stage": "start", "workshop_id": existing["id"], "facilitator_key": "nope"},
                       headers=organiser)
    assert wrong.status_code == 403
    right = fresh.post(path, json={"stage": "start", "workshop_id": existing["id"], "team": "Madrid",
                                   "facilitator_key": existing["facilitator_key"]}, headers=organiser)
    assert right.status_code == 201, right.json
    again = fresh.post(path, json={"stage": "narrow", "workshop_id": existing["id"],
                                   "facilitator_key": existing["facilitator_key"]}, headers=organiser)
    assert again.status_code == 409 and again.json["error"]["code"] == "already_in_journey"


def test_deleting_a_workshop_of_a_journey_asks_first_and_leaves_the_journey_whole(http, journey):
    session = add(http, journey, "start", "Munich all-hands").json
    keep = add(http, journey, "start", "Madrid all-hands").json
    refused = http.delete(f"/api/workshops/{session['id']}", json={"confirm": session["code"]})
    assert refused.status_code == 409 and refused.json["error"]["code"] == "confirm_leaving_journey"
    assert "'CX strategy'" in refused.json["error"]["message"]  # the facilitator sees which journey
    assert len(http.get(f"/api/journeys/{journey['id']}").json["stages"][0]["workshops"]) == 2
    deleted = http.delete(f"/api/workshops/{session['id']}", json={"confirm": session["code"], "leave_journey": True})
    assert deleted.status_code == 200, deleted.json
    (start, *_) = http.get(f"/api/journeys/{journey['id']}").json["stages"]
    assert [w["id"] for w in start["workshops"]] == [keep["id"]]
    # The journey's pages and figures still work without it.
    for page in (f"/journeys/{journey['id']}", f"/journeys/{journey['id']}/dashboard",
                 f"/journeys/{journey['id']}/dashboard?a=team:Munich&b=groups:mixed-role"):
        assert http.get(page).status_code == 200, page
    kpis = http.get(f"/api/journeys/{journey['id']}/kpis").json
    assert [s["title"] for s in kpis["sessions"]] == ["Madrid all-hands"]
    assert http.get(f"/api/journeys/{journey['id']}/export").json["stages"][0]["workshops"] == [keep["id"]]


def test_taking_a_workshop_out_of_the_journey_keeps_the_workshop(http, journey):
    session = add(http, journey, "narrow", "Leadership circle").json
    assert http.delete(f"/api/journeys/{journey['id']}/workshops/{session['id']}").status_code == 200
    assert all(not s["workshops"] for s in http.get(f"/api/journeys/{journey['id']}").json["stages"])
    assert http.get(f"/api/workshops/{session['id']}/summary").status_code == 200
