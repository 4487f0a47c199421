"""Screenshots of every screen of a small scripted workshop, for review and the README.

    .venv/bin/python bench/screenshots.py [OUT_DIR]     (default docs/screenshots)

Starts a real server.py on a free loopback port, seats a handful of scripted
participants (python-socketio) and one in Chromium, and photographs the
participant board, the control screen, the room view (1920×1080, the
projector) phase by phase, and a phone's board (390×844: the column tabs, the ballot).
Then an Offsite (the built-in agenda), driven from a script: the room view of the
vision's statements with their heat, of the pillars and of the OKRs, and the
strategy on a page.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.e2e.browser import go_to, next_step  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.e2e.live import Client, Server, new_id  # noqa: E402

PEOPLE = [("Ann", "Support"), ("Bo", "Sales"), ("Cy", "Support"), ("Di", "Onboarding"),
          ("Ed", "Sales"), ("Flo", "Product"), ("Gia", "Onboarding"), ("Hal", "Product")]
CARDS = [
    ("start", "Weekly demo of what support learned"), ("stop", "Meetings without an agenda"),
    ("continue", "Pairing new hires with a buddy"), ("start", "Shared playbook for onboarding"),
    ("stop", "Escalations by e-mail"), ("continue", "Monthly customer panels"),
    ("start", "A self-service status page"), ("continue", "Blameless post-mortems"),
]


PROJECTOR = {"width": 1920, "height": 1080}
# Seconds between scripted arrivals: more than moderation's BURST_JOINS in BURST_SECONDS is a burst.
ARRIVAL_GAP = 0.6
PHONE = {"width": 390, "height": 844}


def extra_phases(control, board, take, people, room) -> None:
    """The discussion of the top clusters under a time-box, Elmos, and a poll."""
    go_to(control, "Discuss")
    control.get_by_role("button", name="Add to agenda").click()
    topic = control.locator(".topic", has_text="Learning from customers")
    topic.get_by_role("button", name="Discuss").click()
    control.get_by_label("Time-box (minutes, or m:ss)").fill("8:00")
    control.get_by_role("button", name="Start").click()
    expect(board.locator(".topic-title")).to_have_text("Learning from customers")
    topic_id = control.evaluate("window.bowtie.state.discussion.current_topic_id")
    for client in people[5:]:  # here, and quiet: they count toward the threshold without throwing
        client.call("presence:confirm")
    for client in people[:5]:
        client.call("elmo:throw", {"topic_id": topic_id})
    board.get_by_role("button", name="Elmo — enough, let’s move on").click()
    expect(control.locator(".area-discuss .move-on")).to_contain_text("Move on?")
    expect(room.locator(".room-topic")).to_have_text("Learning from customers")
    expect(room.locator(".room-elmo .room-figure")).to_have_text("Elmos: 6 (5 needed to move on)")
    take(room, "room-discuss")
    take(control, "control-discuss", full=True)
    take(board, "board-discuss", full=True)
    go_to(control, "Decide")
    control.get_by_label("Put a proposal to the room").fill("Every team demos what it learned from customers, monthly")
    control.get_by_role("button", name="Ask the room").click()
    expect(board.locator(".agree-form .proposal")).to_be_visible()
    round_id = control.evaluate("window.bowtie.state.discussion.polls.at(-1).rounds.at(-1).id")
    for client in people[6:]:  # here in the decide step, and not answering yet
        client.call("presence:confirm")
    for client, level, reason in zip(people, (100, 90, 80, 60, 90, 70),
                                     ("", "", "", "Not without a budget", "", "Monthly is too often")):
        client.call("poll:answer", {"round_id": round_id, "level": level, "reason": reason or None})
    board.get_by_role("button", name="90%", exact=True).click()
    board.locator(".agree-form button[type=submit]").click()
    take(board, "board-decide", full=True)
    expect(room.locator(".room-big")).to_have_text("7 of 9")  # the phone's holder has not said they are here
    take(room, "room-decide-open")
    control.get_by_role("button", name="Close the poll").click()
    expect(control.locator(".poll-result .verdict")).to_have_text("Not yet")
    take(control, "control-decide", full=True)
    expect(room.locator(".room-verdict")).to_have_text("Not yet")
    take(room, "room-decide")
    go_to(control, "Summary")
    for client, score in zip(people, (9, 10, 7, 8, 9, 6)):
        client.call("feedback:give", {"score": score, "worked": "Small groups", "did_not_work": "Too short"})
    take(board, "board-summary", full=True)
    take(control, "control-summary", full=True)
    expect(room.locator(".room-figures")).to_be_visible()
    take(room, "room-summary")
    workshop_id = control.evaluate("window.bowtie.state.workshop.id")
    control.goto(control.url.split("/control/")[0] + "/workshops")
    control.get_by_role("link", name="CX strategy").first.click()
    expect(control.get_by_role("heading", name="CX strategy: serving 10× the customers")).to_be_visible()
    take(control, "summary-page", full=True)
    control.goto(control.url.split("/summary/")[0] + f"/report/{workshop_id}")
    take(control, "report", full=True)


OFFSITE_VISIONS = ["Customers stay forever because every interaction is remarkable",
                   "The most remarkable B2B experience through impactful interactions",
                   "Impactful interactions that drive our customers' success",
                   "Experts in our customers' work, zero avoidable churn"]
OFFSITE_PILLARS = {"Enable our people": ["Zero distractions", "Mastery", "Zero distractions"],
                   "Customers first": ["Customer obsession", "Remarkable every time"],
                   "Scale smart": ["Self-serve first", "Automate the routine"]}


def offsite(browser, server, take) -> None:
    """The Offsite agenda run by script, photographed on the room view and the strategy page."""
    workshop = server.create_workshop("Leadership offsite", agenda="offsite")
    lead = Client(server).connect()
    lead.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})
    team = [Client(server).connect() for _ in OFFSITE_VISIONS]
    for client, name in zip(team, ("Ann", "Bo", "Cy", "Di")):
        client.call("join", {"code": workshop["code"], "name": name})
    room = browser.new_page(viewport=PROJECTOR)
    room.goto(server.url + lead.call("room:link")["path"])
    steps = {s["title"] or s["kind"]: s["id"] for s in lead.call("sync", {})["state"]["agenda"]["steps"]}
    lead.call("agenda:go", {"step_id": steps["Vision"]})
    ids = [c.call("statements:write", {"id": new_id(), "text": t})["statement"]["id"] for c, t in zip(team, OFFSITE_VISIONS)]
    lead.call("statements:writing", {"open": False})
    lead.call("statements:show", {"what": "statements"})
    for client, words in zip(team, ("remarkable B2B experience", "remarkable B2B", "impactful interactions",
                                    "customers' success")):
        text = next(t for t in OFFSITE_VISIONS[1:] if words in t)
        at = text.index(words)
        client.call("statements:mark", {"id": new_id(), "statement_id": ids[OFFSITE_VISIONS.index(text)],
                                        "start": at, "end": at + len(words)})
    lead.call("statements:show", {"what": "marks"})
    vision = "The most remarkable B2B experience through impactful interactions that drive our customers' success"
    lead.call("statements:sentence", {"text": vision, "version": 0})
    expect(room.locator(".room-phrases li").first).to_be_visible()
    take(room, "room-offsite-statements")
    round_id = lead.call("statements:poll", {"poll_id": new_id()})["poll"]["rounds"][-1]["id"]
    for client in team:
        client.call("poll:answer", {"round_id": round_id, "level": 90})
    lead.call("poll:close", {"round_id": round_id})
    lead.call("agenda:go", {"step_id": steps["Strategic pillars"]})
    pillars = {}
    for name, snippets in OFFSITE_PILLARS.items():
        pillars[name] = lead.call("pillar:add", {"id": new_id(), "name": name, "description": ""})["pillar"]["id"]
        for client, snippet in zip(team, snippets):
            client.call("snippet:add", {"id": new_id(), "pillar_id": pillars[name], "text": snippet})
    expect(room.locator(".room-pillars .room-tile")).to_have_count(len(OFFSITE_PILLARS))
    expect(room.locator("#room-agreed [data-subject=vision]")).to_be_visible()
    take(room, "room-offsite-pillars")
    lead.call("agenda:go", {"step_id": steps["OKRs"]})
    due = (dt.date.today() + dt.timedelta(days=200)).isoformat()
    objective = team[0].call("okr:save", {"id": new_id(), "pillar_id": pillars["Enable our people"],
                                          "text": "Remarkable focus for everyone", "horizon": "1y", "key_results": [
        {"id": new_id(), "statement": "Fewer interruptions", "metric": "Focus hours a week", "unit": "h",
         "baseline": 10, "target": 20, "due": due, "owner": "Ann"},
        {"id": new_id(), "statement": "Answers found alone", "metric": "Self-serve rate", "unit": "%",
         "baseline": 40, "target": 65, "due": due, "owner": "Bo"}]})["objective"]
    team[0].call("okr:present", {"objective_id": objective["id"]})
    lead.call("okr:accept", {"objective_id": objective["id"]})
    expect(room.get_by_role("list", name="Objectives of Enable our people").locator(".room-accepted")).to_have_count(1)
    take(room, "room-offsite-okrs")
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(workshop["control_url"])  # the control link leaves the key in this browser
    expect(page.locator("#status")).to_have_text("Live")
    page.goto(f"{server.url}/strategy/{workshop['id']}")
    expect(page.get_by_role("heading", name="Strategy on a page")).to_be_visible()
    take(page, "strategy", full=True)
    for client in (lead, *team):
        client.disconnect()


def shoot(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    server = Server(Path(tempfile.mkdtemp()) / "bowtie.db").start()
    try:
        workshop = server.create_workshop(
            "CX strategy: serving 10× the customers", blind_writing=False,
            context="Imagine we serve ten times today's customers. What should we start, stop and continue?")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            control = browser.new_page(viewport={"width": 1440, "height": 900})
            control.goto(workshop["control_url"])
            people = []
            for name, role in PEOPLE:
                client = Client(server).connect()
                client.call("join", {"code": workshop["code"], "name": name, "role": role})
                people.append(client)
                time.sleep(ARRIVAL_GAP)  # people arrive one by one: a faster script is flagged as a join burst
            board = browser.new_page(viewport={"width": 1280, "height": 800})
            board.goto(workshop["join_url"])
            board.get_by_label("Your name").fill("Ivy")
            board.get_by_label("Team or role").fill("Support")
            board.get_by_role("button", name="Join").click()
            phone = browser.new_page(viewport=PHONE)
            phone.goto(workshop["join_url"])
            phone.get_by_label("Your name").fill("Jo")
            phone.get_by_label("Team or role").fill("Sales")
            phone.get_by_role("button", name="Join").click()
            expect(control.locator(".arrivals .person")).to_have_count(len(PEOPLE) + 2)

            def take(page, name, full=False):
                path = out / f"{name}.png"
                if full:  # from the top: scrolled, the sticky header is drawn over the page's middle
                    page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(path), full_page=full)
                shots.append(path)

            expect(control.locator("#status")).to_have_text("Live")
            link = control.evaluate("window.bowtie.send('room:link').then((ack) => ack.path)")
            room = browser.new_page(viewport=PROJECTOR)
            room.goto(server.url + link)
            expect(room.locator(".room-names li")).to_have_count(len(PEOPLE) + 2)
            take(room, "room-lobby")
            take(control, "control-lobby")
            take(board, "board-lobby")
            next_step(control, "Collect")
            expect(board.get_by_label("New card for Start")).to_be_enabled()
            for client, (column, text) in zip(people, CARDS):
                client.call("card:add", {"id": new_id(), "column": column, "text": text})
            board.get_by_label("New card for Start").fill("Office hours with product every week")
            board.get_by_label("New card for Start").press("Enter")
            expect(control.get_by_text("Office hours with product every week")).to_be_visible()
            expect(room.locator(".room-tile")).to_have_count(2)
            room.wait_for_function(f"() => window.bowtie.state.room.figures.cards === {len(CARDS) + 1}")
            take(room, "room-collect")
            phone.get_by_role("tab", name=re.compile("^Stop")).click()
            phone.get_by_label("New card for Stop").fill("Status meetings that could be an e-mail")
            phone.get_by_label("New card for Stop").press("Enter")
            expect(phone.get_by_role("tab", name=re.compile(r"^Stop \(\d+\)"))).to_have_attribute("aria-selected", "true")
            take(phone, "phone-collect", full=True)
            control.locator("details.settings > summary").click()
            control.get_by_label("Show cards on the room screen").check()
            expect(room.locator(".room-cards li").first).to_be_visible()
            take(room, "room-collect-cards")
            control.get_by_label("Show cards on the room screen").uncheck()
            control.locator("details.settings > summary").click()
            take(board, "board-collect", full=True)
            take(control, "control-collect", full=True)
            go_to(control, "Cluster")
            area = control.locator(".area-clusters")
            for n, (first, second, name) in enumerate((
                    ("Weekly demo", "Monthly customer panels", "Learning from customers"),
                    ("Shared playbook", "Pairing new hires", "Onboarding"),
                    ("Meetings without", "Escalations by e-mail", "Ways of working"))):
                area.locator(".pool li.card", has_text=first).click()
                area.locator(".pool li.card", has_text=second).click()
                area.get_by_role("button", name="New cluster").click()
                expect(area.locator(".cluster-box")).to_have_count(n + 1)
                box = area.locator(".cluster-box").nth(n)
                expect(box.locator("li.card")).to_have_count(2)
                box.locator(".cluster-name").fill(name)
                box.locator(".cluster-name").press("Enter")
            # The room is redrawn a few times a second: wait for the last name, not only the third box.
            expect(room.locator(".room-cluster-name")).to_contain_text(
                ["Learning from customers", "Onboarding", "Ways of working", "Not clustered yet"])
            take(room, "room-cluster")
            take(control, "control-cluster", full=True)
            take(board, "board-cluster", full=True)
            go_to(control, "Vote")
            control.get_by_role("button", name="Open the vote").click()
            for label in ("Learning from customers", "Learning from customers", "Onboarding"):
                board.get_by_role("button", name=f"Place a dot on {label}").click()
            expect(room.locator(".room-big")).to_have_text("1 of 10")
            take(room, "room-vote")
            take(board, "board-vote", full=True)
            take(phone, "phone-vote", full=True)
            control.get_by_role("button", name="Close the vote").click()
            expect(board.locator(".area-votes .ranking > li").first).to_be_visible()
            take(control, "control-ranking", full=True)
            take(board, "board-ranking", full=True)
            expect(room.locator(".room-ranking li").first).to_be_visible()
            take(room, "room-ranking")
            extra_phases(control, board, take, people, room)
            newcomer = browser.new_page(viewport=PHONE)
            newcomer.goto(workshop["join_url"])
            take(newcomer, "join-phone")
            offsite(browser, server, take)
            browser.close()
    finally:
        server.stop()
    return shots


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for path in shoot(target):
        print(path)
