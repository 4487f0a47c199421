"""Issue 13 in a real browser: blind cards stay off the projector (item 13), and a
facilitator takes a troll's card down and keeps the troll out (item 12)."""
import pytest
from playwright.sync_api import expect

from .browser import join_in_browser, next_step

pytestmark = pytest.mark.browser


def write(page, column: str, text: str) -> None:
    page.get_by_label(f"New card for {column}").fill(text)
    page.get_by_label(f"New card for {column}").press("Enter")
    expect(page.locator(".card-text", has_text=text)).to_have_count(1)


def test_the_control_screen_counts_blind_cards_until_they_are_revealed(server, page_for, tmp_path):
    workshop = server.create_workshop("Blind retro", blind_writing=True)
    control = page_for()
    control.goto(workshop["control_url"])
    ann = page_for()
    join_in_browser(ann, workshop, "Ann")
    next_step(control, "Collect")
    write(ann, "Start", "A secret start")
    write(ann, "Start", "Another secret")
    write(ann, "Stop", "A secret stop")

    board = control.locator(".board")
    expect(board.locator("[data-column=start] .blind-count")).to_have_text("2 cards")
    expect(board.locator("[data-column=stop] .blind-count")).to_have_text("1 card")
    expect(board.locator(".card-text")).to_have_count(0)
    control.screenshot(path=str(tmp_path / "blind-counts.png"), full_page=True)

    # A facilitator's private screen may show them: without authors, and only in this browser.
    toggle = control.get_by_label("Show cards on this screen")
    toggle.check()
    expect(board.locator(".card-text")).to_have_count(3)
    assert board.locator(".card[title]").count() == 0
    control.reload()
    expect(control.get_by_label("Show cards on this screen")).to_be_checked()
    expect(control.locator(".board .card-text")).to_have_count(3)
    control.get_by_label("Show cards on this screen").uncheck()
    expect(control.locator(".board .card-text")).to_have_count(0)

    control.get_by_role("button", name="Reveal all cards").click()
    expect(control.locator(".board .card-text")).to_have_count(3)
    expect(control.get_by_label("Show cards on this screen")).to_be_hidden()
    for page in (ann, control):
        assert page.errors == []


def test_a_troll_is_taken_down_and_stays_out(server, page_for):
    workshop = server.create_workshop("Troll", blind_writing=False)
    control = page_for()
    control.goto(workshop["control_url"])
    ann, troll = page_for(), page_for()
    join_in_browser(ann, workshop, "Ann")
    join_in_browser(troll, workshop, "Troll")
    next_step(control, "Collect")
    write(troll, "Start", "Something offensive")
    write(troll, "Stop", "More of it")
    expect(ann.locator(".card-text")).to_have_count(2)

    control.on("dialog", lambda dialog: dialog.accept())
    control.locator(".board .card", has_text="Something offensive").get_by_role("button", name="Hide").click()
    expect(ann.locator(".card-text")).to_have_text(["More of it"])
    expect(control.locator(".board .card-text")).to_have_text(["More of it"])

    control.get_by_role("button", name="Remove Troll from the workshop").click()
    expect(ann.locator(".card-text")).to_have_count(0)
    expect(troll.locator(".notice")).to_contain_text("removed you")
    troll.reload()
    expect(troll.locator(".notice")).to_contain_text("removed you")
    expect(troll.locator("#join-form")).to_be_hidden()
    for page in (ann, control):
        assert page.errors == []


def test_the_lobby_flags_a_name_taken_twice_and_removes_the_flagged_at_once(server, page_for, tmp_path):
    workshop = server.create_workshop("Puppets")
    control = page_for()
    control.goto(workshop["control_url"])
    first, second, cy = page_for(), page_for(), page_for()
    join_in_browser(first, workshop, "Ann")
    join_in_browser(second, workshop, "ann ")
    join_in_browser(cy, workshop, "Cy")
    arrivals = control.locator(".arrivals .person")
    expect(arrivals).to_have_count(3)
    expect(control.locator(".arrivals .person[data-flagged=yes]")).to_have_count(2)
    expect(control.locator(".arrivals .flag")).to_have_text(["same name", "same name"])

    control.on("dialog", lambda dialog: dialog.accept())
    control.get_by_role("button", name="Select flagged").click()
    control.screenshot(path=str(tmp_path / "lobby-flags.png"))
    control.get_by_role("button", name="Remove selected (2)").click()
    expect(arrivals).to_have_count(1)
    expect(arrivals).to_contain_text("Cy")
    for page in (first, second):
        expect(page.locator(".notice")).to_contain_text("removed you")
    expect(cy.locator("#status")).to_have_text("Live")
    assert control.errors == []
