"""In Chromium: the facilitator clusters by drag and by select-then-assign, two
participants vote, and at close every page shows the same ranking."""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from .browser import confirm_move, go_to, join_in_browser, next_step
from .live import new_id

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def write(page, *texts: str) -> None:
    box = page.get_by_label("New card for Start")
    for text in texts:
        box.fill(text)
        box.press("Enter")
        expect(page.locator(".area-cards li.card", has_text=text)).to_be_visible()


def ranking_of(page) -> list[str]:
    rows = page.locator(".area-votes .ranking > li")
    return [" | ".join(row.locator(sel).inner_text() for sel in (".rank", ".item-name", ".item-dots"))
            for row in rows.all()]


def syncs_sent_by(page) -> list[str]:
    """The `sync` requests a page sends over its websocket, as they go."""
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on(
        "framesent", lambda payload: sent.append(payload) if '"sync"' in str(payload) else None))
    return sent


def test_facilitator_clusters_participants_vote_and_everyone_sees_the_same_ranking(server, page_for):
    workshop = server.create_workshop("Retro", blind_writing=False)
    control = page_for()
    control.goto(workshop["control_url"])
    expect(control.locator("#status")).to_have_text("Live")
    ann = page_for()
    ann_syncs = syncs_sent_by(ann)
    ann, bob = join_in_browser(ann, workshop, "Ann"), join_in_browser(page_for(), workshop, "Bob")

    go_to(control, "Collect")
    write(ann, "Weekly demo to customers", "Too many meetings")
    write(bob, "More customer demos", "Fewer meetings on Fridays", "Coffee machine")
    before_cluster = len(ann_syncs)
    # Into Cluster every card becomes readable: the board takes a fresh snapshot, which names
    # the room's cards, and fetches them over HTTP (compressed, the same bytes for everyone).
    with ann.expect_response(lambda r: r.url.endswith(f"/api/workshops/{workshop['id']}/cards/shared")) as shared:
        go_to(control, "Cluster")
    assert shared.value.status == 200 and shared.value.headers["content-encoding"] == "gzip"
    expect(ann.locator(".phases li[data-state=current]")).to_have_text("Cluster")
    expect(ann.locator(".area-clusters li.card", has_text="Coffee machine")).to_be_visible()  # Bob's
    deadline = time.monotonic() + 5
    while len(ann_syncs) == before_cluster and time.monotonic() < deadline:
        ann.wait_for_timeout(20)  # Playwright reports sent frames as they go; nothing else to await
    assert len(ann_syncs) == before_cluster + 1

    # By drag and drop: one card onto another starts a cluster.
    area = control.locator(".area-clusters")
    area.locator(".pool li.card", has_text="More customer demos").drag_to(
        area.locator(".pool li.card", has_text="Weekly demo to customers"))
    first = area.locator(".cluster-box").first
    expect(first.locator("li.card")).to_have_count(2)
    first.locator(".cluster-name").fill("Demos")
    first.locator(".cluster-name").press("Enter")

    # Without dragging: select two cards (a click, and Space from the keyboard), then "New cluster".
    area.locator(".pool li.card", has_text="Too many meetings").click()
    meetings = area.locator(".pool li.card", has_text="Fewer meetings on Fridays")
    meetings.locator(".pick-toggle").focus()
    meetings.locator(".pick-toggle").press(" ")
    expect(area.locator(".selection-count")).to_have_text("2 selected")
    area.get_by_role("button", name="New cluster").click()
    expect(area.locator(".cluster-box")).to_have_count(2)
    expect(area.locator(".cluster-box").nth(1).locator("li.card")).to_have_count(2)
    expect(area.locator(".pool li.card")).to_have_count(1)
    expect(first.locator(".cluster-name")).to_have_value("Demos")

    # "Move to…" (typing part of a cluster's name) and "Take out" from the toolbar move a card in and out again.
    area.locator(".pool li.card", has_text="Coffee machine").click()
    area.get_by_role("combobox").fill("dem")
    area.get_by_role("option", name="Demos").click()
    expect(first.locator("li.card")).to_have_count(3)
    first.locator("li.card", has_text="Coffee machine").click()
    area.get_by_role("button", name="Take out").click()
    expect(area.locator(".pool li.card", has_text="Coffee machine")).to_be_visible()
    expect(first.locator("li.card")).to_have_count(2)

    # The participants follow live: they see both clusters.
    expect(ann.locator(".area-clusters .cluster-box")).to_have_count(2)

    # From Cluster to Vote the cards a participant reads stay the same: the
    # board follows the phase without asking for a snapshot (`resync: false`).
    before_vote = len(ann_syncs)
    go_to(control, "Vote")
    expect(ann.locator(".phases li[data-state=current]")).to_have_text("Vote")
    control.fill("#vote-dots", "3")
    control.fill("#vote-most", "2")
    control.get_by_role("button", name="Open the vote").click()

    ann.get_by_role("button", name="Place a dot on Demos").click()
    expect(ann.locator(".vote-status")).to_contain_text("You have 2 dots left")
    ann.get_by_role("button", name="Place a dot on Demos").click()
    expect(ann.locator(".vote-status")).to_contain_text("You have 1 dot left")
    expect(ann.get_by_role("button", name="Place a dot on Demos")).to_be_disabled()  # at most 2 on one item
    bob.get_by_role("button", name="Place a dot on Cluster 2").click()
    expect(bob.locator(".vote-status")).to_contain_text("You have 2 dots left")
    bob.get_by_role("button", name="Place a dot on Coffee machine").click()
    bob.get_by_role("button", name="Take back a dot from Coffee machine").click()
    expect(bob.locator(".vote-status")).to_contain_text("You have 2 dots left")
    expect(control.locator(".vote-progress")).to_contain_text("2 of 2 people have voted")
    expect(control.locator(".area-votes .ranking > li")).to_have_count(0)  # totals stay hidden while open

    control.get_by_role("button", name="Close the vote").click()
    expected = ["1 | Demos | 2 dots", "2 | Cluster 2 | 1 dot", "3 | Coffee machine | 0 dots"]
    for page in (control, ann, bob):
        expect(page.locator(".area-votes .ranking > li")).to_have_count(3)
        assert ranking_of(page) == expected
    assert len(ann_syncs) == before_vote
    # In the next step the control screen folds the ranking away; one click opens it again.
    next_step(control, "Discuss")
    expect(control.locator(".ranking-fold .ranking")).to_be_hidden()
    control.get_by_text("Ranking of the dot vote").click()
    expect(control.locator(".area-votes .ranking > li")).to_have_count(3)
    for page in (control, ann, bob):
        assert page.errors == []


def test_moving_on_from_an_open_vote_closes_it_and_shows_everyone_the_ranking(server, clients, page_for):
    workshop = server.create_workshop("Retro", blind_writing=False)
    control = page_for()
    control.goto(workshop["control_url"])
    ann = join_in_browser(page_for(), workshop, "Ann")
    bob = clients()
    assert bob.call("join", {"code": workshop["code"], "name": "Bob"})["ok"]
    go_to(control, "Collect")
    write(ann, "Weekly demo to customers")
    assert bob.call("card:add", {"id": new_id(), "column": "stop", "text": "Too many meetings"})["ok"]
    go_to(control, "Vote")
    control.get_by_role("button", name="Open the vote").click()
    ann.get_by_role("button", name="Place a dot on Too many meetings").click()
    expect(ann.locator(".vote-status")).to_contain_text("You have 4 dots left")

    # Straight on to Discuss, without "Close the vote": the dots placed so far decide, as the bar says.
    expect(control.locator(".vote-progress")).to_contain_text("1 of 2 people have voted")
    control.get_by_role("button", name="Next: Discuss →").click()
    expect(control.locator(".phase-ask-text")).to_have_text(
        "Move everyone to “Discuss”? The open vote closes with the 1 dot placed.")
    confirm_move(control)
    expect(ann.locator(".phases li[data-state=current]")).to_have_text("Discuss")
    expect(ann.locator(".area-votes .ranking > li")).to_have_count(2)
    assert ranking_of(ann) == ["1 | Too many meetings | 1 dot", "2 | Weekly demo to customers | 0 dots"]
    control.get_by_text("Ranking of the dot vote").click()
    assert ranking_of(control) == ranking_of(ann)
    expect(control.get_by_role("button", name="Close the vote")).to_have_count(0)
    # The discussion takes its topics from that ranking at once.
    control.get_by_label("How many top places to discuss").fill("1")
    control.get_by_role("button", name="Add to agenda").click()
    expect(control.locator(".area-discuss .topics .topic-list > li")).to_have_count(1)
    expect(control.locator(".area-discuss .topics .topic-list > li")).to_contain_text("Too many meetings")
    for page in (control, ann):
        assert page.errors == []


def test_the_agendas_go_countdown_says_the_open_vote_closes_and_going_closes_it(server, page_for):
    workshop = server.create_workshop("Retro", blind_writing=False)
    control = page_for()
    control.goto(workshop["control_url"])
    ann = join_in_browser(page_for(), workshop, "Ann")
    go_to(control, "Collect")
    write(ann, "Weekly demo to customers", "Pairing on support")
    go_to(control, "Vote")
    control.get_by_role("button", name="Open the vote").click()
    for _ in range(2):
        ann.get_by_role("button", name="Place a dot on Pairing on support").click()
    expect(ann.locator(".vote-status")).to_contain_text("You have 3 dots left")

    # The time plan's Go, not the step bar: its countdown names what moving on ends.
    control.get_by_role("button", name="Go to Discuss").click()
    expect(control.locator(".area-agenda .agenda-pending")).to_contain_text(
        "Moving everyone to “Discuss” in")
    expect(control.locator(".area-agenda .agenda-pending")).to_contain_text(
        "The open vote closes with the 2 dots placed.")
    control.get_by_role("button", name="Go now").click()
    expect(ann.locator(".phases li[data-state=current]")).to_have_text("Discuss")
    expect(ann.locator(".area-votes .ranking > li")).to_have_count(2)
    assert ranking_of(ann) == ["1 | Pairing on support | 2 dots", "2 | Weekly demo to customers | 0 dots"]
    for page in (control, ann):
        assert page.errors == []
