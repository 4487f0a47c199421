"""With BOWTIE_ADMIN_TOKEN set, anyone adds templates but only the admin changes or deletes them."""
from dataclasses import replace

import pytest

TOKEN = "library-admin-token"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
COLUMNS = [{"title": "Keep"}, {"title": "Drop"}]


@pytest.fixture
def config(config):
    return replace(config, admin_token=TOKEN)


def test_anyone_adds_a_card_template_but_only_the_admin_changes_or_deletes_it(http):
    assert http.post("/api/card-templates", json={"title": "Keep or drop", "columns": COLUMNS}).status_code == 201
    assert http.get("/api/card-templates").json["may_change"] is False
    edit = {"title": "Renamed", "columns": COLUMNS}
    refused = http.put("/api/card-templates/keep-or-drop", json=edit)
    assert refused.status_code == 403 and "only the admin" in refused.json["error"]["message"]
    assert http.delete("/api/card-templates/keep-or-drop").status_code == 403
    assert http.get("/api/card-templates").json["templates"][2]["title"] == "Keep or drop"
    assert http.get("/api/card-templates", headers=ADMIN).json["may_change"] is True
    assert http.put("/api/card-templates/keep-or-drop", json=edit, headers=ADMIN).status_code == 200
    assert http.delete("/api/card-templates/keep-or-drop", headers=ADMIN).status_code == 200


def test_the_admin_session_of_a_browser_changes_agenda_templates(http):
    steps = [{"id": "in", "kind": "lobby"}, {"id": "end", "kind": "summary"}]
    assert http.post("/api/agenda-templates", json={"title": "Short", "steps": steps}).status_code == 201
    assert http.delete("/api/agenda-templates/short").status_code == 403
    assert http.post("/api/organise/admin", json={"token": TOKEN}).status_code == 200
    assert http.get("/api/agenda-templates").json["may_change"] is True
    assert http.delete("/api/agenda-templates/short").status_code == 200


def test_a_facilitator_saves_columns_without_the_admin_token(make_workshop, facilitator_of):
    facilitator = facilitator_of(make_workshop(template="four-questions"))
    ack = facilitator.call("card_template:save", {"title": "Four again"})
    assert ack["ok"] and [c["key"] for c in ack["template"]["columns"]][0] == "doing-well"


def test_a_wrong_admin_token_is_refused_and_counted_as_a_guess(http):
    http.post("/api/card-templates", json={"title": "Keep or drop", "columns": COLUMNS})
    wrong = {"Authorization": "Bearer not-the-token"}
    answers = [http.delete("/api/card-templates/keep-or-drop", headers=wrong).status_code for _ in range(40)]
    assert answers[0] == 403 and answers[-1] == 429  # slowed, then refused, as on the organisers' pages
    assert http.delete("/api/card-templates/keep-or-drop", headers=ADMIN).status_code == 200
