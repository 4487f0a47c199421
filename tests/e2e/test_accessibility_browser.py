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
    expect_accessible(control)
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
