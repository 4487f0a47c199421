"""Issue 14: a proposal was silently filed under whichever topic was open. The control
screen shows the topic it will be filed under, and the facilitator may choose another."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .browser import expect_accessible
from .live import Client, new_id

pytestmark = pytest.mark.browser


def test_the_facilitator_sees_and_chooses_the_topic_a_proposal_is_filed_under(server, page_for):
    workshop = server.create_workshop("Topics")
    f = Client(server).connect()
    assert f.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    cadence, onboarding = new_id(), new_id()
    assert f.call("phase:set", {"phase": "discuss"})["ok"]
    assert f.call("topic:save", {"id": cadence, "title": "Cadence"})["ok"]
    assert f.call("topic:save", {"id": onboarding, "title": "Onboarding"})["ok"]
    assert f.call("topic:open", {"topic_id": cadence})["ok"]
    assert f.call("phase:set", {"phase": "decide"})["ok"]
    control = page_for()
    control.goto(workshop["control_url"])
    topic = control.get_by_role("combobox", name="Topic")
    expect(topic).to_have_value(cadence)  # the open topic, shown before asking
    topic.select_option(label="Onboarding")
    control.get_by_label("Put a proposal to the room").fill("A buddy for every new hire")
    control.get_by_role("button", name="Ask the room").click()
    expect(control.locator(".poll-open .proposal")).to_contain_text("A buddy for every new hire")
    polls = f.call("sync", {})["state"]["discussion"]["polls"]
    assert [(p["rounds"][0]["proposal"], p["topic_id"]) for p in polls] == [("A buddy for every new hire", onboarding)]
    expect_accessible(control)
    assert control.errors == []
    f.disconnect()
