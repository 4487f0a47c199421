"""The admin view: with BOWTIE_ADMIN_TOKEN set, the admin sees and compares every workshop."""
import time
from dataclasses import replace

import pytest

TOKEN = "open-sesame-admin-token"


@pytest.fixture
def config(config):
    return replace(config, admin_token=TOKEN)


def test_admin_sees_every_workshop_after_giving_the_token(http, make_workshop):
    make_workshop("First"), make_workshop("Second")
    assert http.get("/api/organise/workshops").json["workshops"] == []
    assert http.post("/api/organise/admin", json={"token": "guess"}).status_code == 403
    assert http.post("/api/organise/admin", json={"token": TOKEN}).json == {"ok": True, "admin": True}
    listed = http.get("/api/organise/workshops").json
    assert listed["admin"] is True
    assert sorted(w["title"] for w in listed["workshops"]) == ["First", "Second"]


def test_scripts_use_the_admin_token_as_a_bearer_token(http, make_workshop):
    workshop = make_workshop("Scripted")
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = http.get(f"/api/workshops/{workshop['id']}/export/markdown", headers=headers)
    assert response.status_code == 200 and b"# Scripted" in response.data


def test_admin_compares_the_figures_of_workshops_side_by_side(http, collecting, join):
    workshop, _ = collecting(title="Busy")
    join(workshop, "Ann").add_card("One")
    headers = {"Authorization": f"Bearer {TOKEN}"}
    rows = http.get("/api/organise/workshops?compare=1", headers=headers).json["workshops"]
    assert rows[0]["analytics"]["cards"] == 1 and rows[0]["analytics"]["contributors"] == 1


def test_import_needs_the_admin_token_when_one_is_set(http):
    response = http.post("/api/workshops/import", json={"format": "bowtie.workshop"})
    assert response.status_code == 403


def test_without_an_admin_token_the_admin_view_is_off(app, http):
    served = app.extensions["bowtie.services"]  # what the HTTP routes read
    served.config = replace(served.config, admin_token="")
    assert http.post("/api/organise/admin", json={"token": ""}).status_code == 404


def test_guessing_the_admin_token_is_slowed_after_the_limit(app, http):
    limit = app.config["BOWTIE"].join_attempts_per_minute
    statuses = [http.post("/api/organise/admin", json={"token": f"guess-{n}"}).status_code for n in range(limit + 1)]
    assert statuses[:limit] == [403] * limit
    assert statuses[-1] == 429
    assert http.post("/api/organise/admin", json={"token": TOKEN}).status_code == 200  # the right one still works


def test_guessing_facilitator_keys_as_bearer_tokens_is_slowed_too(app, http, make_workshop):
    workshop = make_workshop("Guarded")
    limit = app.config["BOWTIE"].join_attempts_per_minute
    url = f"/api/workshops/{workshop['id']}/export/json"
    statuses = [http.get(url, headers={"Authorization": f"Bearer wrong-{n}"}).status_code for n in range(limit + 1)]
    assert statuses[-1] == 429
    right = http.get(url, headers={"Authorization": f"Bearer {workshop['facilitator_key']}"})
    assert right.status_code == 200


def test_an_admin_login_ends_on_the_server_after_its_hours(app, http, monkeypatch):
    assert http.post("/api/organise/admin", json={"token": TOKEN}).status_code == 200
    assert http.get("/api/organise/workshops").json["admin"] is True
    later = time.time() + app.config["BOWTIE"].admin_session_hours * 3600 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert http.get("/api/organise/workshops").json["admin"] is False
