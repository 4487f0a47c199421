"""In Chromium: suggested themes for sixty cards, and suggestions that follow the
board: a card clustered meanwhile (here from another screen) leaves its suggestion,
and a suggestion left with one loose card goes."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.fixtures.cards60 import CARDS

from .browser import expect_accessible
from .live import lift_card_limit, new_id
from .test_cluster_layout_browser import SCREEN, SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_suggested_themes_drop_the_cards_clustered_meanwhile(server, clients, page_for):
    workshop = server.create_workshop("Retro", blind_writing=False)
    driver = clients()
    assert driver.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert driver.call("phase:set", {"phase": "collect"})["ok"]
    lift_card_limit(driver.call)
    writer = clients()
    assert writer.call("join", {"code": workshop["code"], "name": "Ann"})["ok"]
    ids = {}
    for column, text in CARDS:
        ids[text] = new_id()
        assert writer.call("card:add", {"id": ids[text], "column": column, "text": text})["ok"]
    assert driver.call("phase:set", {"phase": "cluster"})["ok"]
    control = page_for(viewport=SCREEN)
    control.goto(workshop["control_url"])
    area = control.locator(".area-clusters")
    expect(area.locator(".pool li.card")).to_have_count(60)

    area.get_by_role("button", name="Suggest clusters").click()
    expect(area.locator(".suggestion")).to_have_count(13)
    names = [n.input_value() for n in area.locator(".suggestion .cluster-name").all()]
    assert {"Customer feedback", "Meetings", "Code reviews", "Onboarding", "CI pipeline"} <= set(names), names
    ci = area.locator(".suggestion", has=control.locator("li", has_text="Continue automating releases in the CI pipeline"))
    expect(ci.locator(".cluster-name")).to_have_value("CI pipeline")
    expect(ci.locator("li")).to_have_count(4)
    area.locator(".suggestions").scroll_into_view_if_needed()
    control.screenshot(path=str(SHOTS / "clusters-suggestions.png"))
    expect_accessible(control)

    # Another screen clusters two of its cards: they leave the suggestion.
    ci_cards = ["Start caching dependencies in the CI pipeline", "Stop waiting twenty minutes for the CI build"]
    assert driver.call("cluster:create", {"id": new_id(), "name": "Build", "card_ids": [ids[t] for t in ci_cards]})["ok"]
    expect(ci.locator("li")).to_have_count(2)
    expect(ci.locator("li", has_text=ci_cards[0])).to_have_count(0)

    # One more, and one loose card is no theme: the suggestion goes.
    left = "Stop ignoring the flaky tests in the CI pipeline"
    assert driver.call("cluster:create", {"id": new_id(), "name": "Flaky", "card_ids": [ids[left]]})["ok"]
    expect(ci).to_have_count(0)
    expect(area.locator(".suggestion")).to_have_count(12)
    assert control.errors == []
