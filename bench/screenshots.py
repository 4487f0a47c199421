"""Screenshots of every screen of a small scripted workshop, for review and the README.

    .venv/bin/python bench/screenshots.py [OUT_DIR]     (default docs/screenshots)

Starts a real server.py on a free loopback port, seats a handful of scripted
participants (python-socketio) and one in Chromium, and photographs the
participant board and the control screen phase by phase.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

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


def go_to(control, phase: str) -> None:
    control.locator(".phase-bar .phases button.step", has_text=phase).click()
    expect(control.locator(".phases li[data-state=current]")).to_have_text(phase)


def extra_phases(control, board, take) -> None:
    """Discussion and decision screens (filled in as those areas land)."""


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
            board = browser.new_page(viewport={"width": 1280, "height": 800})
            board.goto(workshop["join_url"])
            board.get_by_label("Your name").fill("Ivy")
            board.get_by_label("Team or role").fill("Support")
            board.get_by_role("button", name="Join").click()
            expect(control.locator(".arrivals .person")).to_have_count(len(PEOPLE) + 1)

            def take(page, name, full=False):
                path = out / f"{name}.png"
                page.screenshot(path=str(path), full_page=full)
                shots.append(path)

            take(control, "control-lobby")
            take(board, "board-lobby")
            control.get_by_role("button", name="Next: Collect →").click()
            expect(board.get_by_label("New card for Start")).to_be_enabled()
            for client, (column, text) in zip(people, CARDS):
                client.call("card:add", {"id": new_id(), "column": column, "text": text})
            board.get_by_label("New card for Start").fill("Office hours with product every week")
            board.get_by_label("New card for Start").press("Enter")
            expect(control.get_by_text("Office hours with product every week")).to_be_visible()
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
            take(control, "control-cluster", full=True)
            take(board, "board-cluster", full=True)
            go_to(control, "Vote")
            control.get_by_role("button", name="Open the vote").click()
            for label in ("Learning from customers", "Learning from customers", "Onboarding"):
                board.get_by_role("button", name=f"Place a dot on {label}").click()
            take(board, "board-vote", full=True)
            control.get_by_role("button", name="Close the vote").click()
            expect(board.locator(".area-votes .ranking > li").first).to_be_visible()
            take(control, "control-ranking", full=True)
            take(board, "board-ranking", full=True)
            extra_phases(control, board, take)
            phone = browser.new_page(viewport={"width": 390, "height": 844})
            phone.goto(workshop["join_url"])
            take(phone, "join-phone")
            browser.close()
    finally:
        server.stop()
    return shots


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for path in shoot(target):
        print(path)
