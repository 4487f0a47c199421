"""Organisers over HTTP: who may open a workshop, the summary, exports, import, delete, next stage."""
from __future__ import annotations

import gzip
import io
import json
import zipfile

import pytest

from workshop import create_app, organise


@pytest.fixture
def workshop_with_cards(collecting, join):
    workshop, facilitator = collecting(title="Retro, Q4")
    ann = join(workshop, "Ann", role="Support")
    bo = join(workshop, "Bo")
    assert ann.add_card('Weekly demo, "for everyone"')["ok"]
    assert bo.add_card("=HYPERLINK(\"http://x\")", column="stop")["ok"]
    assert bo.add_card("<script>alert(1)</script>", column="continue")["ok"]
    return workshop, facilitator, ann, bo


def bearer(workshop: dict) -> dict:
    return {"Authorization": f"Bearer {workshop['facilitator_key']}"}


def unlock(http, workshop: dict) -> dict:
    return http.post("/api/organise/unlock", json={"keys": {workshop["id"]: workshop["facilitator_key"]}}).json


def test_exports_are_refused_without_the_facilitator_key(http, workshop_with_cards):
    workshop = workshop_with_cards[0]
    for kind in ("markdown", "csv", "json"):
        response = http.get(f"/api/workshops/{workshop['id']}/export/{kind}")
        assert response.status_code == 403
        assert response.json["error"]["code"] == "forbidden"
    wrong = http.get(f"/api/workshops/{workshop['id']}/export/json", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403


def test_markdown_export_is_an_uncached_attachment_for_the_key_holder(http, workshop_with_cards):
    workshop = workshop_with_cards[0]
    response = http.get(f"/api/workshops/{workshop['id']}/export/markdown", headers=bearer(workshop))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith('attachment; filename="bowtie-retro-q4-')
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    assert text.startswith("# Retro, Q4")
    assert 'Weekly demo, "for everyone" (Group 1)' in text


def test_csv_export_is_a_zip_of_safe_cells(http, workshop_with_cards):
    workshop = workshop_with_cards[0]
    response = http.get(f"/api/workshops/{workshop['id']}/export/csv", headers=bearer(workshop))
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    cards = archive.read("cards.csv").decode("utf-8-sig")
    assert "\"'=HYPERLINK(\"\"http://x\"\")\"" in cards
    assert '"Weekly demo, ""for everyone"""' in cards


def test_text_exports_come_gzipped_to_a_client_that_accepts_it_and_the_zip_as_it_is(
        http, workshop_with_cards, monkeypatch):
    workshop, *_ = workshop_with_cards
    monkeypatch.setattr(organise, "GZIP_FROM", 0)  # this workshop's exports are small
    for kind in ("markdown", "json"):
        url = f"/api/workshops/{workshop['id']}/export/{kind}"
        plain = http.get(url, headers=bearer(workshop))
        packed = http.get(url, headers={**bearer(workshop), "Accept-Encoding": "gzip, deflate, br"})
        assert "Content-Encoding" not in plain.headers
        assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
        assert gzip.decompress(packed.data) == plain.data and b"Weekly demo" in plain.data
        assert packed.headers["Content-Disposition"] == plain.headers["Content-Disposition"]
    csv = http.get(f"/api/workshops/{workshop['id']}/export/csv", headers={**bearer(workshop), "Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in csv.headers and zipfile.is_zipfile(io.BytesIO(csv.data))


def test_a_small_export_is_not_worth_compressing(http, workshop_with_cards):
    workshop, *_ = workshop_with_cards
    response = http.get(f"/api/workshops/{workshop['id']}/export/markdown",
                        headers={**bearer(workshop), "Accept-Encoding": "gzip"})
    assert len(response.data) < organise.GZIP_FROM and "Content-Encoding" not in response.headers


def test_json_export_imports_into_an_empty_server_and_exports_the_same(http, workshop_with_cards, config, tmp_path):
    workshop = workshop_with_cards[0]
    first = http.get(f"/api/workshops/{workshop['id']}/export/json", headers=bearer(workshop)).data
    other = create_app(config.__class__(db_path=str(tmp_path / "empty.db"), secret_key="other" * 7, testing=True))
    try:
        client = other.test_client()
        imported = client.post("/api/workshops/import", data=first, content_type="application/json")
        assert imported.status_code == 201 and imported.json["ok"] is True, imported.json
        again = client.get(f"/api/workshops/{workshop['id']}/export/json", headers=bearer(workshop)).data
    finally:
        other.extensions["bowtie"].store.close()
    assert again == first
    assert json.loads(first)["format_version"] == 1


def test_importing_onto_the_same_server_again_is_a_conflict(http, workshop_with_cards):
    workshop = workshop_with_cards[0]
    dump = http.get(f"/api/workshops/{workshop['id']}/export/json", headers=bearer(workshop)).data
    response = http.post("/api/workshops/import", data=dump, content_type="application/json")
    assert response.status_code == 409
    assert response.json["error"]["code"] == "conflict"


def test_import_never_tells_whether_a_join_code_exists(http, workshop_with_cards):
    workshop = workshop_with_cards[0]
    dump = json.loads(http.get(f"/api/workshops/{workshop['id']}/export/json", headers=bearer(workshop)).data)
    dump["workshop"]["id"] = "c" * 32  # the same code, another workshop: a guesser's probe
    dump["tables"] = {}
    response = http.post("/api/workshops/import", json=dump)
    assert response.status_code == 201, response.json
    assert response.json["code"] != workshop["code"]  # a fresh code, not "that code exists"


def test_unlocking_lists_only_the_workshops_whose_key_was_proven(http, make_workshop):
    mine, theirs = make_workshop("Mine"), make_workshop("Theirs")
    reply = http.post("/api/organise/unlock", json={"keys": {mine["id"]: mine["facilitator_key"],
                                                             theirs["id"]: "a guess"}}).json
    assert reply == {"ok": True, "opened": [mine["id"]], "refused": [theirs["id"]]}
    listed = http.get("/api/organise/workshops").json
    assert [w["title"] for w in listed["workshops"]] == ["Mine"]
    assert listed["admin"] is False


def test_summary_page_opens_after_unlocking_and_shows_typed_text_as_text(http, workshop_with_cards):
    workshop = workshop_with_cards[0]
    locked = http.get(f"/summary/{workshop['id']}")
    assert b"needs the workshop's facilitator key" in locked.data and b"Weekly demo" not in locked.data
    unlock(http, workshop)
    page = http.get(f"/summary/{workshop['id']}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "<svg" in html and 'data-chart="contributions"' in html


def test_archiving_marks_the_workshop_and_can_be_undone(http, workshop_with_cards):
    workshop = workshop_with_cards[0]
    unlock(http, workshop)
    archived = http.post(f"/api/workshops/{workshop['id']}/archive", json={"archived": True}).json
    assert archived["archived_at"]
    assert http.get("/api/organise/workshops").json["workshops"][0]["archived_at"] == archived["archived_at"]
    assert http.post(f"/api/workshops/{workshop['id']}/archive", json={"archived": False}).json["archived_at"] is None


def test_delete_needs_the_join_code_and_then_removes_the_whole_workshop(http, app, workshop_with_cards):
    workshop = workshop_with_cards[0]
    unlock(http, workshop)
    refused = http.delete(f"/api/workshops/{workshop['id']}", json={"confirm": "WRONG1"})
    assert refused.status_code == 400
    deleted = http.delete(f"/api/workshops/{workshop['id']}", json={"confirm": workshop["code"]}).json
    assert deleted["deleted"]["cards"] == 3 and deleted["deleted"]["participants"] == 2
    store = app.extensions["bowtie"].store
    for table in ("workshops", "participants", "groups", "cards", "events", "feedback"):
        rows = store.read(lambda tx: tx.query(f"SELECT * FROM {table}"))
        assert rows == [], table
    assert http.get(f"/api/workshops/{workshop['id']}/summary", headers=bearer(workshop)).status_code == 404


def test_next_stage_starts_with_the_cards_of_earlier_workshops_marked_with_their_origin(
        http, workshop_with_cards, make_workshop, facilitator_of):
    workshop = workshop_with_cards[0]
    unlock(http, workshop)
    made = http.post("/api/workshops/next", json={"title": "Consolidation", "from": [workshop["id"]], "top": 3})
    assert made.status_code == 201, made.json
    new = made.json
    assert new["carried_cards"] == 3 and new["control_url"].endswith(f"#key={new['facilitator_key']}")
    summary = http.get(f"/api/workshops/{new['id']}/summary").json["summary"]
    assert {c["origin"]["source_title"] for c in summary["cards"]} == {"Retro, Q4"}
    assert summary["carried_from"] == [{"source_workshop_id": workshop["id"], "source_title": "Retro, Q4", "cards": 3}]
    state = facilitator_of(new).ack["state"]
    assert sorted(c["text"] for c in state["cards"]) == sorted(c["text"] for c in summary["cards"])


def test_next_stage_needs_the_key_of_every_source(http, make_workshop):
    mine, theirs = make_workshop("Mine"), make_workshop("Theirs")
    unlock(http, mine)
    response = http.post("/api/workshops/next", json={"title": "Both", "from": [mine["id"], theirs["id"]]})
    assert response.status_code == 403


def test_unknown_export_kind_and_unknown_workshop_are_not_found(http, workshop_with_cards):
    workshop = workshop_with_cards[0]
    assert http.get(f"/api/workshops/{workshop['id']}/export/pdf", headers=bearer(workshop)).status_code == 404
    assert http.get("/api/workshops/nope/export/json", headers=bearer(workshop)).status_code == 404


@pytest.mark.parametrize("path", ["/summary/{id}", "/report/{id}"])
def test_summary_page_and_report_show_the_agenda_and_each_card_under_its_collect_step(http, workshop_with_cards, path):
    workshop = workshop_with_cards[0]
    unlock(http, workshop)
    steps = http.get(f"/api/workshops/{workshop['id']}/summary").json["summary"]["agenda"]["steps"]
    html = http.get(path.format(id=workshop["id"])).get_data(as_text=True)
    agenda = html[html.index('id="agenda-title"'):html.index("</table>", html.index('id="agenda-title"'))]
    assert [agenda.index(f">{s['title']}</a>") for s in steps] == sorted(agenda.index(f">{s['title']}</a>") for s in steps)
    assert "running" in agenda and "not run" in agenda  # the collect step runs; the later ones have not
    collect = next(n for n, s in enumerate(steps, 1) if s["kind"] == "collect")
    section = html[html.index(f'id="step-{collect}"'):html.index(f'id="step-{collect + 1}"')]
    assert "Weekly demo, &#34;for everyone&#34;" in section


# Every route that opens a workshop's content or changes it, as a stranger would
# call it: written here, not read from the code under test.
GUARDED = [
    ("post", "/api/workshops/{id}/archive", {"archived": True}),
    ("delete", "/api/workshops/{id}", {"confirm": "{code}"}),
    ("get", "/api/workshops/{id}/summary", None),
    ("get", "/report/{id}", None),
    ("get", "/report/{id}?download=1", None),
    ("get", "/api/workshops/{id}/export/markdown", None),
    ("get", "/api/workshops/{id}/export/csv", None),
    ("get", "/api/workshops/{id}/export/json", None),
]


ROUTE_NAMES = ["archive", "delete", "summary", "report", "report-download", "markdown", "csv", "json"]


def _call(http, route, workshop, headers=None):
    method, path, body = route
    url = path.format(id=workshop["id"])
    if body is not None:
        body = {k: v.format(code=workshop["code"]) if isinstance(v, str) else v for k, v in body.items()}
        return getattr(http, method)(url, json=body, headers=headers)
    return getattr(http, method)(url, headers=headers)


@pytest.mark.parametrize("route", GUARDED, ids=ROUTE_NAMES)
def test_a_stranger_with_the_join_code_can_neither_read_nor_change_a_workshop(http, app, make_workshop,
                                                                              workshop_with_cards, route):
    workshop = workshop_with_cards[0]
    other = make_workshop("Someone else's")
    # No key, another workshop's key, the join code, an empty bearer (no admin token is set).
    for headers in (None, bearer(other), {"Authorization": f"Bearer {workshop['code']}"},
                    {"Authorization": "Bearer "}):
        response = _call(http, route, workshop, headers)
        assert response.status_code == 403, (route, headers)
        assert b"Weekly demo" not in response.data
    store = app.extensions["bowtie"].store
    row = store.read(lambda tx: tx.one("SELECT archived_at FROM workshops WHERE id = ?", [workshop["id"]]))
    assert row == {"archived_at": None}  # neither archived nor deleted


@pytest.mark.parametrize("route", GUARDED, ids=ROUTE_NAMES)
def test_the_facilitator_key_opens_every_guarded_route(http, workshop_with_cards, route):
    workshop = workshop_with_cards[0]
    response = _call(http, route, workshop, bearer(workshop))
    assert response.status_code == 200, (route, response.data[:300])


def test_the_report_page_shows_what_was_written_to_the_key_holder_only(http, workshop_with_cards):
    workshop = workshop_with_cards[0]
    assert http.get(f"/report/{workshop['id']}").status_code == 403
    unlock(http, workshop)
    page = http.get(f"/report/{workshop['id']}")
    assert page.status_code == 200 and "Weekly demo" in page.get_data(as_text=True)


def test_the_summary_page_asks_for_the_key_instead_of_showing_the_cards(http, workshop_with_cards):
    workshop = workshop_with_cards[0]
    page = http.get(f"/summary/{workshop['id']}").get_data(as_text=True)
    assert "Weekly demo" not in page


def _export(http, workshop) -> dict:
    return json.loads(http.get(f"/api/workshops/{workshop['id']}/export/json", headers=bearer(workshop)).data)


@pytest.mark.parametrize("spoil, message", [
    (lambda d: b"not json at all", "not JSON"),
    (lambda d: [d], "JSON object"),
    (lambda d: {**d, "format": "trello"}, "not a Bowtie workshop export"),
    (lambda d: {**d, "format_version": 99}, "export format version"),
    (lambda d: {k: v for k, v in d.items() if k != "tables"}, "workshop object and a tables object"),
    (lambda d: {**d, "tables": {**d["tables"], "secrets": []}}, "unknown table 'secrets'"),
    (lambda d: {**d, "tables": {**d["tables"], "cards": {"not": "a list"}}}, "must be a list of objects"),
    (lambda d: {**d, "workshop": {k: v for k, v in d["workshop"].items() if k != "title"}}, "the workshop needs"),
    (lambda d: {**d, "tables": {**d["tables"], "cards": [{**d["tables"]["cards"][0], "colour": "red"}]}},
     "cards[0].colour: unknown column"),
    (lambda d: {**d, "tables": {**d["tables"], "cards": [{**d["tables"]["cards"][0], "text": ["a", "b"]}]}},
     "cards[0].text:"),
    (lambda d: {**d, "tables": {**d["tables"], "cards": [{**d["tables"]["cards"][0], "workshop_id": "elsewhere"}]}},
     "belongs to another workshop"),
])
def test_importing_a_spoilt_export_is_refused_with_a_reason_and_stores_nothing(
        http, app, workshop_with_cards, config, tmp_path, spoil, message):
    workshop = workshop_with_cards[0]
    spoilt = spoil(_export(http, workshop))
    other = create_app(config.__class__(db_path=str(tmp_path / "empty.db"), secret_key="other" * 7, testing=True))
    try:
        body = spoilt if isinstance(spoilt, bytes) else json.dumps(spoilt)
        response = other.test_client().post("/api/workshops/import", data=body, content_type="application/json")
        stored = other.extensions["bowtie"].store.read(lambda tx: tx.query("SELECT id FROM workshops"))
    finally:
        other.extensions["bowtie"].store.close()
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid" and message in response.json["error"]["message"]
    assert stored == []


def test_importing_needs_a_json_body(http):
    response = http.post("/api/workshops/import", data="{}", content_type="text/plain")
    assert response.status_code == 400 and "application/json" in response.json["error"]["message"]


def test_a_browser_may_unlock_at_most_100_workshops_at_once(http, make_workshop):
    mine = make_workshop("Mine")
    keys = {f"w{n}": "guess" for n in range(99)}
    assert http.post("/api/organise/unlock", json={"keys": {**keys, mine["id"]: mine["facilitator_key"]}}).json[
        "opened"] == [mine["id"]]
    too_many = http.post("/api/organise/unlock", json={"keys": {**keys, "w99": "x", "w100": "y"}})
    assert too_many.status_code == 400 and "at most 100" in too_many.json["error"]["message"]
    assert http.post("/api/organise/unlock", json={"keys": ["not", "a", "map"]}).status_code == 400


def test_the_summary_page_of_an_unknown_workshop_is_not_found(http):
    assert http.get("/summary/no-such-workshop").status_code == 404


def test_an_import_larger_than_any_real_export_is_refused_unread(http):
    too_big = b'{"format": "' + b"x" * (32 * 1024 * 1024) + b'"}'
    response = http.post("/api/workshops/import", data=too_big, content_type="application/json")
    assert response.status_code == 413
