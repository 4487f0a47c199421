"""The agenda in a real browser: the facilitator adds, reorders, renames and plans a
step on the control screen's time plan, goes to it (after an undo window), and a
participant's board follows with "Now · Next"."""
import pytest
from playwright.sync_api import expect

from .browser import join_in_browser

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}
TEAM_RETRO = ["Lobby", "Collect", "Cluster", "Vote", "Discuss", "Decide", "Summary"]


def segments(control):
    return control.locator(".agenda-bar .agenda-segment")


def test_the_facilitator_composes_and_runs_the_agenda_and_the_board_follows(server, page_for, tmp_path):
    workshop = server.create_workshop("Agenda retro", blind_writing=False)
    control = page_for(PROJECTOR)
    control.goto(workshop["control_url"])
    expect(segments(control)).to_have_text(TEAM_RETRO)
    control.locator(".agenda-panel > summary").click()  # closed in the lobby
    expect(control.locator(".agenda-behind")).to_have_text("On time")
    ann = join_in_browser(page_for(), workshop, "Ann")
    expect(ann.locator(".now-next")).to_have_text("Now: Lobby · Next: Collect")

    control.get_by_label("Add a step").select_option("feedback")
    control.get_by_role("button", name="Add to the end").click()
    expect(segments(control)).to_have_text([*TEAM_RETRO, "Feedback"])

    # Up once by mouse, then again from the keyboard: focus stays on the moved step.
    control.get_by_role("button", name="Move Feedback up").click()
    expect(segments(control)).to_have_text([*TEAM_RETRO[:6], "Feedback", "Summary"])
    expect(control.get_by_role("button", name="Move Feedback up")).to_be_focused()
    control.keyboard.press("Enter")
    expect(segments(control)).to_have_text([*TEAM_RETRO[:5], "Feedback", "Decide", "Summary"])

    title = control.get_by_label("Title of step 6")
    title.fill("Quick pulse")
    title.press("Enter")
    control.get_by_label("Planned minutes of Quick pulse").fill("7")
    control.get_by_label("Planned minutes of Quick pulse").press("Enter")
    expect(segments(control)).to_have_text([*TEAM_RETRO[:5], "Quick pulse", "Decide", "Summary"])
    row = control.locator(".agenda-step").nth(5)
    expect(row.locator(".agenda-minutes")).to_have_value("7")
    expect(ann.locator(".now-next")).to_have_text("Now: Lobby · Next: Collect")

    # One stray click does not move the room: Go waits, and Undo keeps everyone where they are.
    control.get_by_role("button", name="Go to Collect").click()
    expect(control.locator(".area-agenda .agenda-pending")).to_contain_text("Moving everyone to “Collect”")
    control.get_by_role("button", name="Undo").click()
    expect(control.locator(".area-agenda .agenda-pending")).to_be_hidden()
    control.get_by_role("button", name="Go to Collect").click()
    control.get_by_role("button", name="Go now").click()
    expect(ann.locator(".now-next")).to_have_text("Now: Collect · Next: Cluster")

    control.get_by_role("button", name="Go to Quick pulse").click()
    control.get_by_role("button", name="Go now").click()
    expect(ann.locator(".now-next")).to_have_text("Now: Quick pulse · Next: Decide")
    expect(row).to_have_attribute("data-state", "running")
    expect(row.locator(".agenda-state")).to_have_text("Running · < 1 min")
    expect(control.locator(".agenda-step").nth(1).locator(".agenda-state")).to_have_text("Done · < 1 min")
    expect(control.locator(".agenda-behind")).to_be_visible()

    # Looked at by eye (pytest --basetemp=DIR keeps them): the projector's time plan, the board's strip.
    control.screenshot(path=str(tmp_path / "agenda-timeline.png"))
    ann.screenshot(path=str(tmp_path / "agenda-board.png"))
    for page in (ann, control):
        assert page.errors == []
