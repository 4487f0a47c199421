"""Issue 2 in a real browser: join, write, and see the group's cards live."""
import pytest
from playwright.sync_api import expect

from .browser import join_in_browser, next_step

pytestmark = pytest.mark.browser


def test_a_card_written_in_one_browser_appears_live_for_the_group_and_the_facilitator(server, page_for):
    workshop = server.create_workshop("Live retro", blind_writing=False)
    control = page_for()
    control.goto(workshop["control_url"])
    expect(control.locator(".join-code")).to_have_text(f"{workshop['code'][:3]} {workshop['code'][3:]}")

    ann, bo = page_for(), page_for()
    join_in_browser(ann, workshop, "Ann", "Support")
    join_in_browser(bo, workshop, "Bo", "Sales")
    expect(control.locator(".arrivals .person")).to_have_count(2)
    expect(bo.locator(".group-strip .person")).to_have_count(2)

    next_step(control, "Collect")
    composer = ann.get_by_label("New card for Start")
    expect(composer).to_be_enabled()
    composer.fill("Weekly demo <b>of learnings</b>")
    composer.press("Enter")

    card = "Weekly demo <b>of learnings</b>"
    expect(ann.locator("[data-column=start] .card-text")).to_have_text([card])
    expect(bo.locator("[data-column=start] .card-text")).to_have_text([card])
    expect(control.locator(".board [data-column=start] .card-text")).to_have_text([card])
    expect(composer).to_have_value("")
    # The author may edit it, live; Bo's browser learns only that it is not his (no author id).
    expect(ann.locator("[data-column=start] .card[data-mine=yes]")).to_have_count(1)
    expect(bo.locator("[data-column=start] .card[data-mine=no]")).to_have_count(1)
    # Shown as text: no element was made from the markup.
    assert bo.locator("[data-column=start] .card-text b").count() == 0
    for page in (ann, bo, control):
        assert page.errors == []


def test_a_reload_returns_the_same_participant_with_their_cards(server, page_for):
    workshop = server.create_workshop("Reload", blind_writing=False)
    control = page_for()
    control.goto(workshop["control_url"])
    ann = page_for()
    join_in_browser(ann, workshop, "Ann")
    next_step(control, "Collect")
    ann.get_by_label("New card for Stop").fill("Stop late starts")
    ann.get_by_label("New card for Stop").press("Enter")
    expect(ann.locator(".card-text")).to_have_text(["Stop late starts"])
    ann.reload()
    expect(ann.locator("#status")).to_have_text("Live")
    expect(ann.locator(".card-text")).to_have_text(["Stop late starts"])
    expect(ann.locator("#me")).to_have_text("Ann")
    expect(ann.get_by_role("button", name="Edit card")).to_have_count(1)  # still hers, from the snapshot
    expect(control.locator(".group-card .person")).to_have_count(1)
