"""A poll round belongs to the step it is asked in: moving on with one open says it
closes, closes it, and no phone goes on asking it in the next step."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import confirm_move, join_in_browser
from .live import new_id

pytestmark = pytest.mark.browser
LIVE = 10_000


def test_moving_on_with_a_poll_open_says_it_closes_and_the_phones_stop_asking(server, clients, page_for):
    workshop = server.create_workshop("Decisions")
    lead = clients()
    assert lead.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    control = page_for(viewport={"width": 1440, "height": 900})
    control.goto(workshop["control_url"])
    ann = join_in_browser(page_for(viewport={"width": 390, "height": 844}), workshop, "Ann")
    others = [clients() for _ in range(2)]
    for person, name in zip(others, ("Bo", "Cy")):
        assert person.call("join", {"code": workshop["code"], "name": name})["ok"]
    assert lead.call("phase:set", {"phase": "decide"})["ok"]
    opened = lead.call("poll:open", {"id": new_id(), "proposal": "Demo monthly"})["poll"]
    for person in others:
        assert person.call("poll:answer", {"round_id": opened["rounds"][-1]["id"], "level": 90})["ok"]
    expect(ann.get_by_role("heading", name="How far do you agree?")).to_be_visible(timeout=LIVE)
    expect(control.locator(".area-polls")).to_contain_text("2 of", timeout=LIVE)

    control.get_by_role("button", name="Next: Summary →").click()
    expect(control.locator(".phase-ask-text")).to_have_text(
        "Move everyone to “Summary”? The open poll closes with the 2 answers given.")
    confirm_move(control)
    expect(ann.get_by_role("heading", name="How far do you agree?")).to_have_count(0, timeout=LIVE)
    closed = lead.call("sync", {})["state"]["discussion"]["polls"][-1]["rounds"][-1]
    assert (closed["open"], closed["answered"]) == (False, 2)
    assert ann.errors == [] and control.errors == []
