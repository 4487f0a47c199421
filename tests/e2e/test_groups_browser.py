"""Prioritising inside each group, in Chromium: a workshop from a custom card
template and the All-hands collect agenda; the facilitator reorders a step;
three people in two groups write, cluster and dot-vote in their own groups;
the control screen shows both groups' progress, then the whole-room step that
starts from each group's top items, marked with the group they came from."""
from __future__ import annotations

import pytest
import requests
from playwright.sync_api import expect

from .browser import join_in_browser

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1366, "height": 768}
COLUMNS = [{"title": "Mad", "prompt": "What made you mad?", "colour": "pink"},
           {"title": "Glad", "prompt": "What made you glad?", "colour": "green"}]


def go(control, title: str) -> None:
    control.get_by_role("button", name=f"Go to {title}").click()
    control.get_by_role("button", name="Go now").click()


def write(page, column: str, text: str) -> None:
    box = page.get_by_label(f"New card for {column}")
    box.fill(text)
    box.press("Enter")
    expect(page.locator(".area-cards li.card", has_text=text)).to_be_visible()


def cluster(page, texts: list[str]) -> None:
    area = page.locator(".area-clusters")
    for text in texts:
        area.locator(".pool li.card", has_text=text).click()
    area.get_by_role("button", name="New cluster").click()
    expect(area.locator(".cluster-box")).to_have_count(1)


def test_groups_cluster_and_vote_on_their_own_boards_and_their_top_items_reach_the_room(
        server, page_for, tmp_path):
    template = requests.post(server.url + "/api/card-templates", json={"title": "Mad Glad", "columns": COLUMNS},
                             timeout=5).json()["template"]
    workshop = server.create_workshop("Spring all-hands", agenda="all-hands-collect", template=template["key"],
                                      group_size=2, blind_writing=False)
    control = page_for(PROJECTOR)
    control.goto(workshop["control_url"])
    control.locator(".agenda-panel > summary").click()  # closed in the lobby
    control.get_by_label("Add a step").select_option("feedback")
    control.get_by_role("button", name="Add to the end").click()
    control.get_by_role("button", name="Move Feedback up").click()
    expect(control.locator(".agenda-bar .agenda-segment")).to_have_text(
        ["Lobby", "Collect", "Cluster in groups", "Vote in groups", "The groups' top items", "Feedback", "Summary"])

    ann, bob, cy = (join_in_browser(page_for(LAPTOP), workshop, name) for name in ("Ann", "Bob", "Cy"))
    go(control, "Collect")
    write(ann, "Mad", "Too many meetings")
    write(bob, "Mad", "Meetings run over")
    write(bob, "Glad", "Friendly reviews")
    write(cy, "Mad", "Slow builds")
    write(cy, "Glad", "Great onboarding")
    # Ann and Bob sit together; Cy's cards stay with Cy's group.
    expect(ann.locator(".area-cards li.card")).to_have_count(3)
    expect(cy.locator(".area-cards li.card")).to_have_count(2)

    go(control, "Cluster in groups")
    cluster(ann, ["Too many meetings", "Meetings run over"])
    cluster(cy, ["Slow builds", "Great onboarding"])
    # Each board holds only its group's cards and clusters.
    expect(bob.locator(".area-clusters .cluster-box li.card")).to_have_count(2)
    expect(bob.locator(".area-clusters li.card", has_text="Slow builds")).to_have_count(0)
    tiles = control.locator(".area-clusters .group-progress .group-tile")
    expect(tiles).to_have_count(2)
    expect(tiles.nth(0).locator(".big")).to_have_text("2 of 3 cards clustered")
    expect(tiles.nth(1).locator(".big")).to_have_text("2 of 2 cards clustered")
    control.screenshot(path=str(tmp_path / "groups-cluster-control.png"))
    ann.screenshot(path=str(tmp_path / "groups-cluster-board.png"))

    go(control, "Vote in groups")
    control.get_by_role("button", name="Open the vote").click()
    for person in (ann, bob):
        dot = person.get_by_role("button", name="Place a dot on Cluster 1")
        dot.click()
        expect(person.locator(".ballot-item[data-mine='1']")).to_have_count(1)
    expect(cy.locator(".ballot-item")).to_have_count(1)
    cy.get_by_role("button", name="Place a dot on Cluster 1").click()
    expect(cy.locator(".ballot-item[data-mine='1']")).to_have_count(1)
    vote_tiles = control.locator(".area-votes .group-progress .group-tile")
    expect(vote_tiles.locator(".big")).to_have_text(["2 of 2 voted", "1 of 1 voted"])
    control.screenshot(path=str(tmp_path / "groups-vote-control.png"))
    bob.screenshot(path=str(tmp_path / "groups-vote-board.png"))
    control.get_by_role("button", name="Close the vote").click()
    expect(vote_tiles.nth(0).locator(".group-top li")).to_have_text(["Cluster 1 · 2 dots"])
    expect(ann.locator(".area-votes .ranking > li").first).to_contain_text("Cluster 1")

    go(control, "The groups' top items")
    area = control.locator(".area-clusters")
    expect(area.locator(".group-progress")).to_be_hidden()
    pool = area.locator(".pool li.card")
    # Both groups' top clusters flowed on, with their group; Bob's "Friendly reviews" did not.
    expect(pool).to_have_count(4)
    expect(pool.filter(has_text="Too many meetings").locator(".origin")).to_have_text("Group 1 · 2 dots")
    expect(pool.filter(has_text="Slow builds").locator(".origin")).to_have_text("Group 2 · 1 dot")
    expect(area.locator("li.card", has_text="Friendly reviews")).to_have_count(0)
    control.screenshot(path=str(tmp_path / "groups-room-step.png"))
    for page in (control, ann, bob, cy):
        assert page.errors == []
