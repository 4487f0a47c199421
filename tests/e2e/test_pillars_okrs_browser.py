"""Pillars, OKRs and the strategy on a page in Chromium: two participants add
snippets to two pillars (a repeated one merges), a poll commits a pillar, the
pillar team drafts and presents one objective with two key results, the
facilitator accepts it, and the strategy page shows it all, on screen and in print."""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from .browser import expect_accessible, go_to, join_in_browser
from .live import new_id

LIVE = 10_000


def shoot(page, tmp_path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)


@pytest.mark.browser
def test_an_offsite_from_pillars_to_the_strategy_on_a_page(server, clients, page_for, tmp_path):
    workshop = server.create_workshop("CX offsite", group_size=2)
    driver = clients()  # the agenda, from a script: the pages run the steps
    assert driver.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    pillars_step = new_id()
    assert driver.call("agenda:add", {"id": pillars_step, "kind": "pillars", "position": 1})["ok"]
    assert driver.call("agenda:add", {"id": new_id(), "kind": "okrs", "position": 2, "works_on": pillars_step,
                                      "settings": {"scope": "groups"}})["ok"]
    control = page_for(viewport={"width": 1440, "height": 900})
    control.goto(workshop["control_url"])
    ann = join_in_browser(page_for(), workshop, "Ann")
    bob = join_in_browser(page_for(), workshop, "Bob")

    # -- pillars with snippets
    go_to(control, "Pillars")
    for name, about in (("Enable our people", "Empower everyone to focus on their mission"),
                        ("Customers first", "Engagement that fits every customer"), ("Scale smart", "")):
        control.locator("#pillar-name").fill(name)
        control.locator("#pillar-description").fill(about)
        control.get_by_role("button", name="Add pillar").click()
        expect(control.locator(".area-pillars li.pillar h3", has_text=name)).to_be_visible()
    expect(control.locator(".pillar-count")).to_have_text("3 of 3–6 pillars")
    # The step stands for no phase: the lobby's welcome and join panel give way to the pillars.
    expect(ann.get_by_role("heading", name="Welcome, Ann")).to_be_hidden()
    expect(control.locator(".area-lobby")).to_be_hidden()
    ann.get_by_label("A snippet for Enable our people").fill("Zero distractions")
    ann.get_by_label("A snippet for Enable our people").press("Enter")
    bob.get_by_label("A snippet for Enable our people").fill("zero  DISTRACTIONS")
    bob.get_by_label("A snippet for Enable our people").press("Enter")
    bob.get_by_label("A snippet for Customers first").fill("Customer obsession")
    bob.get_by_label("A snippet for Customers first").press("Enter")
    merged = ann.get_by_role("list", name="Snippets of Enable our people").locator("li")
    expect(merged).to_have_text(["Zero distractions ×2"], timeout=LIVE)
    expect(control.get_by_role("button", name="Remove the snippet Customer obsession")).to_be_visible(timeout=LIVE)
    shoot(ann, tmp_path, "1-pillars-board")
    shoot(control, tmp_path, "1-pillars-control")
    expect_accessible(ann)
    expect_accessible(control)

    # -- a poll commits the first pillar
    first = control.locator(".area-pillars li.pillar", has_text="Enable our people")
    first.get_by_role("button", name="Put to a poll").click()
    for person in (ann, bob):
        person.get_by_role("button", name="90%").click()
        person.get_by_role("button", name="Send my answer").click()
        expect(person.get_by_text("You answered 90%")).to_be_visible(timeout=LIVE)
    control.get_by_role("button", name="Close the poll").click()
    expect(first.locator(".pillar-status")).to_have_text("Committed", timeout=LIVE)
    shoot(control, tmp_path, "2-pillar-committed")

    # -- the pillar team drafts and presents an objective with two key results
    go_to(control, "OKRs")
    control.get_by_label("Group 1 drafts").select_option(label="Enable our people")
    expect(ann.get_by_text("Your group drafts the objectives of the pillar “Enable our people”.")).to_be_visible(
        timeout=LIVE)
    due = (dt.date.today() + dt.timedelta(days=200)).isoformat()
    ann.get_by_label("Objective", exact=True).fill("Remarkable focus for everyone")
    ann.get_by_label("Horizon").select_option(label="1 year")
    for n, (statement, metric, unit, baseline, target, owner) in enumerate([
            ("Fewer interruptions", "Focus hours a week", "h", "10", "20", "Ann"),
            ("Answers found alone", "Self-serve rate", "%", "40", "65", "Bob")], 1):
        ann.get_by_label(f"Key result {n}", exact=True).fill(statement)
        ann.get_by_label(f"Metric {n}").fill(metric)
        ann.get_by_label(f"Unit {n}").fill(unit)
        ann.get_by_label(f"Baseline {n}").fill(baseline)
        ann.get_by_label(f"Target {n}").fill(target)
        ann.get_by_label(f"Due {n}").fill(due)
        ann.get_by_label(f"Owner {n}").fill(owner)
    shoot(ann, tmp_path, "3-okr-draft")
    expect_accessible(ann)
    ann.get_by_role("button", name="Present to the room").click()
    presented = control.locator("article.objective", has_text="Remarkable focus for everyone")
    expect(presented.locator(".okr-state")).to_have_text("Presented", timeout=LIVE)
    expect(bob.locator("article.objective .okr-state")).to_have_text("Presented", timeout=LIVE)
    shoot(control, tmp_path, "3-okr-presented")
    expect_accessible(control)
    presented.get_by_role("button", name="Accept").click()
    expect(ann.locator("article.objective .okr-state")).to_have_text("Accepted", timeout=LIVE)

    # -- strategy on a page, on screen and printed
    control.goto(f"{server.url}/strategy/{workshop['id']}")
    page = control
    expect(page.get_by_role("heading", name="Strategy on a page")).to_be_visible()
    for shown in ("Zero distractions", "Remarkable focus for everyone", "10 h → 20 h", "40 % → 65 %",
                  "round 1 commit"):
        expect(page.get_by_text(shown).first).to_be_visible()
    expect(page.locator(".strategy-pillar[data-committed=yes] h3")).to_contain_text("Enable our people")
    trail, back = page.get_by_role("link", name="Trail of Enable our people"), page.get_by_role("link", name="← Summary")
    assert trail.evaluate("a => getComputedStyle(a).color") == back.evaluate("a => getComputedStyle(a).color"), \
        "the strategy's links take the brand colour of the page's other links"
    shoot(page, tmp_path, "4-strategy")
    expect_accessible(page)
    page.emulate_media(media="print")
    shoot(page, tmp_path, "4-strategy-print")
    page.pdf(path=str(tmp_path / "strategy.pdf"), format="A4")
    pages = (tmp_path / "strategy.pdf").read_bytes().count(b"/Type /Page") - \
        (tmp_path / "strategy.pdf").read_bytes().count(b"/Type /Pages")
    assert 1 <= pages <= 2, f"the strategy prints on {pages} A4 pages"
    assert ann.errors == [] and bob.errors == [] and control.errors == []
