"""The printable report in Chromium: it opens with the facilitator's link, and its charts draw."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .live import new_id
from .png import share_near

BAR_PURPLE = (0x6D, 0x28, 0xD9)  # the brand colour of the bars


@pytest.fixture
def finished_workshop(server, clients):
    workshop = server.create_workshop("Quarterly retro", blind_writing=False, group_size=2)
    facilitator = clients()
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    people, cards = [], []
    for i, name in enumerate(["Ann", "Bo", "Chidi", "Dana"]):
        person = clients()
        assert person.call("join", {"code": workshop["code"], "name": name})["ok"]
        for n, column in enumerate(["start", "stop", "continue"][: i + 1]):
            ack = person.call("card:add", {"id": new_id(), "column": column, "text": f"{name}'s idea {n}"})
            assert ack["ok"], ack
            cards.append(ack["card"]["id"])
        people.append(person)
    assert facilitator.call("phase:set", {"phase": "cluster"})["ok"]
    clusters = [new_id(), new_id()]
    assert facilitator.call("cluster:create", {"id": clusters[0], "name": "Demos", "card_ids": cards[:3]})["ok"]
    assert facilitator.call("cluster:create", {"id": clusters[1], "name": "Meetings", "card_ids": cards[3:6]})["ok"]
    assert facilitator.call("phase:set", {"phase": "vote"})["ok"]
    assert facilitator.call("vote:open", {"id": new_id(), "dots_per_participant": 3, "max_per_item": 3})["ok"]
    for person, item in zip(people, [clusters[0], clusters[0], clusters[1], clusters[0]]):
        assert person.call("dot:place", {"id": new_id(), "item_id": item})["ok"]
    assert facilitator.call("vote:close", {})["ok"]
    assert facilitator.call("phase:set", {"phase": "decide"})["ok"]
    poll = facilitator.call("poll:open", {"id": new_id(), "proposal": "Demo every Thursday"})["poll"]
    round_id = poll["rounds"][0]["id"]
    for person, level in zip(people, [100, 90, 80, 60]):
        reason = "Not every week" if level < 80 else None
        assert person.call("poll:answer", {"round_id": round_id, "level": level, "reason": reason})["ok"]
    assert facilitator.call("poll:close", {"round_id": round_id})["ok"]
    workshop["poll_id"] = poll["id"]
    assert facilitator.call("phase:set", {"phase": "summary"})["ok"]
    for person, score in zip(people, [10, 9, 7, 4]):
        assert person.call("feedback:give", {"score": score, "worked": "Short rounds"})["ok"]
    return workshop


def bar_widths(page, chart: str) -> list[float]:
    """The drawn widths of a chart's bars, relative to the longest (what the eye compares)."""
    widths = [box["width"] for box in (bar.bounding_box() for bar in
                                       page.locator(f'figure[data-chart="{chart}"] rect.doc-bar').all())]
    return [w / max(widths) for w in widths]


@pytest.mark.browser
def test_printable_report_draws_its_charts(server, finished_workshop, page_for, tmp_path):
    workshop = finished_workshop
    page = page_for()
    page.goto(f"{server.url}/summary/{workshop['id']}#key={workshop['facilitator_key']}")
    expect(page.get_by_role("heading", name="Quarterly retro")).to_be_visible()
    assert bar_widths(page, "contributions") == pytest.approx([0.5, 1.0], abs=0.02)  # 3 and 6 cards
    page.get_by_role("link", name="Printable report").click()
    expect(page.get_by_role("heading", name="At a glance")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".toolbar")).to_be_hidden()
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)

    for key in ("contributions", "columns", "dots", "feedback", f"poll-{workshop['poll_id']}-1"):
        chart = page.locator(f'figure[data-chart="{key}"] svg')
        expect(chart).to_be_visible()
        shot = chart.screenshot()
        assert share_near(shot, BAR_PURPLE) > 0.02, f"the {key} chart shows no bars"
    expect(page.locator('figure[data-chart="contributions"] rect.doc-bar')).to_have_count(2)
    expect(page.locator('figure[data-chart="dots"] rect.doc-bar')).to_have_count(2)
    assert bar_widths(page, "dots") == pytest.approx([1.0, 1 / 3], abs=0.02)  # 3 dots and 1
    assert page.errors == []  # no script errors and no Content-Security-Policy violations


LONG = ("because the customers we serve next year will expect answers the same day, and today a question "
        "waits for the one person who knows, so we write it down where everyone can find it")


@pytest.fixture
def decided_workshop(server, clients):
    """Sixty long cards, a cluster with a long name discussed for a while, an action and a decision."""
    workshop = server.create_workshop("Printed retro", blind_writing=False)
    facilitator = clients()
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    people, cards, ids = [], [], []
    for name in ("Ann", "Bo", "Chidi", "Dana"):
        person = clients()
        assert person.call("join", {"code": workshop["code"], "name": name})["ok"]
        for n in range(15):
            ack = person.call("card:add", {"id": new_id(), "column": ("start", "stop", "continue")[n % 3],
                                           "text": f"{name} card {n}: {LONG} (end of {name} {n})"})
            assert ack["ok"], ack
            cards.append((f"{name} card {n}:", f"(end of {name} {n})"))
            ids.append(ack["card"]["id"])
        people.append(person)
    assert facilitator.call("phase:set", {"phase": "cluster"})["ok"]
    cluster = new_id()
    assert facilitator.call("cluster:create", {"id": cluster, "name": "Learning from customers, every week (10)",
                                               "card_ids": ids[:3]})["ok"]
    assert facilitator.call("phase:set", {"phase": "vote"})["ok"]
    assert facilitator.call("vote:open", {"id": new_id(), "dots_per_participant": 3, "max_per_item": 3})["ok"]
    for person in people:
        assert person.call("dot:place", {"id": new_id(), "item_id": cluster})["ok"]
    assert facilitator.call("vote:close", {})["ok"]
    assert facilitator.call("phase:set", {"phase": "discuss"})["ok"]
    topic = new_id()
    assert facilitator.call("topic:save", {"id": topic, "title": "Learning from customers", "planned": 600})["ok"]
    assert facilitator.call("topic:open", {"topic_id": topic})["ok"]
    assert facilitator.call("action:save", {"id": new_id(), "topic_id": topic, "text": "Write the support playbook",
                                            "owner": "Dana", "due": "2027-01-15"})["ok"]
    assert facilitator.call("phase:set", {"phase": "decide"})["ok"]
    poll = facilitator.call("poll:open", {"id": new_id(), "proposal": "Answer every customer the same day"})["poll"]
    for person in people:
        assert person.call("poll:answer", {"round_id": poll["rounds"][0]["id"], "level": 90})["ok"]
    assert facilitator.call("poll:close", {"round_id": poll["rounds"][0]["id"]})["ok"]
    assert facilitator.call("phase:set", {"phase": "summary"})["ok"]
    workshop["cards"] = cards
    return workshop


def printed(page, path) -> list[str]:
    """The report printed by Chromium to PDF, as the text of each page (whitespace folded)."""
    from pypdf import PdfReader

    page.pdf(path=str(path), format="A4")
    return [" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages]


@pytest.mark.browser
def test_the_printed_report_leads_with_decisions_numbers_its_pages_and_keeps_cards_whole(
        server, decided_workshop, page_for, tmp_path):
    workshop = decided_workshop
    page = page_for()
    page.goto(f"{server.url}/summary/{workshop['id']}#key={workshop['facilitator_key']}")
    page.get_by_role("link", name="Printable report").click()
    expect(page.get_by_role("heading", name="Decisions and actions")).to_be_visible()
    pages = printed(page, tmp_path / "report.pdf")
    assert len(pages) >= 4
    first = pages[0]
    assert "Answer every customer the same day — committed in round 1" in first
    assert "Write the support playbook Dana 2027-01-15" in first
    assert first.index("Decisions and actions") < first.index("At a glance")
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text, text[-200:]
    # A card split across pages starts on one and ends on the next.
    split = [start for start, end in workshop["cards"] if not any(start in text and end in text for text in pages)]
    assert not split, f"{len(split)} cards split across pages: {split}"


@pytest.mark.browser
def test_no_chart_label_of_the_report_is_clipped(server, decided_workshop, page_for):
    workshop = decided_workshop
    page = page_for()
    page.goto(f"{server.url}/summary/{workshop['id']}#key={workshop['facilitator_key']}")
    page.get_by_role("link", name="Printable report").click()
    labels = page.locator('figure[data-chart="dots"] svg text')
    expect(labels.first).to_be_visible()
    boxes = labels.evaluate_all("(all) => all.map((t) => { const b = t.getBBox();"
                                " return [t.textContent, b.x, b.x + b.width, t.ownerSVGElement.viewBox.baseVal.width]; })")
    clipped = [(text, left, right) for text, left, right, width in boxes if left < 0 or right > width]
    assert not clipped, clipped
    assert [text for text, *_ in boxes][:2] == ["Learning from customers,", "every week (10)"]  # wrapped, not cut
