"""Exports: only for the facilitator key (or the admin token), served as
attachments that no cache keeps, with formulas neutralised in CSV and user
text escaped in Markdown."""
from __future__ import annotations

import csv
import io
import re
import uuid
import zipfile

import pytest
import requests

from .live import Client, Server

MARK = "<img src=x onerror=alert(1)>"
FORMULAS = ["=HYPERLINK(\"http://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
ADMIN = "admin-token-for-tests"
EXPORTS = ["/api/workshops/{id}/export/markdown", "/api/workshops/{id}/export/csv",
           "/api/workshops/{id}/export/json", "/report/{id}?download=1"]


@pytest.fixture
def admin_server(tmp_path):
    server = Server(tmp_path / "bowtie.db", env={"BOWTIE_ADMIN_TOKEN": ADMIN}).start()
    yield server
    server.stop()


def call(client: Client, event: str, payload: dict) -> dict:
    ack = client.call(event, payload)
    assert ack["ok"], (event, ack)
    return ack


def hostile_workshop(server: Server) -> dict:
    """A finished workshop whose every text field holds markup or a formula."""
    workshop = server.create_workshop("Exports " + MARK, blind_writing=False)
    f, bob = Client(server).connect(), Client(server).connect()
    call(f, "facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})
    me = call(bob, "join", {"code": workshop["code"], "name": "=cmd|' /C calc'!A0", "role": MARK})["participant"]
    call(f, "group:rename", {"group_id": me["group_id"], "name": "@SUM(A1)"})
    call(f, "phase:set", {"phase": "collect"})
    cards = [call(bob, "card:add", {"id": str(uuid.uuid4()), "column": "start", "text": t})["card"]
             for t in [MARK, *FORMULAS[:4]]]
    call(f, "phase:set", {"phase": "cluster"})
    call(f, "cluster:create", {"id": str(uuid.uuid4()), "name": "=1+2 " + MARK, "card_ids": [cards[0]["id"]]})
    call(f, "phase:set", {"phase": "discuss"})
    topic = call(f, "topic:save", {"id": str(uuid.uuid4()), "title": "-danger " + MARK})["topic"]
    call(f, "notes:edit", {"topic_id": topic["id"], "notes": {"situation": MARK, "obstacles": "=2*3"}})
    call(f, "action:save", {"id": str(uuid.uuid4()), "topic_id": topic["id"], "text": "+do " + MARK,
                            "owner": "@owner"})
    call(f, "phase:set", {"phase": "decide"})
    poll = call(f, "poll:open", {"id": str(uuid.uuid4()), "proposal": "=ship " + MARK, "anonymous": False})["poll"]
    call(bob, "poll:answer", {"round_id": poll["rounds"][-1]["id"], "level": 40, "reason": "-no " + MARK})
    call(f, "poll:close", {"round_id": poll["rounds"][-1]["id"]})
    call(f, "phase:set", {"phase": "summary"})
    for client in (f, bob):
        client.disconnect()
    return workshop


def get(server: Server, path: str, token: str | None = None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.get(server.url + path, headers=headers, timeout=30)


def test_exports_open_only_with_the_workshops_key_or_the_admin_token(admin_server):
    workshop, other = hostile_workshop(admin_server), admin_server.create_workshop("Other")
    for export in EXPORTS:
        path = export.format(id=workshop["id"])
        for token in (None, "wrong", other["facilitator_key"], ADMIN + "x"):
            assert get(admin_server, path, token).status_code == 403, (path, token)
        for token in (workshop["facilitator_key"], ADMIN):
            response = get(admin_server, path, token)
            assert response.status_code == 200, path
            assert response.headers["Content-Disposition"].startswith("attachment;"), path
            assert "no-store" in response.headers.get("Cache-Control", ""), path


def test_csv_cells_never_start_a_formula(admin_server):
    workshop = hostile_workshop(admin_server)
    response = get(admin_server, f"/api/workshops/{workshop['id']}/export/csv", workshop["facilitator_key"])
    cells = []
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        for name in archive.namelist():
            cells += [c for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))) for c in row]
    assert "'=HYPERLINK(\"http://evil.example\")" in cells and "'=cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or re.match(r"-[^0-9]", c)]


def test_markdown_shows_user_text_literally(admin_server):
    workshop = hostile_workshop(admin_server)
    text = get(admin_server, f"/api/workshops/{workshop['id']}/export/markdown", workshop["facilitator_key"]).text
    assert "img src=x" in text
    assert not re.search(r"(?<!\\)<img", text), "raw HTML would render in a Markdown viewer"


def test_the_report_and_the_json_carry_user_markup_only_as_text(admin_server):
    workshop = hostile_workshop(admin_server)
    report = get(admin_server, f"/report/{workshop['id']}?download=1", workshop["facilitator_key"]).text
    assert "&lt;img src=x" in report and "<img src=x" not in report
    dump = get(admin_server, f"/api/workshops/{workshop['id']}/export/json", workshop["facilitator_key"])
    assert dump.headers["Content-Type"].startswith("application/json")  # never sniffed as a page
    assert dump.headers["X-Content-Type-Options"] == "nosniff"
