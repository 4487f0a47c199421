"""Cross-site scripting: markup typed anywhere is shown as text on every page,
no injected script runs, and no page raises a Content-Security-Policy violation."""
from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from .live import Client

pytestmark = pytest.mark.browser

MARK = "<img src=x onerror=__xss=1>"  # 27 characters: fits every field, names included
LONG = MARK + "<script>__xss=2</script><svg onload=__xss=3>"
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective));
"""


def new_id() -> str:
    return str(uuid.uuid4())


def watched(page_for):
    page = page_for()
    page.context.add_init_script(WATCH)
    return page


def assert_inert(page, where: str) -> None:
    assert page.evaluate("window.__xss") is None, f"injected script ran on {where}"
    assert page.evaluate("window.__csp") == [], f"CSP violation on {where}"
    assert page.locator("img[src=x], svg[onload]").count() == 0, f"markup became elements on {where}"
    assert [e for e in page.errors if "Content Security Policy" in e] == []


def step(facilitator: Client, event: str, payload: dict) -> dict:
    ack = facilitator.call(event, payload)
    assert ack["ok"], (event, ack)
    return ack


def test_markup_everywhere_is_shown_as_text_and_never_runs(server, page_for):
    workshop = server.create_workshop(MARK[:40] + " title", blind_writing=False)
    control, ann = watched(page_for), watched(page_for)
    control.goto(workshop["control_url"])
    expect(control.locator("#status")).to_have_text("Live")
    ann.goto(workshop["join_url"])
    ann.get_by_label("Your name").fill(MARK)
    ann.get_by_role("button", name="Join").click()
    expect(ann.locator("#status")).to_have_text("Live")
    expect(ann.locator("#me")).to_have_text(MARK)

    f, bob = Client(server).connect(), Client(server).connect()
    step(f, "facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})
    me = step(bob, "join", {"code": workshop["code"], "name": MARK, "role": MARK})["participant"]
    step(f, "group:rename", {"group_id": me["group_id"], "name": MARK})
    step(f, "phase:set", {"phase": "collect"})
    card = step(bob, "card:add", {"id": new_id(), "column": "start", "text": LONG})["card"]
    expect(ann.locator(".card-text", has_text=LONG)).to_be_visible()
    expect(control.locator(".card-text", has_text=LONG).first).to_be_visible()

    step(f, "phase:set", {"phase": "cluster"})
    step(f, "cluster:create", {"id": new_id(), "name": LONG, "card_ids": [card["id"]]})
    step(f, "phase:set", {"phase": "vote"})
    vote = step(f, "vote:open", {"id": new_id(), "dots_per_participant": 3, "max_per_item": 2})
    step(f, "phase:set", {"phase": "discuss"})
    topic = step(f, "topic:save", {"id": new_id(), "title": LONG})["topic"]
    step(f, "topic:open", {"topic_id": topic["id"]})
    step(f, "notes:edit", {"topic_id": topic["id"], "notes": {"situation": LONG, "desired": LONG, "obstacles": LONG}})
    step(f, "action:save", {"id": new_id(), "topic_id": topic["id"], "text": LONG, "owner": MARK})
    step(f, "phase:set", {"phase": "decide"})
    poll = step(f, "poll:open", {"id": new_id(), "proposal": LONG, "anonymous": False})["poll"]
    step(bob, "poll:answer", {"round_id": poll["rounds"][-1]["id"], "level": 50, "reason": LONG})
    step(f, "poll:close", {"round_id": poll["rounds"][-1]["id"]})
    assert vote["ok"]

    shown = []
    for phase in ("collect", "cluster", "vote", "discuss", "decide", "summary"):
        step(f, "phase:set", {"phase": phase})
        for page, name in ((ann, "the board"), (control, "the control screen")):
            page.reload()
            expect(page.locator("#status")).to_have_text("Live")
            assert_inert(page, f"{name} in {phase}")
            shown.append(page.locator("body").inner_text().count(MARK))
    assert min(shown) >= 1  # the markup is there, as text, in every phase on both screens
    for client in (f, bob):
        client.disconnect()
