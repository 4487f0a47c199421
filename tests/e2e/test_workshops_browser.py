"""Past workshops in Chromium: listed by the keys this browser holds, archived, deleted after confirming."""
from __future__ import annotations

import json

import pytest
import requests
from playwright.sync_api import expect

from .live import new_id


@pytest.mark.browser
def test_facilitator_lists_archives_and_deletes_a_past_workshop(server, page_for, tmp_path):
    mine = server.create_workshop("Spring retro")
    server.create_workshop("Someone else's")
    page = page_for()
    page.goto(f"{server.url}/control/{mine['id']}#key={mine['facilitator_key']}")  # keeps the key, as facilitators do
    page.goto(f"{server.url}/workshops")
    rows = page.locator("#workshops tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Spring retro")

    rows.first.get_by_role("button", name="Archive").click()
    expect(rows).to_have_count(0)
    page.get_by_label("Show archived").check()
    expect(rows.first).to_contain_text("(archived)")
    page.screenshot(path=str(tmp_path / "workshops.png"), full_page=True)

    page.once("dialog", lambda dialog: dialog.accept(mine["code"]))
    rows.first.get_by_role("button", name="Delete…").click()
    expect(page.locator("#message")).to_have_text('Deleted "Spring retro".')
    expect(rows).to_have_count(0)
    assert page.errors == []


@pytest.mark.browser
def test_summary_page_opens_from_the_list_and_offers_every_export(server, clients, page_for, tmp_path):
    workshop = server.create_workshop("Autumn retro", blind_writing=False)
    facilitator = clients()
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    ann = clients()
    assert ann.call("join", {"code": workshop["code"], "name": "Ann"})["ok"]
    for n in range(12):  # enough text that the JSON export travels gzipped
        assert ann.call("card:add", {"id": new_id(), "column": "start", "text": f"Idea {n}: " + "more demos " * 30})["ok"]
    page = page_for()
    page.goto(f"{server.url}/control/{workshop['id']}#key={workshop['facilitator_key']}")
    page.goto(f"{server.url}/workshops")
    page.get_by_role("link", name="Autumn retro").click()
    expect(page.get_by_role("heading", name="Autumn retro")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Markdown").click()
    assert download.value.suggested_filename.startswith("bowtie-autumn-retro-")
    assert open(download.value.path(), encoding="utf-8").read().startswith("# Autumn retro")
    sent = requests.get(f"{server.url}/api/workshops/{workshop['id']}/export/json", timeout=10,
                        headers={"Authorization": f"Bearer {workshop['facilitator_key']}", "Accept-Encoding": "gzip"})
    assert sent.headers["Content-Encoding"] == "gzip"
    with page.expect_download() as download:
        page.get_by_role("link", name="JSON").click()
    saved = json.loads(open(download.value.path(), encoding="utf-8").read())  # the browser saved it unpacked
    assert saved["workshop"]["title"] == "Autumn retro" and len(saved["tables"]["cards"]) == 12
    page.screenshot(path=str(tmp_path / "summary.png"), full_page=True)
    assert page.errors == []
