"""In Chromium: clustering from the keyboard alone. Arrow keys move between cards
(one card in the tab order), Space selects, C opens "Move to…" where typing part of
a cluster's name picks it (or names a new one), and focus lands on the next loose card."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import expect_accessible
from .live import new_id
from .test_cluster_layout_browser import SHOTS, collecting

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TEXTS = ["Too many meetings", "Meetings without an agenda", "Ask customers for feedback", "Flaky tests in CI",
         "Long status meeting", "Customer feedback call", "Slow CI builds", "Onboarding checklist"]


@pytest.fixture
def clustering(server, clients, page_for):
    """The control screen in a cluster step: eight loose cards and two named clusters."""
    workshop, driver = collecting(server, clients)
    writer = clients()
    assert writer.call("join", {"code": workshop["code"], "name": "Ann"})["ok"]
    for text in TEXTS:
        assert writer.call("card:add", {"id": new_id(), "column": "start", "text": text})["ok"]
    assert driver.call("phase:set", {"phase": "cluster"})["ok"]
    for name in ("Meetings", "Customer feedback"):
        assert driver.call("cluster:create", {"id": new_id(), "name": name})["ok"]
    control = page_for(viewport={"width": 1920, "height": 1080})
    control.goto(workshop["control_url"])
    area = control.locator(".area-clusters")
    expect(area.locator(".pool li.card")).to_have_count(len(TEXTS))
    expect(area.locator(".cluster-box")).to_have_count(2)
    return control


def focused_card(page) -> str:
    return page.evaluate("document.activeElement.closest('li.card')?.querySelector('.card-text').textContent ?? ''")


def test_one_card_is_in_the_tab_order_and_arrows_move_between_cards(clustering):
    page = clustering
    pool = page.locator(".area-clusters .pool")
    expect(pool.locator(".pick-toggle[tabindex='0']")).to_have_count(1)
    pool.locator(".pick-toggle[tabindex='0']").focus()
    assert focused_card(page) == TEXTS[0]
    page.keyboard.press("ArrowDown")
    assert focused_card(page) == TEXTS[1]
    page.keyboard.press("ArrowRight")  # the pool flows in columns: the card beside it
    assert focused_card(page) not in ("", TEXTS[0], TEXTS[1])
    page.keyboard.press("Home")
    assert focused_card(page) == TEXTS[0]
    page.keyboard.press("End")
    assert focused_card(page) == TEXTS[-1]
    expect(pool.locator(".pick-toggle[tabindex='0']")).to_have_count(1)


def test_selected_cards_move_to_a_cluster_chosen_by_typing_its_name_and_focus_stays(clustering):
    page = clustering
    area = page.locator(".area-clusters")
    area.locator(".pool .pick-toggle[tabindex='0']").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(area.locator(".selection-count")).to_have_text("2 selected")
    page.keyboard.press("c")
    combobox = page.get_by_role("combobox", name="Move the selected cards")
    expect(combobox).to_be_focused()
    page.keyboard.type("meet")
    expect(page.get_by_role("option", name="Meetings")).to_have_attribute("aria-selected", "true")
    expect_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "clusters-move-to.png"))
    page.keyboard.press("Enter")

    expect(area.locator(".cluster-box").first.locator("li.card")).to_have_count(2)
    expect(area.locator(".pool li.card")).to_have_count(len(TEXTS) - 2)
    assert focused_card(page) == TEXTS[2]  # the next loose card
    expect(page.locator("#announcer")).to_contain_text("Moved 2 cards to “Meetings”")

    # No selection: C moves the focused card; a name no cluster has makes a new cluster.
    page.keyboard.press("c")
    page.keyboard.type("Testing")
    expect(page.get_by_role("option", name="New cluster “Testing”")).to_be_visible()
    page.keyboard.press("Enter")
    expect(area.locator(".cluster-box")).to_have_count(3)
    expect(area.locator(".cluster-box").nth(2).locator(".cluster-name")).to_have_value("Testing")
    assert focused_card(page) == TEXTS[3]
    assert page.errors == []


def test_escape_leaves_move_to_and_returns_to_the_card(clustering):
    page = clustering
    page.locator(".area-clusters .pool .pick-toggle[tabindex='0']").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("c")
    expect(page.get_by_role("combobox", name="Move the selected cards")).to_be_focused()
    page.keyboard.press("Escape")
    assert focused_card(page) == TEXTS[1]
    page.keyboard.press("Escape")
    expect(page.locator(".area-clusters .selection-count")).to_have_text("0 selected")


def test_a_folded_cluster_shows_its_name_and_count_and_hides_its_cards(clustering):
    page = clustering
    area = page.locator(".area-clusters")
    area.locator(".pool .pick-toggle[tabindex='0']").focus()
    page.keyboard.press("c")
    page.keyboard.type("Meetings")
    page.keyboard.press("Enter")
    box = area.locator(".cluster-box").first
    expect(box.locator("li.card")).to_have_count(1)
    box.get_by_role("button", name="Fold “Meetings” (1 card)").click()
    expect(box.locator("li.card")).to_be_hidden()
    expect(box.locator(".cluster-size")).to_have_text("1")
    expect(box.get_by_role("button", name="Unfold “Meetings” (1 card)")).to_have_attribute("aria-expanded", "false")
