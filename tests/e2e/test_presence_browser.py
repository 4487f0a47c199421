"""Being here in Chromium (issue 13, item 6): a participant presses "I'm here" when a
step starts, and the control screen's "present n of connected m" counts them."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import expect_accessible, go_to, join_in_browser

LIVE = 10_000  # what one page does reaches the other through the server: allow for a busy machine


@pytest.mark.browser
def test_i_am_here_is_counted_on_the_control_screen_and_the_facilitator_can_ask_again(server, page_for, tmp_path):
    workshop = server.create_workshop("Presence")
    control = page_for()
    control.goto(f"{server.url}/control/{workshop['id']}#key={workshop['facilitator_key']}")
    ann = join_in_browser(page_for(), workshop, "Ann")
    bob = join_in_browser(page_for(), workshop, "Bob")
    go_to(control, "Collect")

    count = control.locator(".here-count")
    expect(count).to_have_text("Present 0 of connected 2", timeout=LIVE)
    here = ann.get_by_role("button", name="I'm here")
    expect(here).to_be_visible(timeout=LIVE)
    here.click()
    expect(here).to_be_hidden()
    expect(count).to_have_text("Present 1 of connected 2", timeout=LIVE)

    control.get_by_role("button", name="Ask who is here").click()
    expect(bob.get_by_text("The facilitator asks who is here.")).to_be_visible(timeout=LIVE)
    bob.screenshot(path=str(tmp_path / "board-asked.png"))
    control.screenshot(path=str(tmp_path / "control-present.png"))
    expect_accessible(bob)
    expect_accessible(control)

    bob.reload()  # being here, or not, survives a reload
    expect(bob.get_by_role("button", name="I'm here")).to_be_visible(timeout=LIVE)
    ann.reload()
    expect(ann.locator("#status")).to_have_text("Live", timeout=LIVE)
    expect(ann.get_by_role("button", name="I'm here")).to_be_hidden()
    expect(count).to_have_text("Present 1 of connected 2", timeout=LIVE)
    assert ann.errors == [] and bob.errors == [] and control.errors == []
    bob.close()  # Bob leaves: the control screen hears it in a presence diff
    expect(count).to_have_text("Present 1 of connected 1", timeout=LIVE)
