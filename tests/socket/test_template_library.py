"""The template library: card templates and agenda templates created, used,
edited and refused over HTTP, saved from a running workshop over the socket,
and workshops that keep their columns whatever happens to the library later."""
from __future__ import annotations

import json

import pytest

from workshop import create_app

MAD_SAD_GLAD = [{"title": "Mad", "prompt": "What made you mad?", "colour": "pink"},
                {"title": "Sad", "prompt": "What made you sad?", "colour": "blue"},
                {"title": "Glad", "prompt": "What made you glad?", "colour": "green"}]


@pytest.fixture
def custom(http) -> dict:
    response = http.post("/api/card-templates", json={"title": "Mad Sad Glad", "columns": MAD_SAD_GLAD})
    assert response.status_code == 201, response.json
    return response.json["template"]


def columns_of(state: dict) -> list[tuple[str, str, str]]:
    return [(c["key"], c["title"], c["colour"]) for c in state["workshop"]["template"]["columns"]]


def kinds(agenda: dict) -> list[str]:
    return [s["kind"] for s in agenda["steps"]]


def started(facilitator, kind: str) -> None:
    agenda = facilitator.ack["state"]["agenda"]
    step = next(s for s in agenda["steps"] if s["kind"] == kind)
    assert facilitator.call("agenda:go", {"step_id": step["id"]})["ok"]


# -- card templates over HTTP -------------------------------------------------------------

def test_a_new_card_template_is_listed_after_the_built_ins_with_its_columns(http, custom):
    listed = http.get("/api/card-templates").json
    assert [t["key"] for t in listed["templates"]] == ["start-stop-continue", "four-questions", "mad-sad-glad"]
    assert listed["templates"][2] == custom
    assert [(c["key"], c["prompt"], c["colour"]) for c in custom["columns"]] == [
        ("mad", "What made you mad?", "pink"), ("sad", "What made you sad?", "blue"),
        ("glad", "What made you glad?", "green")]
    assert listed["may_change"] is True


@pytest.mark.parametrize("columns, complaint", [
    ([], "1 to 8 columns, not 0"),
    ([{"title": f"Column {i}"} for i in range(9)], "1 to 8 columns, not 9"),
    ([{"title": "x" * 41}], "title of column 1 is too long"),
    ([{"title": "Mad", "colour": "crimson"}], "unknown colour 'crimson'"),
    ([{"title": "Mad"}, {"title": "mad"}], "two columns are called"),
])
def test_a_card_template_that_breaks_a_rule_is_refused_and_not_kept(http, columns, complaint):
    response = http.post("/api/card-templates", json={"title": "Broken", "columns": columns})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid" and complaint in response.json["error"]["message"]
    assert len(http.get("/api/card-templates").json["templates"]) == 2


def test_the_built_in_card_templates_cannot_be_edited_or_deleted(http):
    edit = http.put("/api/card-templates/start-stop-continue", json={"title": "Mine", "columns": [{"title": "A"}]})
    assert edit.status_code == 403 and edit.json["error"]["code"] == "forbidden"
    assert http.delete("/api/card-templates/four-questions").status_code == 403
    listed = http.get("/api/card-templates").json["templates"]
    assert [c["title"] for c in listed[0]["columns"]] == ["Start", "Stop", "Continue"]


def test_editing_a_card_template_keeps_the_keys_of_the_columns_sent_with_them(http, custom):
    columns = [{**c, "title": c["title"].upper()} for c in custom["columns"][:2]] + [{"title": "Proud"}]
    response = http.put("/api/card-templates/mad-sad-glad", json={"title": "Feelings", "columns": columns})
    assert response.status_code == 200, response.json
    edited = response.json["template"]
    assert (edited["key"], edited["title"]) == ("mad-sad-glad", "Feelings")
    assert [(c["key"], c["title"]) for c in edited["columns"]] == [("mad", "MAD"), ("sad", "SAD"), ("proud", "Proud")]
    assert http.get("/api/card-templates").json["templates"][2] == edited


def test_editing_or_deleting_an_unknown_card_template_is_not_found(http):
    assert http.put("/api/card-templates/nope", json={"title": "T", "columns": [{"title": "A"}]}).status_code == 404
    assert http.delete("/api/card-templates/nope").status_code == 404


def test_a_deleted_card_template_is_gone_from_the_list_and_the_home_page(http, custom):
    assert "Mad Sad Glad" in http.get("/").get_data(as_text=True)
    assert http.delete("/api/card-templates/mad-sad-glad").json == {"ok": True, "deleted": "mad-sad-glad"}
    assert [t["key"] for t in http.get("/api/card-templates").json["templates"]] == [
        "start-stop-continue", "four-questions"]
    assert "Mad Sad Glad" not in http.get("/").get_data(as_text=True)


# -- workshops made from templates ------------------------------------------------------------

def test_a_workshop_made_from_a_custom_template_writes_cards_into_its_columns(
        http, custom, make_workshop, facilitator_of, join):
    workshop = make_workshop(template="mad-sad-glad", blind_writing=False)
    facilitator = facilitator_of(workshop)
    assert columns_of(facilitator.ack["state"]) == [("mad", "Mad", "pink"), ("sad", "Sad", "blue"),
                                                    ("glad", "Glad", "green")]
    collect = next(s for s in facilitator.ack["state"]["agenda"]["steps"] if s["kind"] == "collect")
    assert collect["settings"]["card_template"] == "mad-sad-glad"
    started(facilitator, "collect")
    ann = join(workshop, "Ann")
    assert ann.add_card("Deploys on Friday", column="mad")["ok"]
    refused = ann.add_card("Old column", column="start")
    assert refused["error"]["code"] == "invalid" and "mad, sad, glad" in refused["error"]["message"]


def test_a_workshop_keeps_its_columns_when_its_template_is_edited_and_then_deleted(
        http, custom, make_workshop, facilitator_of, join):
    workshop = make_workshop(template="mad-sad-glad", blind_writing=False)
    facilitator = facilitator_of(workshop)
    started(facilitator, "collect")
    assert http.put("/api/card-templates/mad-sad-glad",
                    json={"title": "Other", "columns": [{"title": "Only"}]}).status_code == 200
    assert http.delete("/api/card-templates/mad-sad-glad").status_code == 200
    ann = join(workshop, "Ann")
    assert columns_of(ann.ack["state"]) == [("mad", "Mad", "pink"), ("sad", "Sad", "blue"), ("glad", "Glad", "green")]
    assert ann.add_card("Still here", column="glad")["ok"]
    # The agenda still names the template the workshop has its own copy of: editing it goes on.
    collect = next(s for s in facilitator.ack["state"]["agenda"]["steps"] if s["kind"] == "collect")
    assert facilitator.call("agenda:plan", {"step_id": collect["id"], "planned_minutes": 25})["ok"]
    # The summary (and every export made from it) shows the step's columns as the workshop has them.
    headers = {"Authorization": f"Bearer {workshop['facilitator_key']}"}
    summary = http.get(f"/api/workshops/{workshop['id']}/summary", headers=headers).json["summary"]
    step = next(s for s in summary["agenda"]["steps"] if s["kind"] == "collect")
    assert [c["title"] for c in step["columns"]] == ["Mad", "Sad", "Glad"]


def test_a_workshop_made_from_the_all_hands_agenda_starts_in_its_lobby_with_groups_that_cluster(
        http, custom, make_workshop, facilitator_of):
    workshop = make_workshop(template="mad-sad-glad", agenda="all-hands-collect")
    state = facilitator_of(workshop).ack["state"]
    agenda = state["agenda"]
    assert kinds(agenda) == ["lobby", "collect", "cluster", "vote", "cluster", "summary"]
    assert agenda["current"] == agenda["steps"][0]["id"] and state["workshop"]["phase"] == "lobby"
    assert [s["state"] for s in agenda["steps"]] == ["running"] + ["planned"] * 5
    assert agenda["steps"][1]["settings"]["card_template"] == "mad-sad-glad"
    assert agenda["steps"][2]["settings"] == {"scope": "groups", "participants_cluster": True}
    assert agenda["steps"][4]["works_on"] == agenda["steps"][3]["id"]
    # The agenda's switches become the workshop's: participants cluster in their groups.
    assert state["workshop"]["settings"]["participants_cluster"] is True
    assert columns_of(state)[0] == ("mad", "Mad", "pink")


def test_a_workshop_without_a_template_takes_its_agendas_and_chosen_switches_win(make_workshop, facilitator_of):
    state = facilitator_of(make_workshop(agenda="leadership-consolidation")).ack["state"]
    assert kinds(state["agenda"])[:3] == ["lobby", "collect", "discuss"]
    assert state["workshop"]["template"]["key"] == "start-stop-continue"
    assert state["workshop"]["settings"]["blind_writing"] is False  # the template's collect step writes openly
    chosen = facilitator_of(make_workshop(agenda="leadership-consolidation", blind_writing=True)).ack["state"]
    assert chosen["workshop"]["settings"]["blind_writing"] is True
    assert chosen["agenda"]["steps"][1]["settings"]["blind_writing"] is True


@pytest.mark.parametrize("asked, complaint", [
    ({"template": "nope"}, "unknown template 'nope'"),
    ({"agenda": "nope"}, "unknown agenda template 'nope'"),
    ({"agenda": "Team Retro"}, "unknown agenda template"),
])
def test_a_workshop_from_an_unknown_template_is_refused(http, asked, complaint):
    response = http.post("/api/workshops", json={"title": "Retro", **asked})
    assert response.status_code == 400 and complaint in response.json["error"]["message"]


# -- agenda templates over HTTP ------------------------------------------------------------------

def test_a_new_agenda_template_makes_workshops_with_its_steps(http, custom, make_workshop, facilitator_of):
    steps = [{"id": "in", "kind": "lobby"},
             {"id": "write", "kind": "collect", "title": "Feelings", "planned_minutes": 12,
              "settings": {"card_template": "mad-sad-glad"}},
             {"id": "vote", "kind": "vote"}, {"id": "end", "kind": "summary"}]
    response = http.post("/api/agenda-templates", json={"title": "Quick feelings", "steps": steps})
    assert response.status_code == 201, response.json
    made = response.json["template"]
    assert made["key"] == "quick-feelings" and made["steps"][2]["works_on"] == "write"  # wired to the nearest fit
    assert [t["key"] for t in http.get("/api/agenda-templates").json["templates"]] == [
        "all-hands-collect", "leadership-consolidation", "offsite", "team-retrospective", "quick-feelings"]
    state = facilitator_of(make_workshop(agenda="quick-feelings")).ack["state"]
    assert kinds(state["agenda"]) == ["lobby", "collect", "vote", "summary"]
    assert state["agenda"]["steps"][1]["title"] == "Feelings"
    assert state["workshop"]["template"]["key"] == "mad-sad-glad"


@pytest.mark.parametrize("steps, code", [
    ([], "invalid"),
    ([{"id": "a", "kind": "juggling"}], "unknown_step_kind"),
    ([{"id": "a", "kind": "collect", "settings": {"card_template": "not-here"}}], "invalid"),
    ([{"id": "a", "kind": "lobby"}, {"id": "b", "kind": "vote", "works_on": "a"}], "bad_reference"),
])
def test_an_agenda_template_that_breaks_a_rule_is_refused(http, steps, code):
    response = http.post("/api/agenda-templates", json={"title": "Broken", "steps": steps})
    assert response.status_code == 400 and response.json["error"]["code"] == code, response.json
    assert len(http.get("/api/agenda-templates").json["templates"]) == 4


def test_built_in_agendas_cannot_be_edited_or_deleted_and_saved_ones_can(http):
    steps = [{"id": "in", "kind": "lobby"}, {"id": "end", "kind": "summary"}]
    assert http.put("/api/agenda-templates/team-retrospective", json={"title": "T", "steps": steps}).status_code == 403
    assert http.delete("/api/agenda-templates/all-hands-collect").status_code == 403
    http.post("/api/agenda-templates", json={"title": "Short", "steps": steps})
    edited = http.put("/api/agenda-templates/short", json={"title": "Shorter", "description": "Two steps",
                                                           "steps": steps[:1]})
    assert edited.status_code == 200 and edited.json["template"]["description"] == "Two steps"
    assert [s["kind"] for s in edited.json["template"]["steps"]] == ["lobby"]
    assert http.delete("/api/agenda-templates/short").status_code == 200
    assert http.delete("/api/agenda-templates/short").status_code == 404


def test_a_card_template_an_agenda_template_uses_cannot_be_deleted(http, custom):
    steps = [{"id": "write", "kind": "collect", "settings": {"card_template": "mad-sad-glad"}}]
    http.post("/api/agenda-templates", json={"title": "Feelings only", "steps": steps})
    response = http.delete("/api/card-templates/mad-sad-glad")
    assert response.status_code == 409 and "Feelings only" in response.json["error"]["message"]
    assert http.delete("/api/agenda-templates/feelings-only").status_code == 200
    assert http.delete("/api/card-templates/mad-sad-glad").status_code == 200


# -- saving from a running workshop -------------------------------------------------------------------

def test_the_facilitator_saves_the_workshops_columns_as_a_template(http, custom, make_workshop, facilitator_of, join):
    workshop = make_workshop(template="mad-sad-glad")
    facilitator = facilitator_of(workshop)
    ann = join(workshop, "Ann")
    facilitator.received()
    ack = facilitator.call("card_template:save", {"title": "Our feelings"})
    assert ack["ok"], ack
    saved = ack["template"]
    assert saved["key"] == "our-feelings" and saved["columns"] == custom["columns"]
    assert saved in http.get("/api/card-templates").json["templates"]
    assert ann.call("card_template:save", {"title": "Mine"})["error"]["code"] == "forbidden"
    assert ann.received() == [] and facilitator.received() == []  # the library is nobody's broadcast


def test_the_facilitator_saves_the_agenda_as_planned_steps(http, make_workshop, facilitator_of):
    facilitator = facilitator_of(make_workshop(agenda="all-hands-collect"))
    started(facilitator, "collect")
    ack = facilitator.call("agenda_template:save", {"title": "Our all-hands", "description": "As in March"})
    assert ack["ok"], ack
    saved = ack["template"]
    assert (saved["key"], saved["description"], saved["built_in"]) == ("our-all-hands", "As in March", False)
    assert [s["kind"] for s in saved["steps"]] == ["lobby", "collect", "cluster", "vote", "cluster", "summary"]
    assert "state" not in saved["steps"][1]  # what was planned, not what happened
    again = http.post("/api/workshops", json={"title": "Next", "agenda": "our-all-hands"})
    assert again.status_code == 201, again.json


def test_saving_under_a_bad_title_is_refused(make_workshop, facilitator_of):
    facilitator = facilitator_of(make_workshop())
    assert facilitator.call("card_template:save", {"title": " "})["error"]["code"] == "invalid"
    assert facilitator.call("agenda_template:save", {"title": "x" * 61})["error"]["code"] == "invalid"


# -- exports carry the columns ---------------------------------------------------------------------------

def test_an_imported_workshop_brings_its_columns_to_a_server_without_its_template(
        http, custom, make_workshop, config, tmp_path):
    workshop = make_workshop(template="mad-sad-glad")
    headers = {"Authorization": f"Bearer {workshop['facilitator_key']}"}
    dump = http.get(f"/api/workshops/{workshop['id']}/export/json", headers=headers).data
    assert json.loads(dump)["workshop"]["card_template"] == custom
    other = create_app(config.__class__(db_path=str(tmp_path / "other.db"), secret_key="another-server-secret-0123456789abcdef", testing=True))
    try:
        client = other.test_client()
        assert client.post("/api/workshops/import", data=dump, content_type="application/json").status_code == 201
        summary = client.get(f"/api/workshops/{workshop['id']}/summary", headers=headers).json["summary"]
        again = client.get(f"/api/workshops/{workshop['id']}/export/json", headers=headers).data
    finally:
        other.extensions["bowtie"].store.close()
    assert [c["key"] for c in summary["workshop"]["template"]["columns"]] == ["mad", "sad", "glad"]
    assert again == dump


def test_an_export_without_card_template_needs_a_built_in_template(http, make_workshop, config, tmp_path):
    workshop = make_workshop(template="four-questions")
    headers = {"Authorization": f"Bearer {workshop['facilitator_key']}"}
    dump = json.loads(http.get(f"/api/workshops/{workshop['id']}/export/json", headers=headers).data)
    del dump["workshop"]["card_template"]  # as exports were before the library
    other = create_app(config.__class__(db_path=str(tmp_path / "other.db"), secret_key="another-server-secret-0123456789abcdef", testing=True))
    try:
        client = other.test_client()
        unknown = {**dump, "workshop": {**dump["workshop"], "template": "mad-sad-glad"}}
        refused = client.post("/api/workshops/import", json=unknown)
        assert refused.status_code == 400 and "unknown template" in refused.json["error"]["message"]
        assert client.post("/api/workshops/import", json=dump).status_code == 201
        summary = client.get(f"/api/workshops/{workshop['id']}/summary", headers=headers).json["summary"]
    finally:
        other.extensions["bowtie"].store.close()
    assert summary["workshop"]["template"]["key"] == "four-questions"


def test_the_next_stage_takes_its_sources_columns_after_the_template_is_gone(http, custom, make_workshop):
    source = make_workshop("Groups", template="mad-sad-glad")
    assert http.delete("/api/card-templates/mad-sad-glad").status_code == 200
    headers = {"Authorization": f"Bearer {source['facilitator_key']}"}
    response = http.post("/api/workshops/next", json={"title": "Leaders", "from": [source["id"]]}, headers=headers)
    assert response.status_code == 201, response.json
    made = response.json
    summary = http.get(f"/api/workshops/{made['id']}/summary",
                       headers={"Authorization": f"Bearer {made['facilitator_key']}"}).json["summary"]
    assert [c["key"] for c in summary["workshop"]["template"]["columns"]] == ["mad", "sad", "glad"]
