"""Issue 14's smaller broken promises, in a real browser: quick presses, editing
with Enter, rewording a proposal, "Saved" per topic, right-to-left text."""
from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from .browser import join_in_browser
from .live import Client

pytestmark = pytest.mark.browser


def facilitating(server, workshop) -> Client:
    f = Client(server).connect()
    assert f.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    return f


def test_two_quick_presses_of_a_dot_place_two_dots(server, page_for):
    workshop = server.create_workshop("Presses", blind_writing=False)
    f = facilitating(server, workshop)
    assert f.call("phase:set", {"phase": "collect"})["ok"]
    ann = join_in_browser(page_for(), workshop, "Ann")
    ann.get_by_label("New card for Start").fill("Demos")
    ann.get_by_label("New card for Start").press("Enter")
    expect(ann.locator(".card-text")).to_have_text(["Demos"])
    assert f.call("phase:set", {"phase": "vote"})["ok"]
    assert f.call("vote:open", {"id": str(uuid.uuid4()), "dots_per_participant": 3, "max_per_item": 3})["ok"]
    plus = ann.get_by_role("button", name="Place a dot on Demos")
    plus.dblclick()  # two presses 0 ms apart: each one a dot
    expect(ann.locator(".vote-status")).to_contain_text("You have 1 dot left")
    expect(plus).to_be_focused()
    assert ann.errors == []
    f.disconnect()


def test_saving_a_card_edit_with_enter_raises_no_page_error(server, page_for):
    workshop = server.create_workshop("Edits", blind_writing=False)
    f = facilitating(server, workshop)
    assert f.call("phase:set", {"phase": "collect"})["ok"]
    ann = join_in_browser(page_for(), workshop, "Ann")
    composer = ann.get_by_label("New card for Start")
    composer.fill("Demo weekly")
    composer.press("Enter")
    ann.get_by_role("button", name="Edit card").click()
    ann.get_by_label("Edit card text").fill("Demo every week")
    ann.get_by_label("Edit card text").press("Enter")
    expect(ann.locator(".card-text")).to_have_text(["Demo every week"])
    assert ann.errors == []
    f.disconnect()


def test_right_to_left_cards_read_right_to_left(server, page_for):
    workshop = server.create_workshop("RTL", blind_writing=False)
    f = facilitating(server, workshop)
    assert f.call("phase:set", {"phase": "collect"})["ok"]
    ann = join_in_browser(page_for(), workshop, "Ann")
    ann.get_by_label("New card for Start").fill("נשחרר כל שבוע")
    ann.get_by_label("New card for Start").press("Enter")
    card = ann.locator(".card-text")
    expect(card).to_have_text(["נשחרר כל שבוע"])
    assert card.evaluate("el => getComputedStyle(el).direction") == "rtl"
    f.disconnect()


def test_rewording_starts_from_the_last_proposal_and_saved_stays_with_its_topic(server, page_for):
    workshop = server.create_workshop("Reword")
    control = page_for()
    control.goto(workshop["control_url"])
    expect(control.locator("#status")).to_have_text("Live")
    f = facilitating(server, workshop)
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    assert f.call("phase:set", {"phase": "discuss"})["ok"]
    assert f.call("topic:save", {"id": first, "title": "Cadence"})["ok"]
    assert f.call("topic:save", {"id": second, "title": "Onboarding"})["ok"]
    assert f.call("topic:open", {"topic_id": first})["ok"]
    control.get_by_label("Current situation").fill("Monthly releases")
    control.get_by_label("Desired state").focus()
    expect(control.locator(".note .saved").first).to_have_text("Saved")
    assert f.call("topic:open", {"topic_id": second})["ok"]
    expect(control.get_by_label("Current situation")).to_have_value("")
    expect(control.locator(".note .saved").first).to_have_text("")

    assert f.call("phase:set", {"phase": "decide"})["ok"]
    poll = f.call("poll:open", {"id": str(uuid.uuid4()), "proposal": "Release every week"})["poll"]
    expect(control.locator(".answered")).to_be_visible()
    assert f.call("poll:close", {"round_id": poll["rounds"][0]["id"]})["ok"]
    expect(control.get_by_label("Reword and ask again")).to_have_value("Release every week")
    assert control.errors == []
    f.disconnect()
