"""Issue 14 on a phone (390×844): the columns behind tabs while collecting, the step
bar in one line, and a ballot that is a compact list."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import expect_accessible, join_in_browser
from .live import Client, lift_card_limit, new_id

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def facilitating(server, workshop) -> Client:
    f = Client(server).connect()
    assert f.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    return f


def test_a_phone_writes_in_one_column_at_a_time_chosen_by_tabs_that_count_its_cards(server, page_for):
    workshop = server.create_workshop("Tabs", blind_writing=False)
    f = facilitating(server, workshop)
    assert f.call("phase:set", {"phase": "collect"})["ok"]
    ann = join_in_browser(page_for(PHONE), workshop, "Ann")
    bo = Client(server).connect()
    bo.call("join", {"code": workshop["code"], "name": "Bo"})
    for column in ("start", "stop", "stop"):
        assert bo.call("card:add", {"id": new_id(), "column": column, "text": f"A {column} card"})["ok"]
    tabs = ann.get_by_role("tablist", name="Columns").get_by_role("tab")
    expect(tabs).to_have_text(["Start (1)", "Stop (2)", "Continue (0)"])
    expect(ann.get_by_label("New card for Start")).to_be_visible()
    expect(ann.get_by_label("New card for Stop")).to_be_hidden()
    # The column's question stands above the field, so the field says how to write a card instead.
    expect(ann.get_by_label("New card for Start")).to_have_attribute("placeholder", "One idea per card")
    ann.get_by_role("tab", name="Stop (2)").click()
    expect(ann.get_by_role("tabpanel")).to_contain_text("A stop card")
    expect(ann.get_by_label("New card for Start")).to_be_hidden()
    ann.keyboard.press("ArrowRight")
    expect(ann.get_by_role("tab", name="Continue (0)")).to_be_focused()
    expect(ann.get_by_role("tab", name="Continue (0)")).to_have_attribute("aria-selected", "true")
    ann.get_by_label("New card for Continue").fill("Pairing")
    ann.get_by_label("New card for Continue").press("Enter")
    expect(ann.get_by_role("tab", name="Continue (1)")).to_be_visible()
    expect_accessible(ann)
    bo.disconnect()
    f.disconnect()


def test_a_wide_screen_keeps_the_columns_side_by_side_without_tabs(server, page_for):
    workshop = server.create_workshop("Wide", blind_writing=False)
    f = facilitating(server, workshop)
    assert f.call("phase:set", {"phase": "collect"})["ok"]
    ann = join_in_browser(page_for(), workshop, "Ann")
    for title in ("Start", "Stop", "Continue"):
        expect(ann.get_by_label(f"New card for {title}")).to_be_visible()
    expect(ann.get_by_role("tablist")).to_have_count(0)
    expect(ann.get_by_role("tabpanel")).to_have_count(0)
    f.disconnect()


def test_a_phone_shows_the_steps_in_one_line(server, page_for):
    workshop = server.create_workshop("Steps")
    f = facilitating(server, workshop)
    assert f.call("phase:set", {"phase": "collect"})["ok"]
    ann = join_in_browser(page_for(PHONE), workshop, "Ann")
    expect(ann.locator(".step-of")).to_have_text("Step 2 of 7 · Collect")
    expect(ann.get_by_role("list", name="Workshop steps")).to_be_hidden()
    f.disconnect()


def test_a_phone_ballot_of_forty_cards_is_a_compact_list(server, page_for):
    workshop = server.create_workshop("Ballot", blind_writing=False)
    f = facilitating(server, workshop)
    assert f.call("phase:set", {"phase": "collect"})["ok"]
    lift_card_limit(f.call)
    ann = join_in_browser(page_for(PHONE), workshop, "Ann")
    bo = Client(server).connect()
    bo.call("join", {"code": workshop["code"], "name": "Bo"})
    for n in range(40):
        assert bo.call("card:add", {"id": new_id(), "column": "start", "text": f"Idea number {n} for the team"})["ok"]
    assert f.call("phase:set", {"phase": "vote"})["ok"]
    assert f.call("vote:open", {"id": new_id(), "dots_per_participant": 5, "max_per_item": 3})["ok"]
    items = ann.locator(".ballot-item")
    expect(items).to_have_count(40)
    ann.get_by_role("button", name="Place a dot on Idea number 7 for the team").click()
    expect(ann.locator(".vote-status")).to_contain_text("You have 4 dots left")
    heights = items.evaluate_all("(all) => all.map((li) => li.getBoundingClientRect().height)")
    assert max(heights) <= 64, heights  # one line of controls per item, a name of up to two lines
    plus = ann.get_by_role("button", name="Place a dot on Idea number 7 for the team").bounding_box()
    assert plus["width"] >= 44 and plus["height"] >= 44  # still a finger's size
    expect_accessible(ann)
    bo.disconnect()
    f.disconnect()
