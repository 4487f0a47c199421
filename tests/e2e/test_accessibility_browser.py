"""axe-core on every page a person opens: no serious or critical violation.
(The room view of every step is checked in test_room_browser.py.)"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import expect_accessible, go_to, join_in_browser
from .live import new_id

pytestmark = pytest.mark.browser


def test_the_home_and_past_workshops_pages_pass_axe(server, page_for):
    page = page_for()
    page.goto(server.url + "/")
    expect_accessible(page)
    page.goto(server.url + "/workshops")
    expect_accessible(page)


def test_the_join_board_and_control_pages_pass_axe_through_collect_and_cluster(server, clients, page_for):
    workshop = server.create_workshop("Retro", blind_writing=False)
    control = page_for(viewport={"width": 1440, "height": 900})
    control.goto(workshop["control_url"])
    board = page_for()
    board.goto(workshop["join_url"])
    expect_accessible(board)
    join_in_browser(board, workshop, "Ann")
    bo = clients()
    assert bo.call("join", {"code": workshop["code"], "name": "Bo"})["ok"]
    expect(control.locator(".arrivals .person")).to_have_count(2)
    cy = clients()
    assert cy.call("join", {"code": workshop["code"], "name": "Cy"})["ok"]
    cy.disconnect()
    expect(control.locator(".arrivals .person[data-online=no]")).to_have_count(1)
    expect(control.locator(".arrivals .person[data-online=yes]")).to_have_count(2)
    expect_accessible(control)  # an offline person stays readable
    expect_accessible(board)
    go_to(control, "Collect")
    for text in ("Weekly demo", "Fewer meetings", "Pair programming"):
        assert bo.call("card:add", {"id": new_id(), "column": "start", "text": text})["ok"]
    expect(control.get_by_text("Pair programming")).to_be_visible()
    expect_accessible(control)
    expect_accessible(board)
    go_to(control, "Cluster")
    expect(control.locator(".area-clusters .pool li.card")).to_have_count(3)
    expect_accessible(control)
    expect_accessible(board)


def test_the_board_and_control_pages_pass_axe_through_vote_discuss_decide_and_summary(server, clients, page_for):
    workshop = server.create_workshop("Retro", blind_writing=False)
    driver = clients()  # the facilitator's moves, from a script: the pages only show them
    assert driver.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    control = page_for(viewport={"width": 1440, "height": 900})
    control.goto(workshop["control_url"])
    board = join_in_browser(page_for(), workshop, "Ann")
    assert driver.call("phase:set", {"phase": "collect"})["ok"]
    board.get_by_label("New card for Start").fill("Weekly demo")
    board.get_by_label("New card for Start").press("Enter")
    expect(control.get_by_text("Weekly demo")).to_be_visible()
    assert driver.call("phase:set", {"phase": "vote"})["ok"]
    assert driver.call("vote:open", {"id": new_id()})["ok"]
    expect(board.get_by_role("button", name="Place a dot on Weekly demo")).to_be_visible()
    for page in (control, board):
        expect_accessible(page)
    assert driver.call("vote:close", {})["ok"]
    assert driver.call("phase:set", {"phase": "discuss"})["ok"]
    topic = driver.call("topics:from_ranking", {"count": 1})["topics"][0]
    assert driver.call("topic:open", {"topic_id": topic["id"]})["ok"]
    assert driver.call("timer:start", {"topic_id": topic["id"], "seconds": 300})["ok"]
    expect(board.locator(".topic-title")).to_have_text("Weekly demo")
    for page in (control, board):
        expect_accessible(page)
    assert driver.call("phase:set", {"phase": "decide"})["ok"]
    poll = driver.call("poll:open", {"id": new_id(), "proposal": "Demo weekly"})["poll"]
    expect(board.locator(".agree-form .proposal")).to_be_visible()
    for page in (control, board):
        expect_accessible(page)
    assert driver.call("poll:close", {"round_id": poll["rounds"][-1]["id"]})["ok"]
    assert driver.call("phase:set", {"phase": "summary"})["ok"]
    expect(control.locator(".phases li[data-state=current]")).to_have_text("Summary")
    for page in (control, board):
        expect_accessible(page)
