"""Issue 14: what a person does while offline is kept and sent exactly once after the re-join,
over websocket and over long-polling; a half-typed card survives a reload."""
from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from .browser import join_in_browser
from .cable import Cable
from .live import Client

pytestmark = pytest.mark.browser


@pytest.fixture(params=["websocket", "long-polling"])
def cable(request, server):
    cable = Cable(server.port, refuse_websockets=request.param == "long-polling")
    yield cable
    cable.close()


def offline(page, cable: Cable, act, waiting: str) -> None:
    """Cut the line, do `act` on the page, see it waiting, mend the line and see it go."""
    cable.cut()
    expect(page.locator("#status")).to_have_text("Reconnecting…")
    act()
    expect(page.locator("#status")).to_have_text(f"Offline — {waiting} not sent yet")
    cable.mend()
    expect(page.locator("#status")).to_have_text("Live", timeout=15000)


def test_a_card_a_dot_and_a_poll_answer_given_offline_are_each_stored_once(server, page_for, cable):
    workshop = server.create_workshop("Offline", blind_writing=False)
    via = {k: v.replace(server.url, cable.url) for k, v in workshop.items() if isinstance(v, str)}
    f = Client(server).connect()
    assert f.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert f.call("phase:set", {"phase": "collect"})["ok"]
    ann = page_for()
    join_in_browser(ann, via, "Ann")

    composer = ann.get_by_label("New card for Start")
    offline(ann, cable, lambda: composer.fill("Written on the train") or composer.press("Enter"), "1")
    expect(composer).to_have_value("")
    cards = f.call("sync", {})["state"]["cards"]
    assert [c["text"] for c in cards] == ["Written on the train"]

    assert f.call("phase:set", {"phase": "vote"})["ok"]
    f.call("vote:open", {"id": str(uuid.uuid4()), "dots_per_participant": 3, "max_per_item": 3})
    place = ann.get_by_role("button", name="Place a dot on Written on the train")
    expect(place).to_be_enabled()  # the open vote has reached the page before the line is cut
    offline(ann, cable, place.click, "1")
    closed = f.call("vote:close", {})["vote"]
    assert [r["dots"] for r in closed["ranking"]] == [1]

    assert f.call("phase:set", {"phase": "decide"})["ok"]
    poll = f.call("poll:open", {"id": str(uuid.uuid4()), "proposal": "Trains have wifi"})["poll"]
    expect(ann.locator(".agree-form .proposal")).to_have_text("Trains have wifi")

    def agree():
        ann.get_by_role("button", name="100%", exact=True).click()
        ann.locator(".agree-form button[type=submit]").click()

    offline(ann, cable, agree, "1")
    expect(ann.locator(".my-answer")).to_contain_text("You answered 100%")
    closed = f.call("poll:close", {"round_id": poll["rounds"][0]["id"]})["poll"]
    assert closed["rounds"][0]["answered"] == 1
    f.disconnect()


def test_a_half_typed_card_survives_a_reload_until_it_is_sent(server, page_for):
    workshop = server.create_workshop("Drafts", blind_writing=False)
    f = Client(server).connect()
    assert f.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert f.call("phase:set", {"phase": "collect"})["ok"]
    ann = page_for()
    join_in_browser(ann, workshop, "Ann")
    ann.get_by_label("New card for Start").fill("Pair on the release")
    ann.get_by_label("New card for Stop").fill("Meetings without")
    ann.reload()
    expect(ann.locator("#status")).to_have_text("Live")
    expect(ann.get_by_label("New card for Start")).to_have_value("Pair on the release")
    expect(ann.get_by_label("New card for Stop")).to_have_value("Meetings without")
    ann.get_by_label("New card for Start").press("Enter")
    expect(ann.locator("[data-column=start] .card-text")).to_have_text(["Pair on the release"])
    ann.reload()
    expect(ann.locator("#status")).to_have_text("Live")
    expect(ann.get_by_label("New card for Start")).to_have_value("")  # sent: the draft is gone
    expect(ann.get_by_label("New card for Stop")).to_have_value("Meetings without")
    f.disconnect()
