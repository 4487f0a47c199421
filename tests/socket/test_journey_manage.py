"""Renaming, exporting and deleting a journey: its organiser (or the admin) only; the workshops stay."""
# ruff: noqa: F811 (the journey fixtures are test_journey_feed's, imported, then named as arguments)
from __future__ import annotations

import pytest

from tests.socket.test_briefings import fed, path_of, publish  # noqa: F401 (fixtures)
from tests.socket.test_journey_feed import feed, journey, session, two_sessions  # noqa: F401 (fixtures)


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def test_renaming_changes_what_was_sent_and_keeps_the_rest(http, journey):
    changed = http.patch(f"/api/journeys/{journey['id']}", json={"title": "CX strategy 2027"})
    assert changed.status_code == 200, changed.json
    assert changed.json["journey"]["title"] == "CX strategy 2027"
    assert changed.json["journey"]["teams"] == [{"name": "Munich", "expected": 4}, {"name": "Madrid", "expected": 2}]
    recounted = http.patch(f"/api/journeys/{journey['id']}", json={
        "purpose": "Where in three years?", "teams": [{"team": "Munich", "expected": 40}, {"team": "Madrid", "expected": 2}]})
    assert recounted.json["journey"]["purpose"] == "Where in three years?"
    assert http.get(f"/api/journeys/{journey['id']}/kpis").json["reach"]["expected"] == 42
    assert b"CX strategy 2027" in http.get(f"/journeys/{journey['id']}").data


@pytest.mark.parametrize("change", [{"title": ""}, {"teams": [{"team": "Munich", "expected": 0}]}, {"teams": "x"}])
def test_a_bad_rename_is_refused_and_changes_nothing(http, journey, change):
    assert http.patch(f"/api/journeys/{journey['id']}", json=change).status_code == 400
    assert http.get(f"/api/journeys/{journey['id']}").json["journey"]["title"] == "CX strategy"


def test_a_team_its_sessions_are_for_cannot_be_dropped(http, journey, two_sessions):
    dropped = http.patch(f"/api/journeys/{journey['id']}", json={"teams": [{"team": "Munich", "expected": 4}]})
    assert dropped.status_code == 409 and dropped.json["error"]["code"] == "team_in_use"


def test_the_export_holds_the_journey_its_stages_links_and_which_workshops(http, journey, two_sessions, fed):
    response = http.get(f"/api/journeys/{journey['id']}/export")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    exported = response.json
    assert exported["journey"]["title"] == "CX strategy" and "organiser_key" not in response.get_data(as_text=True)
    assert [s["key"] for s in exported["stages"]] == ["start", "narrow", "formulate", "carry"]
    assert exported["stages"][0]["workshops"] == [w["id"] for w in two_sessions]
    assert exported["stages"][1]["workshops"] == [fed["id"]]
    assert exported["links"][0] == {"from": "start", "to": "narrow"}
    assert {(w["title"], w["team"]) for w in exported["workshops"]} == {
        ("Munich all-hands", "Munich"), ("Madrid all-hands", "Madrid"), ("Leadership circle", "")}
    assert "cards" not in exported and not any("cards" in w for w in exported["workshops"])  # not their content


def test_deleting_a_journey_asks_first_on_its_own_page(http, journey, two_sessions):
    page = http.get(f"/journeys/{journey['id']}/delete").get_data(as_text=True)
    assert 'id="delete-journey"' in page and "Munich all-hands" in page and "Madrid all-hands" in page
    refused = http.delete(f"/api/journeys/{journey['id']}", json={"confirm": "CX"})
    assert refused.status_code == 400 and refused.json["error"]["code"] == "confirm_delete_journey"
    assert http.get(f"/api/journeys/{journey['id']}").status_code == 200


def test_deleting_a_journey_removes_it_and_its_share_links_but_not_its_workshops(app, http, journey, fed):
    share = publish(http, journey, "organisation")
    reader = app.test_client()
    assert reader.get(path_of(share)).status_code == 200
    deleted = http.delete(f"/api/journeys/{journey['id']}", json={"confirm": "cx strategy"})
    assert deleted.status_code == 200, deleted.json
    assert deleted.json["deleted"] == {"journeys": 1, "journey_workshops": 3, "briefing_shares": 1, "journey_projects": 0,
                                        "key_result_readings": 0}
    assert http.get(f"/api/journeys/{journey['id']}").status_code == 404
    gone = reader.get(path_of(share))  # an unknown link reads as a refused one: it tells nothing of what was there
    assert gone.status_code == 403 and b"Customer demos" not in gone.data
    assert http.get("/api/journeys").json["journeys"] == []
    # The workshops stay, and may join another journey.
    assert http.get(f"/api/workshops/{fed['id']}/summary").status_code == 200
    other = http.post("/api/journeys", json={"title": "Again"}).json
    attached = http.post(f"/api/journeys/{other['id']}/workshops/attach",
                         json={"stage": "narrow", "workshop_id": fed["id"]})
    assert attached.status_code == 201, attached.json
