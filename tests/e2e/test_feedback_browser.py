"""Closing feedback in Chromium: a participant rates the workshop; the control screen shows the score."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import confirm_move

LIVE = 10_000


@pytest.mark.browser
def test_participant_gives_closing_feedback_and_the_facilitator_sees_the_score(server, page_for):
    workshop = server.create_workshop("Closing time")
    control = page_for()
    control.goto(f"{server.url}/control/{workshop['id']}#key={workshop['facilitator_key']}")
    board = page_for()
    board.goto(f"{server.url}/j/{workshop['code']}")
    board.get_by_label("Your name").fill("Ann")
    board.get_by_role("button", name="Join").click()
    # What one page does reaches the other through the server: allow for a busy machine.
    expect(control.get_by_role("list", name="Who has joined").get_by_text("Ann")).to_be_visible(timeout=LIVE)

    control.get_by_role("button", name="Summary", exact=True).click()
    confirm_move(control)
    expect(board.get_by_text("How likely would you recommend this workshop format to a colleague?")).to_be_visible(
        timeout=LIVE)
    board.get_by_role("radio", name="9").click()
    board.get_by_label("What worked").fill("Short rounds")
    board.get_by_role("button", name="Send feedback").click()
    expect(board.get_by_role("status").filter(has_text="Thank you")).to_be_visible()

    expect(control.locator(".feedback-figures")).to_have_text(
        "1 answer · net promoter score 100 · satisfaction 9 / 10", timeout=LIVE)
    expect(control.get_by_role("link", name="Summary and exports")).to_have_attribute("href", f"/summary/{workshop['id']}")
    assert board.errors == [] and control.errors == []
