"""JSON request bodies are checked against declared shapes, and every refusal
answers with its error's own status and the same error body as a socket ack."""
from __future__ import annotations

import pytest


def bearer(workshop: dict) -> dict:
    return {"Authorization": f"Bearer {workshop['facilitator_key']}"}


@pytest.mark.parametrize("body, complaint", [
    ({}, "title is required"),
    ({"title": 7}, "title must be text"),
    ({"title": "x" * 1001}, "title is too long"),
    ({"title": "Retro", "blind_writing": "yes"}, "blind_writing must be true or false"),
    ({"title": "Retro", "group_size": "5"}, "group_size must be a whole number"),
    (["Retro"], "must be a JSON object"),
])
def test_a_new_workshop_body_is_checked_against_its_shape(http, body, complaint):
    response = http.post("/api/workshops", json=body)
    assert response.status_code == 400
    assert response.json["ok"] is False and response.json["error"]["code"] == "invalid"
    assert complaint in response.json["error"]["message"]


def test_the_new_workshop_options_still_apply(http):
    created = http.post("/api/workshops", json={"title": "Retro", "blind_writing": False, "group_size": 3}).json
    assert created["ok"]


@pytest.mark.parametrize("body", [{}, {"archived": "yes"}, {"archived": 1}])
def test_archive_needs_true_or_false(http, make_workshop, body):
    workshop = make_workshop()
    response = http.post(f"/api/workshops/{workshop['id']}/archive", json=body, headers=bearer(workshop))
    assert response.status_code == 400 and response.json["error"]["code"] == "invalid"


def test_delete_refuses_a_confirmation_that_is_not_text(http, make_workshop):
    workshop = make_workshop()
    response = http.delete(f"/api/workshops/{workshop['id']}", json={"confirm": 123456}, headers=bearer(workshop))
    assert response.status_code == 400 and "confirm must be text" in response.json["error"]["message"]
    assert http.get(f"/api/workshops/{workshop['id']}/summary", headers=bearer(workshop)).status_code == 200


@pytest.mark.parametrize("body, complaint", [
    ({"title": "Next"}, "from is required"),
    ({"title": "Next", "from": "abc"}, "from must be a list"),
    ({"title": "Next", "from": [1]}, "from must be text"),
])
def test_the_next_stage_names_its_sources_in_from(http, body, complaint):
    response = http.post("/api/workshops/next", json=body)
    assert response.status_code == 400 and complaint in response.json["error"]["message"]


def test_unlock_needs_a_map_of_keys(http):
    response = http.post("/api/organise/unlock", json={"keys": ["a", "b"]})
    assert response.status_code == 400 and "keys must be an object" in response.json["error"]["message"]


def test_a_refusal_outside_the_api_is_a_page_with_the_same_status(http):
    response = http.get("/control/no-such-workshop")
    assert response.status_code == 404 and response.mimetype == "text/html"
