"""Browser faults: a reload in every phase, and websockets blocked on the way."""
from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from workshop.domain.workshop import PHASE_TITLES, PHASES

from .browser import join_in_browser, next_step
from .cable import Cable
from .live import Client

pytestmark = pytest.mark.browser
VOLATILE = ("server_time", "online")  # the clock, and who happens to be connected at that instant


def control_state(page) -> dict:
    # state.seq is the snapshot's; live.seq is the highest event applied since.
    state = page.evaluate("JSON.parse(JSON.stringify({...window.bowtie.state, seq: window.bowtie.seq}))")
    kept = {k: v for k, v in state.items() if k not in VOLATILE}
    if kept.get("topic_plan"):  # the plan says when it was computed, like server_time
        kept["topic_plan"] = {k: v for k, v in kept["topic_plan"].items() if k != "at"}
    current = (kept.get("agenda") or {}).get("current")
    if kept.get("here_step") != current:  # who was here in an earlier step counts for nothing now (hereNow)
        kept["here"], kept["here_step"] = [], current
    elmo = kept.get("step_elmo")
    if elmo and not elmo["mine"] and not (elmo.get("elmo") or {}).get("count"):
        kept["step_elmo"] = None  # no Elmo thrown yet: "No Elmos yet" either way (elmoText)
    return kept


# A running time-box's digits ("14:55") are a clock, like server_time: a reload may cross a tick.
CLOCK = r"\b\d{1,3}:\d{2}\b"
MAIN_TEXT = f"() => document.querySelector('#main').innerText.replace(/{CLOCK}/g, 'm:ss')"


def board_seen(page) -> dict:
    return {"me": page.locator("#me").inner_text(), "main": page.evaluate(MAIN_TEXT),
            "token": page.evaluate("Object.entries(localStorage).filter(([k]) => k.startsWith('bowtie:token'))")}


def test_a_reload_in_every_phase_brings_back_the_same_screen_and_the_same_person(server, page_for):
    workshop = server.create_workshop("Reloads", blind_writing=False)
    control, ann = page_for(), page_for()
    control.goto(workshop["control_url"])
    expect(control.locator("#status")).to_have_text("Live")
    join_in_browser(ann, workshop, "Ann")
    f, bob = Client(server).connect(), Client(server).connect()
    assert f.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert bob.call("join", {"code": workshop["code"], "name": "Bob"})["ok"]

    for phase in PHASES:
        assert f.call("phase:set", {"phase": phase})["ok"]
        if phase == "collect":
            assert bob.call("card:add", {"id": str(uuid.uuid4()), "column": "start", "text": "Demo weekly"})["ok"]
            expect(ann.locator(".card-text")).to_have_text(["Demo weekly"])
        server_seq = f.call("sync", {})["state"]["seq"]
        control.wait_for_function("s => window.bowtie.seq === s", arg=server_seq)
        for page in (control, ann):
            expect(page.locator(".phases li[data-state=current]")).to_contain_text(PHASE_TITLES[phase])
        before_control, before_board = control_state(control), board_seen(ann)
        for page in (control, ann):
            page.reload()
            expect(page.locator("#status")).to_have_text("Live")
        control.wait_for_function("p => window.bowtie.state.workshop.phase === p", arg=phase)
        assert control_state(control) == before_control, phase
        try:  # the board renders on the next frame: wait for it to settle, then compare
            ann.wait_for_function(f"t => ({MAIN_TEXT})() === t", arg=before_board["main"], timeout=5000)
        except Exception:
            pass
        assert board_seen(ann) == before_board, phase
    participants = f.call("sync", {})["state"]["participants"]
    assert sorted(p["name"] for p in participants) == ["Ann", "Bob"]  # the reloads made nobody new
    for client in (f, bob):
        client.disconnect()


def test_with_websockets_blocked_the_page_falls_back_to_long_polling_and_works(server, page_for):
    proxy = Cable(server.port, refuse_websockets=True)  # answers every websocket upgrade with 403
    workshop = server.create_workshop("No websockets", blind_writing=False)
    via = {k: v.replace(server.url, proxy.url) for k, v in workshop.items() if isinstance(v, str)}
    control, ann, bo = page_for(), page_for(), page_for()
    control.goto(via["control_url"])
    expect(control.locator("#status")).to_have_text("Live")
    join_in_browser(ann, via, "Ann")
    join_in_browser(bo, via, "Bo")
    next_step(control, "Collect")
    composer = ann.get_by_label("New card for Start")
    expect(composer).to_be_enabled()
    composer.fill("Works without websockets")
    composer.press("Enter")
    expect(bo.locator("[data-column=start] .card-text")).to_have_text(["Works without websockets"])
    expect(control.locator(".board [data-column=start] .card-text")).to_have_text(["Works without websockets"])
    assert proxy.refused >= 3  # every page tried a websocket first
    assert control.evaluate("window.bowtie.socket.io.engine.transport.name") == "polling"
    proxy.close()
