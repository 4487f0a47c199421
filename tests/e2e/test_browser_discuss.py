"""Issue 4 in a real browser: a time-box in step on two screens, Elmos and
"move on?", and a poll that is "Not yet" in round one and commits in round two."""
import datetime
import re
import time

import pytest
from playwright.sync_api import expect

from .browser import go_to, join_in_browser

pytestmark = pytest.mark.browser


def seconds_shown(page) -> int:
    minutes, seconds = page.locator(".area-discuss .timebox-digits").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def answer(page, level, reason=None):
    page.get_by_role("button", name=f"{level}%", exact=True).click()
    if reason:
        page.get_by_label("Below 80% a short reason is required").fill(reason)
    page.locator(".agree-form button[type=submit]").click()
    expect(page.locator(".my-answer")).to_contain_text(f"You answered {level}%")


def test_timebox_elmos_and_two_poll_rounds(server, page_for):
    workshop = server.create_workshop("Discuss")
    control = page_for()
    control.goto(workshop["control_url"])
    ann, bo, cy = page_for(), page_for(), page_for()
    # Ann's laptop clock is an hour behind: her screen must still agree with the room.
    ann.clock.install(time=datetime.datetime.now() - datetime.timedelta(hours=1))
    for page, name in ((ann, "Ann"), (bo, "Bo"), (cy, "Cy")):
        join_in_browser(page, workshop, name)
    assert time.time() - ann.evaluate("Date.now() / 1000") > 3000
    expect(control.locator(".arrivals .person")).to_have_count(3)

    go_to(control, "Discuss")
    control.get_by_label("New topic title").fill("Release cadence")
    control.get_by_label("Time by hand (minutes, or m:ss; empty: the plan’s)").fill("2")
    control.get_by_role("button", name="Add topic").click()
    control.locator(".topic", has_text="Release cadence").get_by_role("button", name="Discuss").click()
    expect(ann.locator(".topic-title")).to_have_text("Release cadence")

    control.get_by_label("Time-box (minutes, or m:ss)").fill("1:30")
    control.get_by_role("button", name="Start").click()
    # Both screens count down from the stored deadline, in step.
    for page in (control, ann):
        expect(page.locator(".area-discuss .timebox-digits")).to_have_text(re.compile(r"^1:2\d$"))
    assert abs(seconds_shown(control) - seconds_shown(ann)) <= 1
    control.get_by_role("button", name="Pause").click()
    expect(ann.locator(".area-discuss .timebox-label")).to_have_text("Paused")
    assert seconds_shown(ann) == seconds_shown(control)
    control.get_by_role("button", name="Resume").click()
    expect(ann.locator(".area-discuss .timebox-label")).to_have_text("")

    for page in (ann, bo, cy):
        page.get_by_role("button", name="Elmo — enough, let’s move on").click()
        expect(page.get_by_role("button", name="Take my Elmo back")).to_be_visible()
    expect(control.locator(".area-discuss .move-on")).to_contain_text("Move on?")
    expect(control.locator(".area-discuss .elmo-text")).to_have_text("Elmos: 3 (2 needed to move on)")
    expect(bo.locator(".area-discuss .elmo-count")).to_have_text("3 Elmos thrown on this topic")

    control.get_by_label("Put a proposal to the room").fill("Release every week")
    control.get_by_role("button", name="Ask the room").click()
    expect(ann.locator(".agree-form .proposal")).to_have_text("Release every week")
    answer(ann, 70, "QA cannot keep up")
    answer(bo, 100)
    answer(cy, 90)
    expect(control.locator(".answered")).to_have_text("3 of 3 present answered")
    control.get_by_role("button", name="Close the poll").click()
    for page in (control, bo):
        expect(page.locator(".poll-result .verdict").last).to_have_text("Not yet")
        expect(page.locator(".sticking").last).to_contain_text("QA cannot keep up")
    expect(bo.locator(".bars li[data-level='70'] .bar-count")).to_have_text("1")

    control.get_by_label("Reword and ask again").fill("Release every two weeks")
    control.get_by_role("button", name="Ask again").click()
    expect(ann.locator(".agree-form .proposal")).to_have_text("Release every two weeks")
    # Keyboard only: the slider starts at 80%, one step right is 90%.
    ann.get_by_label("How far do you agree? (0 to 100%)").focus()
    ann.keyboard.press("ArrowRight")
    expect(ann.locator(".agree-value")).to_have_text("90%")
    ann.keyboard.press("Tab")
    ann.locator(".agree-form button[type=submit]").focus()
    ann.keyboard.press("Enter")
    expect(ann.locator(".my-answer")).to_contain_text("You answered 90%")
    answer(bo, 80)
    answer(cy, 100)
    control.get_by_role("button", name="Close the poll").click()
    # The newest round leads the control screen; the first one folds under "Earlier rounds".
    expect(control.locator(".poll-result .verdict")).to_have_text(["Commit", "Not yet"])
    expect(control.locator(".earlier-rounds summary")).to_have_text("Earlier rounds (1)")
    expect(control.locator(".earlier-rounds .verdict")).to_be_hidden()
    expect(ann.locator(".poll-closed .verdict")).to_have_text("Commit")
    expect(control.locator(".decisions li")).to_have_text(["Release every two weeks"])
    for page in (control, ann, bo, cy):
        assert page.errors == []


def discussing(server, page_for, title: str, topic: str):
    """A control screen and Ann's board, in Discuss, with one topic open."""
    workshop = server.create_workshop(title)
    control = page_for()
    control.goto(workshop["control_url"])
    ann = join_in_browser(page_for(), workshop, "Ann")
    go_to(control, "Discuss")
    control.get_by_label("New topic title").fill(topic)
    control.get_by_role("button", name="Add topic").click()
    control.locator(".topic", has_text=topic).get_by_role("button", name="Discuss").click()
    return control, ann


def test_every_screen_shows_when_time_is_up_and_a_reload_keeps_the_timer(server, page_for):
    control, ann = discussing(server, page_for, "Expiry", "Short topic")
    control.get_by_label("Time-box (minutes, or m:ss)").fill("0:02")
    control.get_by_role("button", name="Start").click()
    for page in (control, ann):
        expect(page.locator(".area-discuss .timebox")).to_have_attribute("data-state", "expired")
        expect(page.locator(".area-discuss .timebox-label")).to_have_text("Time’s up")
    ann.reload()
    expect(ann.locator(".area-discuss .timebox-label")).to_have_text("Time’s up")
    control.get_by_role("button", name="+1 min").click()
    expect(ann.locator(".area-discuss .timebox-digits")).to_have_text(re.compile(r"^(1:00|0:5\d)$"))
    assert control.errors == [] and ann.errors == []


def test_notes_and_actions_are_edited_live_and_participants_edit_once_allowed(server, page_for):
    control, ann = discussing(server, page_for, "Notes", "Onboarding")

    control.get_by_label("Current situation").fill("New hires wait a week for laptops")
    control.get_by_label("New action").fill("Order laptops ahead")
    control.get_by_label("Owner", exact=True).fill("Bo")
    control.get_by_label("Due date (optional)").fill("2026-12-01")
    control.get_by_role("button", name="Add action").click()
    expect(ann.get_by_label("Current situation")).to_have_value("New hires wait a week for laptops")
    expect(ann.get_by_label("Current situation")).not_to_be_editable()
    expect(ann.locator(".action-item")).to_contain_text("Order laptops ahead — Bo, by 2026-12-01")

    control.locator(".settings summary").click()
    control.locator("[data-area=settings]").get_by_label("Participants edit notes").check()  # the workshop's switch
    expect(ann.get_by_label("Desired state")).to_be_editable()
    ann.get_by_label("Desired state").fill("Day one: laptop, accounts, buddy")
    ann.get_by_label("Desired state").blur()
    expect(control.get_by_label("Desired state")).to_have_value("Day one: laptop, accounts, buddy")
    control.reload()
    expect(control.get_by_label("Desired state")).to_have_value("Day one: laptop, accounts, buddy")
    expect(control.locator(".action-item")).to_have_count(1)
    assert control.errors == [] and ann.errors == []


def add_topic(control, title: str, minutes: str = "") -> None:
    control.get_by_label("New topic title").fill(title)
    control.get_by_label("Time by hand (minutes, or m:ss; empty: the plan’s)").fill(minutes)
    control.get_by_role("button", name="Add topic").click()
    expect(control.locator(".topic-list .topic", has_text=title)).to_be_visible()


CUT = "Topics below this line will not be reached"


def test_the_topic_plan_shows_each_topics_time_and_the_cut_line_on_every_screen(server, page_for, tmp_path):
    workshop = server.create_workshop("Plan")
    control = page_for()
    control.goto(workshop["control_url"])
    ann = join_in_browser(page_for(), workshop, "Ann")
    go_to(control, "Discuss")  # 30 minutes
    add_topic(control, "Hiring", "25")
    add_topic(control, "Tooling", "4")
    add_topic(control, "Coffee")
    add_topic(control, "Parking")
    # 29 minutes set by hand leave Coffee less than the least useful 2 minutes.
    expect(control.locator(".topic-list .cut-line")).to_have_text(CUT)
    expect(control.locator(".topic-list > li")).to_contain_text(["Hiring", "Tooling", CUT, "Coffee", "Parking"])
    expect(control.locator(".topic", has_text="Hiring").locator(".allotted")).to_have_text("25 min set by hand")
    expect(control.locator(".topic", has_text="Coffee").locator(".allotted")).to_have_text("not reached")
    expect(ann.locator(".plan-list .cut-line")).to_have_text(CUT)
    expect(ann.locator(".plan-list > li")).to_have_text(["Hiring · 25 min", "Tooling · 4 min", CUT,
                                                          "Coffee · not reached", "Parking · not reached"])
    expect(control.locator(".plan-summary")).to_contain_text("2 of 4 open topics reached")
    control.screenshot(path=str(tmp_path / "control-plan.png"), full_page=True)
    ann.screenshot(path=str(tmp_path / "board-plan.png"), full_page=True)

    # Tooling's time given back to the plan: the five minutes left reach Tooling and Coffee.
    by_hand = control.get_by_label("Time for Tooling by hand (minutes, or m:ss; empty: the plan’s)")
    by_hand.fill("")
    by_hand.press("Enter")
    by_hand.blur()
    expect(ann.locator(".plan-list > li").nth(2)).to_contain_text("Coffee")
    expect(ann.locator(".plan-list > li").nth(3)).to_have_text(CUT)
    tooling = control.locator(".topic", has_text="Tooling")
    expect(tooling.locator(".allotted")).to_have_text(re.compile(r"^2 min"))
    control.get_by_role("button", name="Accept plan").click()
    tooling.get_by_role("button", name="Discuss").click()  # the time-box starts with the accepted time
    expect(control.get_by_label("Time-box (minutes, or m:ss)")).to_have_value(re.compile(r"^2:\d0$"))
    control.screenshot(path=str(tmp_path / "control-accepted.png"), full_page=True)
    assert control.errors == [] and ann.errors == []
