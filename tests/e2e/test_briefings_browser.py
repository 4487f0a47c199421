"""Share back in Chromium: an organiser publishes the briefings; a phone with no key opens one."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import expect_accessible
from tests.e2e.test_journey_browser import finished_session, journey_attaching


def publish(page, kind: str) -> str:
    shares = page.locator(".journey-shares")
    before = shares.get_by_label("The new briefing link").input_value()
    shares.locator("select[name=kind]").select_option(kind)
    shares.get_by_role("button", name="Publish a link").click()
    link = shares.get_by_label("The new briefing link")
    expect(link).to_have_value(re.compile(r"/briefings/"))
    expect(link).not_to_have_value(before or "-")
    return link.input_value()


@pytest.mark.browser
def test_organiser_publishes_the_organisation_briefing_and_a_phone_opens_it_without_a_key(
        server, clients, page_for, tmp_path):
    munich = finished_session(server, clients, "Munich all-hands", {"Customer demos": ["Weekly demos"]})
    madrid = finished_session(server, clients, "Madrid all-hands", {"More customer demos": ["Demo monthly"],
                                                                    "Fewer meetings": ["No Friday meetings"]})
    page = page_for()
    start = journey_attaching(page, server, (munich, madrid), purpose="Where do we want to be in three years?")
    for box in start.locator(".feed-pick").all():
        box.check()
    start.locator("summary", has_text="Feed Narrow down").click()
    start.locator("form.feed").get_by_label("Title").fill("Leadership circle")
    start.locator("form.feed").get_by_role("button", name="Create").click()
    expect(page.locator(".stage-narrow .session")).to_have_count(1)

    organisation = publish(page, "organisation")
    leadership = publish(page, "leadership")

    phone = page_for(viewport={"width": 390, "height": 844})  # a fresh context: no cookie, no key
    phone.goto(organisation)
    expect(phone.get_by_role("heading", name="CX strategy 2027")).to_be_visible()
    themes = phone.locator(".briefing-themes li")
    expect(themes.first).to_contain_text("Customer demos")
    expect(phone.get_by_role("heading", name="What you told us")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    expect_accessible(phone)
    phone.screenshot(path=str(tmp_path / "organisation-briefing-phone.png"), full_page=True)
    phone.goto(f"{server.url}/journeys")
    expect(phone.locator("body")).not_to_contain_text("CX strategy 2027")  # the link unlocked nothing

    reader = page_for(viewport={"width": 390, "height": 844})
    reader.goto(leadership)
    expect(reader.get_by_role("heading", name="Statements: Leadership circle")).to_be_visible()
    expect(reader.locator(".briefing-statement").first).to_contain_text("raised by 1 person in 1 session")
    expect_accessible(reader)
    reader.screenshot(path=str(tmp_path / "leadership-briefing-phone.png"), full_page=True)

    page.reload()
    opened = page.locator(".journey-shares tbody tr")
    expect(opened).to_have_count(2)
    expect(opened.locator("[data-opened]")).to_have_text(["1", "1"])
    expect_accessible(page)
    page.screenshot(path=str(tmp_path / "journey-shares.png"), full_page=True)
    assert page.errors == [] and phone.errors == [] and reader.errors == []
