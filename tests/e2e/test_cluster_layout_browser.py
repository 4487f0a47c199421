"""In Chromium at 1920×1080: a hundred cards and ten clusters on one screen, and clusters
that keep their own height (no row stretched to its tallest)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.fixtures.cards60 import CARDS

from .browser import expect_accessible, join_in_browser
from .live import lift_card_limit, new_id

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREEN = {"width": 1920, "height": 1080}
# Where `make screenshots`-style pictures of this test go, to be looked at (not compared).
SHOTS = Path(os.environ.get("BOWTIE_SHOTS", "/tmp/bowtie-shots"))


def collecting(server, clients) -> tuple[dict, object]:
    """A workshop in its collect step (cards not blind), and the facilitator driving it."""
    workshop = server.create_workshop("Retro", blind_writing=False)
    driver = clients()
    assert driver.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert driver.call("phase:set", {"phase": "collect"})["ok"]
    return workshop, driver


def hundred_cards_in_ten_clusters(server, clients, participants_cluster: bool = False) -> tuple[dict, object]:
    """A workshop in its cluster step: 100 cards from five writers, 40 of them in
    ten clusters of 1 to 7 cards, 60 loose."""
    workshop, driver = collecting(server, clients)
    lift_card_limit(driver.call)
    texts = [text for _, text in CARDS] + [f"{text} (again)" for _, text in CARDS[:40]]
    columns = [column for column, _ in CARDS] + [column for column, _ in CARDS[:40]]
    writers = [clients() for _ in range(5)]
    ids = []
    for i, writer in enumerate(writers):
        assert writer.call("join", {"code": workshop["code"], "name": f"Writer {i}"})["ok"]
    for i, (column, text) in enumerate(zip(columns, texts)):
        card_id = new_id()
        assert writers[i % 5].call("card:add", {"id": card_id, "column": column, "text": text})["ok"]
        ids.append(card_id)
    if participants_cluster:
        assert driver.call("settings:change", {"settings": {"participants_cluster": True}})["ok"]
    assert driver.call("phase:set", {"phase": "cluster"})["ok"]
    sizes = [7, 1, 5, 2, 6, 3, 4, 4, 6, 2]
    start = 0
    for n, size in enumerate(sizes):
        ack = driver.call("cluster:create", {"id": new_id(), "name": f"Theme {n + 1}", "card_ids": ids[start:start + size]})
        assert ack["ok"], ack
        start += size
    return workshop, driver


def fits_one_screen(page, shot: str) -> None:
    """Every loose card and every cluster's name on screen at once, none under a sticky bar."""
    area = page.locator(".area-clusters")
    expect(area.locator(".cluster-box")).to_have_count(10)
    expect(area.locator(".pool li.card")).to_have_count(60)
    page.evaluate("window.scrollTo(0, document.querySelector('.area-clusters').getBoundingClientRect().top"
                  " + window.scrollY - 60)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / shot))
    on_screen = page.evaluate("""() => {
      // On screen and on top: not cut off, and not under the sticky bars.
      const inView = (el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return r.top >= 0 && r.bottom <= innerHeight && Boolean(hit) && (el === hit || el.contains(hit));
      };
      const area = document.querySelector('.area-clusters');
      return {
        cards: [...area.querySelectorAll('.pool li.card')].filter(inView).length,
        names: [...area.querySelectorAll('.cluster-box .cluster-name')].filter(inView).length,
      };
    }""")
    assert on_screen == {"cards": 60, "names": 10}
    # Ten clusters of 1 to 7 cards: seven sizes, seven heights (no row stretched to its tallest).
    heights = {round(box["height"]) for box in
               (b.bounding_box() for b in area.locator(".cluster-box").all())}
    assert len(heights) == 7, f"clusters of different sizes share a height: {sorted(heights)}"


def test_a_hundred_cards_and_ten_clusters_fit_one_full_hd_control_screen(server, clients, page_for):
    workshop, _ = hundred_cards_in_ten_clusters(server, clients)
    control = page_for(viewport=SCREEN)
    control.goto(workshop["control_url"])
    fits_one_screen(control, "clusters-control-1920x1080.png")
    expect_accessible(control)


def test_a_hundred_cards_and_ten_clusters_fit_a_full_hd_board_where_participants_cluster(server, clients, page_for):
    workshop, _ = hundred_cards_in_ten_clusters(server, clients, participants_cluster=True)
    board = join_in_browser(page_for(viewport=SCREEN), workshop, "Ann")
    expect(board.locator(".area-clusters .cluster-toolbar")).to_be_visible()
    fits_one_screen(board, "clusters-board-1920x1080.png")
    expect_accessible(board)


def test_on_a_phone_a_card_in_a_cluster_reads_whole(server, clients, page_for):
    workshop, driver = collecting(server, clients)
    writer = clients()
    assert writer.call("join", {"code": workshop["code"], "name": "Writer"})["ok"]
    text = "Pair every new hire with a buddy from another team for their first three months"
    ids = [writer.call("card:add", {"id": new_id(), "column": "start", "text": t})["card"]["id"]
           for t in (text, "Fewer status meetings")]
    assert driver.call("phase:set", {"phase": "cluster"})["ok"]
    assert driver.call("cluster:create", {"id": new_id(), "name": "Onboarding", "card_ids": ids[:1]})["ok"]
    phone = join_in_browser(page_for(viewport={"width": 390, "height": 844}), workshop, "Ann")
    card = phone.locator(".cluster-box .card-text", has_text="Pair every new hire")
    expect(card).to_be_visible()
    # Whole: nothing of the text is cut by the line clamp.
    assert card.evaluate("(el) => el.scrollHeight <= el.clientHeight + 1")
    expect_accessible(phone)
