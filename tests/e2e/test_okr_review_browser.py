"""The facilitator reviews a presented objective on the control screen, in Chromium
(issue 15: "the facilitator accepts, edits or sends back each one"): a refused edit
shows its error next to the field, the corrected edit reaches every screen, and the
accepted objective's new target is on the strategy page."""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from .browser import expect_accessible, go_to, join_in_browser
from .live import new_id

LIVE = 10_000


def key_result(statement: str, metric: str, unit: str, baseline: int, target: int, owner: str) -> dict:
    due = (dt.date.today() + dt.timedelta(days=200)).isoformat()
    return {"id": new_id(), "statement": statement, "metric": metric, "unit": unit, "baseline": baseline,
            "target": target, "due": due, "owner": owner}


@pytest.mark.browser
def test_the_facilitator_edits_a_presented_key_results_target_and_the_strategy_shows_it(
        server, clients, page_for, tmp_path):
    workshop = server.create_workshop("CX offsite")
    driver = clients()
    assert driver.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    pillars_step, okrs_step = new_id(), new_id()
    assert driver.call("agenda:add", {"id": pillars_step, "kind": "pillars", "position": 1})["ok"]
    assert driver.call("agenda:add", {"id": okrs_step, "kind": "okrs", "position": 2, "works_on": pillars_step})["ok"]
    assert driver.call("agenda:go", {"step_id": pillars_step})["ok"]
    pillar = driver.call("pillar:add", {"id": new_id(), "name": "Enable our people"})["pillar"]
    control = page_for(viewport={"width": 1440, "height": 900})
    control.goto(workshop["control_url"])
    ann = join_in_browser(page_for(), workshop, "Ann")
    go_to(control, "OKRs")
    drafted = driver.call("okr:save", {"id": new_id(), "pillar_id": pillar["id"], "text": "Remarkable focus",
                                       "horizon": "1y", "key_results": [
                                           key_result("Fewer interruptions", "Focus hours a week", "h", 10, 20, "Ann"),
                                           key_result("Answers found alone", "Self-serve rate", "%", 40, 65, "Bob")]})
    assert drafted["ok"], drafted
    assert driver.call("okr:present", {"objective_id": drafted["objective"]["id"]})["ok"]

    presented = control.locator("article.objective", has_text="Remarkable focus")
    expect(presented.locator(".okr-state")).to_have_text("Presented", timeout=LIVE)
    presented.get_by_role("button", name="Edit Remarkable focus").click()
    editor = control.get_by_role("form", name="Edit Remarkable focus")
    target = editor.get_by_label("Target 2")
    expect(target).to_have_value("65")
    # A target equal to its baseline is refused, and the error sits by that field.
    target.fill("40")
    editor.get_by_role("button", name="Save changes").click()
    expect(target).to_have_attribute("aria-invalid", "true", timeout=LIVE)
    error = editor.locator(".field-error")
    expect(error).to_contain_text("the target must differ from the baseline")
    assert target.get_attribute("aria-describedby") == error.get_attribute("id")
    control.screenshot(path=str(tmp_path / "okr-edit-refused.png"), full_page=True)
    expect_accessible(control)

    target.fill("80")
    editor.get_by_role("button", name="Save changes").click()
    expect(editor).to_be_hidden(timeout=LIVE)
    expect(presented.locator(".okr-state")).to_have_text("Presented")  # the edit keeps it to be accepted
    expect(presented.get_by_role("table")).to_contain_text("40 % → 80 %")
    expect(ann.locator("article.objective", has_text="Remarkable focus")).to_contain_text("40 % → 80 %",
                                                                                          timeout=LIVE)
    presented.get_by_role("button", name="Accept").click()
    expect(ann.locator("article.objective .okr-state")).to_have_text("Accepted", timeout=LIVE)
    control.screenshot(path=str(tmp_path / "okr-edited.png"), full_page=True)

    strategy = control.context.new_page()  # the facilitator's browser: it holds the key
    strategy.goto(f"{server.url}/strategy/{workshop['id']}")
    expect(strategy.get_by_text("40 % → 80 %").first).to_be_visible()
    expect(strategy.get_by_text("40 % → 65 %")).to_have_count(0)
    assert ann.errors == [] and control.errors == []
