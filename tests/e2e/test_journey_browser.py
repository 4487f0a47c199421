"""An organiser builds a journey in Chromium: two all-hands sessions, the bowtie page, the dashboard."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import expect_accessible
from tests.e2e.live import new_id


@pytest.mark.browser
def test_organiser_creates_a_journey_adds_two_sessions_and_opens_the_dashboard(server, page_for, tmp_path):
    page = page_for()
    page.goto(f"{server.url}/journeys")
    expect_accessible(page)
    form = page.locator("#new-journey")
    form.get_by_label("Title").fill("CX strategy 2027")
    form.get_by_label("Purpose").fill("Where do we want to be in three years?")
    form.get_by_label("Expected head count").fill("Munich: 40\nMadrid: 25")
    form.get_by_role("button", name="Create the journey").click()
    expect(page.get_by_role("heading", name="CX strategy 2027")).to_be_visible()

    start = page.locator(".stage-start")
    for title, team in (("Munich all-hands", "Munich"), ("Madrid all-hands", "Madrid")):
        start.locator("summary", has_text="Add a workshop").click()
        adding = start.locator("form.add-new")
        adding.get_by_label("Title").fill(title)
        adding.get_by_label("Team or office").select_option(team)
        adding.get_by_role("button", name="Create").click()
        expect(start.locator(".session", has_text=title)).to_be_visible()

    sessions = start.locator(".session")
    expect(sessions).to_have_count(2)
    expect(sessions.first.locator(".state")).to_have_text("planned")
    expect(page.locator(".stage h2")).to_have_text(["1 Start broad", "2 Narrow down", "3 Formulate", "4 Carry back"])
    expect_accessible(page)
    page.screenshot(path=str(tmp_path / "journey.png"), full_page=True)

    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="CX strategy 2027: how it is going")).to_be_visible()
    reach = page.locator("#reach tbody tr")
    expect(reach).to_have_count(2)
    expect(reach.first).to_contain_text("Munich")
    expect(page.locator("#figures tbody tr")).to_have_count(3)  # two sessions and the whole journey
    expect_accessible(page)
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

    phone = page_for(viewport={"width": 390, "height": 844})
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url.replace("/dashboard", ""))
    expect(phone.locator(".stage-start .session")).to_have_count(2)
    phone.screenshot(path=str(tmp_path / "journey-phone.png"), full_page=True)
    assert page.errors == [] and phone.errors == []


def answer_dialogs(page, typed: dict, asked: list[str]) -> None:
    """Type ``typed["code"]`` when asked for a join code; say yes to anything else; keep what was asked."""
    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept(typed["code"]) if dialog.type == "prompt" else dialog.accept()
    page.on("dialog", answer)


@pytest.mark.browser
def test_deleting_a_session_of_a_journey_asks_and_leaves_the_journey_whole(server, page_for):
    page = page_for()
    page.goto(f"{server.url}/journeys")
    page.locator("#new-journey").get_by_label("Title").fill("CX strategy 2027")
    page.get_by_role("button", name="Create the journey").click()
    expect(page.get_by_role("heading", name="CX strategy 2027")).to_be_visible()
    journey_url = page.url
    start = page.locator(".stage-start")
    for count, title in enumerate(("Munich all-hands", "Madrid all-hands"), start=1):
        start.locator("summary", has_text="Add a workshop").click()
        start.locator("form.add-new").get_by_label("Title").fill(title)
        start.locator("form.add-new").get_by_role("button", name="Create").click()
        expect(start.locator(".session")).to_have_count(count)

    asked: list[str] = []
    typed: dict = {}
    answer_dialogs(page, typed, asked)
    munich = start.locator(".session", has_text="Munich all-hands")
    typed["code"] = munich.get_by_role("button", name="Delete…").get_attribute("data-code")
    munich.get_by_role("button", name="Delete…").click()
    expect(start.locator(".session")).to_have_count(1)
    assert "leaves this journey" in asked[-1]

    # From the past workshops' list, the server asks first and so does the page.
    typed["code"] = start.locator(".session [data-code]").get_attribute("data-code")
    page.goto(f"{server.url}/workshops")
    page.locator("#workshops tbody tr", has_text="Madrid all-hands").get_by_role("button", name="Delete…").click()
    expect(page.locator("#message")).to_have_text('Deleted "Madrid all-hands".')
    assert "belongs to a journey" in asked[-1]
    page.goto(journey_url)
    expect(page.locator(".stage-start .stage-empty")).to_have_text("No workshops yet.")
    # The server's first answer, "asks first", is a 409 the browser logs; nothing else went wrong.
    assert [e for e in page.errors if "409 (CONFLICT)" not in e] == []


def finished_session(server, clients, title: str, cards: dict[str, list[str]]) -> dict:
    """A workshop whose people wrote these cards, clustered by name, moved to its summary."""
    workshop = server.create_workshop(title, blind_writing=False)
    facilitator = clients()
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    writer = clients()
    assert writer.call("join", {"code": workshop["code"], "name": "Ann"})["ok"]
    written = {name: [writer.call("card:add", {"id": new_id(), "column": "start", "text": text})["card"]["id"]
                      for text in texts] for name, texts in cards.items()}
    assert facilitator.call("phase:set", {"phase": "cluster"})["ok"]
    for name, ids in written.items():
        assert facilitator.call("cluster:create", {"id": new_id(), "card_ids": ids, "name": name})["ok"]
    assert facilitator.call("phase:set", {"phase": "summary"})["ok"]
    return workshop


@pytest.mark.browser
def test_organiser_feeds_the_next_stage_from_two_finished_sessions_merging_alike_items(
        server, clients, page_for, tmp_path):
    munich = finished_session(server, clients, "Munich all-hands", {"Customer demos": ["Weekly demos"]})
    madrid = finished_session(server, clients, "Madrid all-hands", {"More customer demos": ["Demo monthly"],
                                                                    "Fewer meetings": ["No Friday meetings"]})
    page = page_for()
    page.goto(f"{server.url}/journeys")
    page.locator("#new-journey").get_by_label("Title").fill("CX strategy 2027")
    page.get_by_role("button", name="Create the journey").click()
    start = page.locator(".stage-start")
    for count, session in enumerate((munich, madrid), start=1):
        start.locator("summary", has_text="Add a workshop").click()
        start.get_by_label("Or attach one by its control link").fill(session["control_url"])
        start.get_by_role("button", name="Attach").click()
        expect(start.locator(".session")).to_have_count(count)
    expect(start.locator(".session[data-state=done]")).to_have_count(2)

    for box in start.locator(".feed-pick").all():
        box.check()
    start.locator("summary", has_text="Feed Narrow down").click()
    feeding = start.locator("form.feed")
    feeding.get_by_label("Title").fill("Leadership circle")
    feeding.get_by_role("button", name="Preview").click()
    merge = feeding.get_by_label("Merge as one: Customer demos + More customer demos")
    expect(merge).to_be_checked()
    page.screenshot(path=str(tmp_path / "feed-preview.png"), full_page=True)
    feeding.get_by_role("button", name="Create").click()
    narrow = page.locator(".stage-narrow .session")
    expect(narrow).to_have_count(1)
    expect(narrow).to_contain_text("Leadership circle")
    expect(narrow.locator("dd").nth(1)).to_have_text("3")  # three cards carried
    narrow.locator("summary", has_text="Carried in: 2 items").click()
    expect(narrow.locator(".session-carried li").first).to_contain_text(
        "Customer demos (merged from 2): raised in 2 sessions, by 2 groups and 2 people")
    expect_accessible(page)
    page.screenshot(path=str(tmp_path / "journey-fed.png"), full_page=True)

    page.get_by_role("link", name="Dashboard").click()
    figures = page.locator("#figures tbody tr")
    expect(figures).to_have_count(4)  # two sessions, the leadership circle, the whole journey
    # Ann wrote in both sessions and every card of hers was carried: two voices of two.
    expect(figures.last.locator("td").nth(7)).to_have_text("100")
    expect(figures.last.locator("td").nth(3)).to_have_text("3")  # cards written; the 3 carried are not counted
    expect(page.locator(".doc-chart[data-chart=cards-per-person] rect")).to_have_count(3)
    expect_accessible(page)
    page.screenshot(path=str(tmp_path / "dashboard-fed.png"), full_page=True)
    assert page.errors == []
