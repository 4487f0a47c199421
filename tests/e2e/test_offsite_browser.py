"""A whole offsite from the built-in Offsite agenda in Chromium, as the facilitator
and the room live it: the purpose written, shown, marked, combined and committed;
the vision the same way through an 80% poll that first ends "Not yet"; two pillars
with snippets; one OKR with two key results accepted; the strategy on a page, on
screen and printed on one or two A4 pages. Every step is screenshot from a
participant's board, the control screen and the room view, and checked by axe-core.

Four participants: Ann and Bob in Chromium, Cy and Di as Socket.IO clients. Six
Chromium pages (four boards, control, room) on the two shared cores of the test
machine made every step wait on rendering; two boards already show everything a
participant sees, and the other two only need to write, mark and answer."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .browser import expect_accessible, join_in_browser, next_step
from .live import new_id
from .test_statements_browser import select_words

pytestmark = pytest.mark.browser
LIVE = 15_000
SHOTS = Path(os.environ.get("BOWTIE_SHOTS", "/tmp/bowtie-offsite"))
PURPOSE = "We make every customer conversation count for our customers, our team and the company"
VISION = "The most remarkable B2B experience through impactful interactions that drive our customers' success"
STATEMENTS = {
    "purpose": {"Ann": "Make every customer conversation count",
                "Bob": "A team that makes every customer conversation count",
                "Cy": "Be the partner our customers and our company rely on",
                "Di": "Make the company proud of every customer conversation"},
    "vision": {"Ann": "Customers stay forever because every interaction is remarkable",
               "Bob": "The most remarkable B2B experience through impactful interactions",
               "Cy": "Impactful interactions that drive our customers' success",
               "Di": "Experts in our customers' work, zero avoidable churn"},
}


def shoot(pages: dict, step: str) -> None:
    """A screenshot of each screen, and axe-core on each."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for who, page in pages.items():
        page.screenshot(path=str(SHOTS / f"{step}-{who}.png"), full_page=who != "room")
        expect_accessible(page)


def round_of(driver) -> str:
    return driver.call("sync", {})["state"]["discussion"]["polls"][-1]["rounds"][-1]["id"]


def answer_in_browser(page, level: int, reason: str = "") -> None:
    expect(page.get_by_role("heading", name="How far do you agree?")).to_be_visible(timeout=LIVE)
    page.locator("button.level", has_text=str(level)).click()
    if reason:
        page.get_by_label("Below 80% a short reason is required").fill(reason)
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text(f"You answered {level}%")).to_be_visible(timeout=LIVE)


def poll_round(control, driver, boards, clients, levels: dict, reason: str = "", again: bool = False) -> None:
    """Put the sentence to the poll, everyone answers, the facilitator closes it."""
    label = "Ask again with this sentence" if again else "Put the sentence to the 80% poll"
    control.get_by_role("button", name=label).click()
    for name, page in boards.items():
        answer_in_browser(page, levels[name], reason if levels[name] < 80 else "")
    round_id = round_of(driver)
    for name, person in clients.items():
        assert person.call("poll:answer", {"round_id": round_id, "level": levels[name]})["ok"]
    expect(control.locator(".poll-open .answered")).to_contain_text("4 of", timeout=LIVE)
    control.get_by_role("button", name="Close the poll").click()


def statements_step(subject, pages, driver, boards, clients):
    """Write, close and show; Ann keeps words with the mouse, Bob with the keyboard, the
    others over the socket; the marks shown; the top phrase pulled into the sentence."""
    texts, control = STATEMENTS[subject], pages["control"]
    for name, page in boards.items():
        page.get_by_label("Your statement").fill(texts[name])
        page.get_by_role("button", name="Save my statement").click()
        expect(page.get_by_text("Saved. You can change it")).to_be_visible(timeout=LIVE)
    for name, person in clients.items():
        assert person.call("statements:write", {"id": new_id(), "text": texts[name]})["ok"]
    expect(control.locator(".statements-figures")).to_contain_text("4 statements written", timeout=LIVE)
    expect(pages["room"].locator("[data-written]")).to_have_text("4", timeout=LIVE)
    shoot(pages, f"{subject}-1-writing")

    control.get_by_role("button", name="Close writing").click()
    control.get_by_role("button", name="Show the statements").click()
    ann, bob = boards["Ann"], boards["Bob"]
    expect(ann.locator(".area-statements .statement")).to_have_count(4, timeout=LIVE)
    shared = {"purpose": "every customer conversation count", "vision": "remarkable B2B experience"}[subject]
    source = "Bob"
    select_words(ann, texts[source], shared)
    ann.get_by_role("button", name="Keep the selected words").click()
    expect(ann.locator(".my-marks li")).to_contain_text(shared, timeout=LIVE)
    mark_by_keyboard(bob, texts[source], shared.upper())
    expect(bob.locator(".my-marks li")).to_contain_text(shared, timeout=LIVE)
    for person in clients.values():
        at = texts[source].index(shared)
        assert person.call("statements:mark", {"id": new_id(), "statement_id": statement_id(driver, texts[source]),
                                               "start": at, "end": at + len(shared)})["ok"]
    expect(control.locator(".kept-phrases li").first).to_contain_text("kept by 4", timeout=LIVE)
    expect(control.locator(".statements-figures")).to_contain_text("· 1 phrase kept")
    control.get_by_role("button", name="Show the marks").click()
    expect(ann.locator(".kept-phrases li").first).to_contain_text(shared, timeout=LIVE)
    expect(pages["room"].locator(".room-statement-list [data-heat]").first).to_be_visible(timeout=LIVE)
    shoot(pages, f"{subject}-2-marks")

    control.locator(".kept-phrases li").first.get_by_role("button", name="Add to the sentence").click()
    expect(control.get_by_label("The combined sentence")).to_have_value(shared)
    expect(pages["room"].locator(".live-sentence")).to_have_text(shared, timeout=LIVE)


def statement_id(driver, text: str) -> str:
    shown = driver.call("sync", {})["state"]["statements"]
    return next(s["id"] for step in shown.values() for s in step["statements"] if s["text"] == text)


def mark_by_keyboard(page, statement: str, words: str) -> None:
    """Mark without a mouse: open "mark by typing", choose the statement, type the words."""
    if not page.locator("details.mark-by-typing[open]").count():  # stays open from an earlier step
        page.locator("details.mark-by-typing summary").focus()
        page.keyboard.press("Enter")
    page.get_by_label("Statement", exact=True).focus()
    page.get_by_label("Statement", exact=True).select_option(label=statement)
    page.get_by_label("Words to keep").fill(words)
    page.get_by_label("Words to keep").press("Enter")


def committed(pages, subject: str, text: str) -> None:
    for page in pages.values():
        expect(page.locator(f".committed-sentence[data-subject={subject}] blockquote")).to_have_text(text, timeout=LIVE)
    control = pages["control"]
    for gone in ("Reopen writing", "Close writing", "Show the statements", "Show the marks", "Add to the sentence"):
        expect(control.get_by_role("button", name=gone)).to_have_count(0)


def test_an_offsite_from_the_purpose_to_the_strategy_on_a_page(server, clients, page_for):
    workshop = server.create_workshop("Leadership offsite", agenda="offsite")
    driver = clients()  # reads the poll rounds' ids and the room link; the pages run the offsite
    assert driver.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    control = page_for(viewport={"width": 1440, "height": 900})
    control.goto(workshop["control_url"])
    room = page_for(viewport={"width": 1920, "height": 1080})
    room.goto(server.url + driver.call("room:link")["path"])
    boards = {"Ann": join_in_browser(page_for(), workshop, "Ann"), "Bob": join_in_browser(page_for(), workshop, "Bob")}
    others = {}
    for name in ("Cy", "Di"):
        others[name] = clients()
        assert others[name].call("join", {"code": workshop["code"], "name": name})["ok"]
    ann, bob = boards["Ann"], boards["Bob"]
    pages = {"participant": ann, "control": control, "room": room}
    expect(room.locator(".room-names li")).to_have_count(4, timeout=LIVE)
    shoot(pages, "0-lobby")

    # -- purpose: one round commits it
    next_step(control, "Purpose")
    expect(ann.get_by_role("heading", name="What role do we want to play for our customers, our team and the company?")
           ).to_be_visible(timeout=LIVE)
    statements_step("purpose", pages, driver, boards, others)
    control.get_by_label("The combined sentence").fill(PURPOSE)
    expect(ann.locator(".live-sentence")).to_have_text(PURPOSE, timeout=LIVE)
    poll_round(control, driver, boards, others, {"Ann": 90, "Bob": 100, "Cy": 80, "Di": 90})
    committed(pages, "purpose", PURPOSE)
    shoot(pages, "purpose-3-committed")

    # -- vision: "Not yet" first, then committed
    next_step(control, "Vision")
    expect(ann.get_by_role("heading", name="Where do we want to be in three years?")).to_be_visible(timeout=LIVE)
    # The committed purpose goes from the large banner to the compact strip at the top.
    expect(ann.locator(".area-why [data-subject=purpose]")).to_have_text(f"Our purpose: {PURPOSE}")
    expect(ann.locator(".committed-sentence")).to_have_count(0)
    statements_step("vision", pages, driver, boards, others)
    editor = control.get_by_label("The combined sentence")
    editor.fill("The most remarkable B2B experience through impactful interactions")
    expect(room.locator(".live-sentence")).to_have_text(
        "The most remarkable B2B experience through impactful interactions", timeout=LIVE)
    poll_round(control, driver, boards, others, {"Ann": 60, "Bob": 90, "Cy": 90, "Di": 90},
               reason="Say what it does for customers")
    expect(control.locator(".sentence-outcome")).to_contain_text("Not yet", timeout=LIVE)
    expect(control.locator(".sentence-outcome")).to_contain_text("Say what it does for customers")
    expect(room.locator(".room-verdict")).to_have_text("Not yet", timeout=LIVE)
    # The kept phrases, the sentence, the verdict and the chart's levels all read above the room's foot.
    levels, foot = (room.locator(where).bounding_box() for where in (".room-chart .bars", ".room-foot"))
    assert levels["y"] + levels["height"] <= foot["y"], "the poll's chart is whole on the projector"
    assert room.locator(".room-chart li[data-level='90'] .bar").bounding_box()["height"] >= 20, "its bars still read"
    shoot(pages, "vision-3-not-yet")
    editor.fill(VISION)
    expect(ann.locator(".live-sentence")).to_have_text(VISION, timeout=LIVE)
    poll_round(control, driver, boards, others, {"Ann": 90, "Bob": 90, "Cy": 100, "Di": 90}, again=True)
    committed(pages, "vision", VISION)
    # The room's strip keeps the purpose; the vision fills the screen above it, so not twice.
    expect(room.locator("#room-agreed [data-subject=purpose]")).to_contain_text(PURPOSE)
    expect(room.locator("#room-agreed [data-subject=vision]")).to_have_count(0)
    shoot(pages, "vision-4-committed")

    # -- pillars: the purpose and vision stay in sight; two pillars, snippets from the room
    next_step(control, "Strategic pillars")
    for page in (ann, control):
        expect(page.locator(".area-why [data-subject=vision]")).to_have_text(f"Our vision: {VISION}", timeout=LIVE)
        expect(page.locator(".area-why [data-subject=purpose]")).to_have_text(f"Our purpose: {PURPOSE}")
    expect(room.locator("#room-agreed [data-subject=vision]")).to_contain_text(VISION, timeout=LIVE)
    expect(room.locator("#room-agreed [data-subject=purpose]")).to_contain_text(PURPOSE)
    expect(control.get_by_role("button", name="Turn the clusters into pillars")).to_have_count(0)
    for name, about in (("Enable our people", "Empower everyone to focus on their mission"),
                        ("Customers first", "Engagement that fits every customer")):
        control.locator("#pillar-name").fill(name)
        control.locator("#pillar-description").fill(about)
        control.get_by_role("button", name="Add pillar").click()
        expect(control.locator(".area-pillars li.pillar h3", has_text=name)).to_be_visible(timeout=LIVE)
    for page, pillar, snippet in ((ann, "Enable our people", "Zero distractions"),
                                  (bob, "Enable our people", "zero  DISTRACTIONS"),
                                  (bob, "Customers first", "Customer obsession"),
                                  (ann, "Customers first", "Remarkable every time")):
        field = page.get_by_label(f"A snippet for {pillar}")
        expect(field).to_be_visible(timeout=LIVE)
        field.fill(snippet)
        field.press("Enter")
    # Where a pillar came from: linked to the vision statement it grew out of.
    enable = control.locator(".area-pillars li.pillar", has_text="Enable our people")
    sources = enable.get_by_role("list", name="Where Enable our people came from").locator("li")
    for statement in ("Ann", "Bob"):
        enable.get_by_label("Came from the statement").select_option(label=STATEMENTS["vision"][statement])
        enable.get_by_role("button", name="Link", exact=True).click()
    expect(sources).to_have_count(2, timeout=LIVE)
    # ... and Ann's statement unlinked again: it was not where the pillar came from after all.
    enable.get_by_role("button", name=f"Unlink: From the statement “{STATEMENTS['vision']['Ann']}”").click()
    expect(sources.locator("span")).to_have_text([f"From the statement “{STATEMENTS['vision']['Bob']}”"], timeout=LIVE)
    expect(ann.get_by_role("list", name="Snippets of Enable our people").locator("li")).to_have_text(
        ["Zero distractions ×2"], timeout=LIVE)
    expect(room.get_by_role("list", name="Snippets of Customers first").locator("li")).to_have_count(2, timeout=LIVE)
    shoot(pages, "pillars")

    # -- OKRs: Ann drafts one objective with two key results and presents it; accepted
    next_step(control, "OKRs")
    expect(ann.locator(".area-why [data-subject=vision]")).to_be_visible(timeout=LIVE)
    due = (dt.date.today() + dt.timedelta(days=200)).isoformat()
    ann.get_by_label("Pillar", exact=True).select_option(label="Enable our people")
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
    ann.get_by_role("button", name="Present to the room").click()
    presented = control.locator("article.objective", has_text="Remarkable focus for everyone")
    expect(presented.locator(".okr-state")).to_have_text("Presented", timeout=LIVE)
    objectives = room.get_by_role("list", name="Objectives of Enable our people")
    expect(objectives).to_contain_text("Remarkable focus for everyone", timeout=LIVE)
    key_results = room.get_by_role("list", name="Key results of Remarkable focus for everyone")
    expect(key_results.locator(".room-kr-text")).to_have_text(["Fewer interruptions", "Answers found alone"])
    expect(key_results.locator(".room-kr-move")).to_have_text(["10 h → 20 h · Ann", "40 % → 65 % · Bob"])
    expect(room.get_by_role("list", name="Snippets of Enable our people")).to_have_count(0)  # its objective in their place
    presented.get_by_role("button", name="Accept").click()
    expect(ann.locator("article.objective .okr-state")).to_have_text("Accepted", timeout=LIVE)
    expect(objectives.locator(".room-accepted")).to_have_text("✓ Accepted", timeout=LIVE)
    horizon = room.locator(".room-horizon")
    expect(horizon).to_have_text("· 1 year")
    assert horizon.evaluate("e => e.getClientRects().length") == 1, "the horizon reads on one line, beside the mark"
    shoot(pages, "okrs")

    # -- the strategy on a page, on screen and printed
    strategy = control.context.new_page()  # the facilitator's browser: it holds the key
    strategy.goto(f"{server.url}/strategy/{workshop['id']}")
    expect(strategy.get_by_role("heading", name="Strategy on a page")).to_be_visible()
    expect(strategy.locator("[data-part=purpose] .strategy-words")).to_have_text(PURPOSE)
    expect(strategy.locator("[data-part=vision] .strategy-words")).to_have_text(VISION)
    for shown in ("Enable our people", "Customers first", "Zero distractions", "Customer obsession",
                  "Remarkable focus for everyone", "10 h → 20 h", "40 % → 65 %"):
        expect(strategy.get_by_text(shown).first).to_be_visible()
    shoot({"strategy": strategy}, "strategy")
    strategy.emulate_media(media="print")
    strategy.screenshot(path=str(SHOTS / "strategy-print.png"), full_page=True)
    strategy.pdf(path=str(SHOTS / "strategy.pdf"), format="A4")
    from pypdf import PdfReader
    printed = PdfReader(str(SHOTS / "strategy.pdf"))
    assert 1 <= len(printed.pages) <= 2, f"the strategy prints on {len(printed.pages)} A4 pages"
    # Each key result on a line of its own: no word broken across lines on the narrow half page.
    lines = [" ".join(p.extract_text().split()) for p in printed.pages]
    for shown in ("Enable our people", "Remarkable focus for everyone", "Fewer interruptions",
                  "Self-serve rate · 40 % → 65 %", VISION):
        assert shown in " ".join(lines), shown
    assert ann.errors == [] and bob.errors == [] and control.errors == [] and room.errors == []
