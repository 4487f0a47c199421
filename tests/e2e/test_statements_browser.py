"""A vision statements step in Chromium, four participants: statements written and
shown without names, words kept, the combined sentence typed live, an 80% poll that
first ends "Not yet" and then commits, and the vision in large type on every screen."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .browser import expect_accessible, join_in_browser
from .live import new_id

pytestmark = pytest.mark.browser
LIVE = 10_000
SHOTS = Path(os.environ.get("BOWTIE_SHOTS", "/tmp/bowtie-statements"))
ANN = "Customers stay forever because every interaction is remarkable"
OTHERS = {"Bo": "The most remarkable B2B experience through impactful interactions",
          "Cy": "Impactful interactions that drive our customers' success",
          "Di": "Experts in our customers' work, zero avoidable churn"}
VISION = "The most remarkable B2B experience through impactful interactions that drive our customers' success"


def select_words(page, statement: str, words: str) -> None:
    """Select ``words`` inside the shown statement ``statement``, as a mouse would."""
    page.evaluate("""([statement, words]) => {
      const p = [...document.querySelectorAll('.area-statements .statement-text')].find((el) => el.textContent === statement);
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const start = statement.indexOf(words); const end = start + words.length;
      let seen = 0, range = document.createRange(), node;
      while ((node = walker.nextNode())) {
        const len = node.textContent.length;
        if (start >= seen && start <= seen + len) range.setStart(node, start - seen);
        if (end >= seen && end <= seen + len) { range.setEnd(node, end - seen); break; }
        seen += len;
      }
      const sel = document.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    }""", [statement, words])


def answer_all(people, round_id: str, level: int) -> None:
    for person in people:
        assert person.call("poll:answer", {"round_id": round_id, "level": level})["ok"]


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_from_statements_through_marks_and_two_poll_rounds_to_the_vision(server, clients, page_for):
    workshop = server.create_workshop("CX offsite", blind_writing=False)
    facilitator = clients()
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    step_id = new_id()
    assert facilitator.call("agenda:add", {"id": step_id, "kind": "statements", "title": "Vision", "position": 1,
                                           "settings": {"subject": "vision"}})["ok"]
    assert facilitator.call("agenda:go", {"step_id": step_id})["ok"]
    room = page_for(viewport={"width": 1920, "height": 1080})
    room.goto(server.url + facilitator.call("room:link")["path"])
    control = page_for(viewport={"width": 1440, "height": 900})
    control.goto(workshop["control_url"])
    board = join_in_browser(page_for(), workshop, "Ann")
    others = {}
    for name in OTHERS:
        person = clients()
        assert person.call("join", {"code": workshop["code"], "name": name})["ok"]
        others[name] = person

    # Writing: each sees only their own statement; the facilitator sees them all.
    expect(board.get_by_role("heading", name="Where do we want to be in three years?")).to_be_visible(timeout=LIVE)
    board.get_by_label("Your statement").fill(ANN)
    board.get_by_role("button", name="Save my statement").click()
    expect(board.get_by_text("Saved. You can change it")).to_be_visible(timeout=LIVE)
    ids = {name: person.call("statements:write", {"id": new_id(), "text": OTHERS[name]})["statement"]["id"]
           for name, person in others.items()}
    expect(control.locator(".statements-figures")).to_contain_text("4 statements written", timeout=LIVE)
    expect(board.locator(".area-statements .statement")).to_have_count(1)
    expect(room.locator("[data-written]")).to_have_text("4", timeout=LIVE)
    shoot(board, "1-participant-writing")

    # Shown side by side, without names; Ann keeps words by selecting them.
    control.get_by_role("button", name="Close writing").click()
    control.get_by_role("button", name="Show the statements").click()
    expect(board.locator(".area-statements .statement")).to_have_count(4, timeout=LIVE)
    expect(board.locator(".area-statements .statement-list")).not_to_contain_text("Bo")
    select_words(board, OTHERS["Bo"], "remarkable B2B experience")
    board.get_by_role("button", name="Keep the selected words").click()
    expect(board.locator(".my-marks li")).to_contain_text("remarkable B2B experience", timeout=LIVE)
    for name, words in (("Cy", "impactful interactions"), ("Di", "remarkable B2B")):
        text = OTHERS["Bo"]
        at = text.lower().index(words.lower())
        assert others[name].call("statements:mark", {"id": new_id(), "statement_id": ids["Bo"], "start": at,
                                                     "end": at + len(words)})["ok"]
    expect(control.locator(".kept-phrases li").first).to_contain_text("kept by 2", timeout=LIVE)
    expect(board.locator(".kept-box")).to_be_hidden()
    control.get_by_role("button", name="Show the marks").click()
    expect(board.locator(".kept-phrases li").first).to_contain_text("remarkable B2B", timeout=LIVE)
    expect(board.locator(".statement-text [data-heat]").first).to_be_visible()
    shoot(board, "2-participant-marks")
    expect_accessible(board)

    # The combined sentence: a phrase pulled in with one click, then typed; every screen follows.
    control.locator(".kept-phrases li").first.get_by_role("button", name="Add to the sentence").click()
    editor = control.get_by_label("The combined sentence")
    editor.fill("The most remarkable B2B experience through impactful interactions")
    expect(board.locator(".live-sentence")).to_have_text(
        "The most remarkable B2B experience through impactful interactions", timeout=LIVE)
    expect(room.locator(".live-sentence")).to_have_text(
        "The most remarkable B2B experience through impactful interactions", timeout=LIVE)

    # First round: Ann is at 60% with a reason, so "Not yet".
    control.get_by_role("button", name="Put the sentence to the 80% poll").click()
    expect(board.get_by_role("heading", name="How far do you agree?")).to_be_visible(timeout=LIVE)
    round_id = facilitator.call("sync", {})["state"]["discussion"]["polls"][-1]["rounds"][-1]["id"]
    board.locator("button.level", has_text="60").click()
    board.get_by_label("Below 80% a short reason is required").fill("Say what it does for customers")
    board.get_by_role("button", name="Send my answer").click()
    answer_all(others.values(), round_id, 90)
    control.get_by_role("button", name="Close the poll").click()
    expect(control.locator(".sentence-outcome")).to_contain_text("Not yet", timeout=LIVE)
    expect(control.locator(".sentence-outcome")).to_contain_text("Say what it does for customers")
    shoot(control, "3-control-not-yet")

    # Reworded and asked again: everyone at 90% commits; the vision shows everywhere.
    editor.fill(VISION)
    expect(board.locator(".live-sentence")).to_have_text(VISION, timeout=LIVE)
    control.get_by_role("button", name="Ask again with this sentence").click()
    expect(board.get_by_role("heading", name="How far do you agree?")).to_be_visible(timeout=LIVE)
    round_id = facilitator.call("sync", {})["state"]["discussion"]["polls"][-1]["rounds"][-1]["id"]
    board.locator("button.level", has_text="90").click()
    board.get_by_role("button", name="Send my answer").click()
    answer_all(others.values(), round_id, 90)
    control.get_by_role("button", name="Close the poll").click()
    for page in (board, control, room):
        expect(page.locator(".committed-sentence blockquote").first).to_have_text(VISION, timeout=LIVE)
    assert facilitator.call("sync", {})["state"]["vision"] == VISION
    shoot(board, "4-participant-vision")
    shoot(control, "5-control-vision")
    shoot(room, "6-room-vision")
    for page in (board, control, room):
        expect_accessible(page)
    assert board.errors == [] and control.errors == []
