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
