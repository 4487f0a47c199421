"""The control screen's agenda controls in Chromium: the step bar drawn from the
agenda (and asking before it moves the room), the agenda panel closed in the lobby
so the join code stays in view, a step's settings and works-on edited in the
timeline, saving the agenda and the columns as templates, and a second collect
step whose own columns reach the participant's board."""
import pytest
import requests
from playwright.sync_api import expect

from .browser import confirm_move, join_in_browser, next_step

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}


def bar(control):
    return control.locator(".phase-bar .phases li")


def open_agenda(control):
    control.locator(".agenda-panel > summary").click()
    expect(control.locator(".agenda-panel")).to_have_attribute("open", "")


def agenda_state(control) -> dict:
    return control.evaluate("window.bowtie.state.agenda")


def test_the_step_bar_follows_the_agenda_and_asks_before_moving_everyone(server, page_for, tmp_path):
    workshop = server.create_workshop("Bar retro", blind_writing=False)
    control = page_for(PROJECTOR)
    control.goto(workshop["control_url"])
    ann = join_in_browser(page_for(), workshop, "Ann")
    open_agenda(control)
    control.get_by_label("Add a step").select_option("feedback")
    control.get_by_role("button", name="Add to the end").click()
    # Two clicks in one go, the second before the first is stored (a slow venue network):
    # the step moves up twice.
    control.get_by_role("button", name="Move Feedback up").evaluate("button => { button.click(); button.click(); }")
    # A feedback step before Decide: the bar shows the agenda's order, not the seven phases'.
    expect(bar(control)).to_have_text(["Lobby", "Collect", "Cluster", "Vote", "Discuss", "Feedback", "Decide",
                                       "Summary"])
    expect(ann.locator(".phases li")).to_have_text(["Lobby", "Collect", "Cluster", "Vote", "Discuss", "Feedback",
                                                    "Decide", "Summary"])

    # One click on the bar only asks; Cancel leaves everyone where they are.
    control.locator(".phase-bar button.step", has_text="Cluster").click()
    expect(control.locator(".phase-ask")).to_contain_text("Move everyone to “Cluster”?")
    expect(control.get_by_role("button", name="Next: Collect →")).to_be_hidden()
    control.locator(".phase-ask").get_by_role("button", name="Cancel").click()
    expect(control.locator(".phase-ask")).to_be_hidden()
    expect(control.locator(".phase-bar li[data-state=current]")).to_have_text("Lobby")

    next_step(control, "Collect")
    expect(ann.locator(".now-next")).to_have_text("Now: Collect · Next: Cluster")
    expect(ann.locator(".phases li[data-state=current]")).to_have_text("Collect")

    control.locator(".phase-bar button.step", has_text="Feedback").click()
    confirm_move(control)
    expect(ann.locator(".now-next")).to_have_text("Now: Feedback · Next: Decide")
    expect(control.locator(".phase-bar li[data-state=done]")).to_have_text(["Lobby", "Collect"])
    control.screenshot(path=str(tmp_path / "step-bar.png"))
    for page in (ann, control):
        assert page.errors == []


def test_the_agenda_panel_is_closed_in_the_lobby_so_the_join_code_stays_in_view(server, page_for):
    workshop = server.create_workshop("Lobby retro")
    control = page_for(PROJECTOR)
    control.goto(workshop["control_url"])
    expect(control.locator(".join-panel .qr")).to_be_visible()
    expect(control.locator(".agenda-panel")).not_to_have_attribute("open", "")
    expect(control.locator(".join-panel .qr")).to_be_in_viewport()
    next_step(control, "Collect")
    expect(control.locator(".agenda-panel")).to_have_attribute("open", "")
    assert control.errors == []


def test_the_facilitator_edits_a_steps_settings_and_saves_templates(server, page_for, tmp_path):
    workshop = server.create_workshop("Settings retro", blind_writing=False)
    control = page_for(PROJECTOR)
    control.goto(workshop["control_url"])
    open_agenda(control)
    vote = control.locator(".agenda-step", has=control.get_by_label("Title of step 4"))
    vote.get_by_text("Settings").click()
    vote.get_by_label("dots per person").fill("7")
    vote.get_by_label("dots per person").press("Enter")
    control.wait_for_function("() => window.bowtie.state.agenda.steps[3].settings.dots_per_person === 7")
    collect_id = agenda_state(control)["steps"][1]["id"]
    vote.get_by_label("Works on").select_option(collect_id)
    control.wait_for_function(f"() => window.bowtie.state.agenda.steps[3].works_on === {collect_id!r}")

    # A refused change (a number out of range) is put back as it was.
    vote.get_by_label("dots per person").fill("500")
    vote.get_by_label("dots per person").press("Enter")
    expect(control.locator(".toast").last).to_contain_text("dots")
    expect(vote.get_by_label("dots per person")).to_have_value("7")
    control.screenshot(path=str(tmp_path / "step-settings.png"), full_page=True)

    control.get_by_label("Save this agenda as a template").fill("Our retro")
    control.get_by_label("Save this agenda as a template").press("Enter")
    expect(control.locator(".toast").last).to_contain_text("Saved the agenda as “Our retro”")
    control.get_by_label("Save these columns as a template").fill("Our columns")
    control.get_by_label("Save these columns as a template").press("Enter")
    expect(control.locator(".toast").last).to_contain_text("Saved the columns as “Our columns”")
    agendas = requests.get(f"{server.url}/api/agenda-templates", timeout=10).json()["templates"]
    saved = next(t for t in agendas if t["title"] == "Our retro")
    assert next(s for s in saved["steps"] if s["kind"] == "vote")["settings"]["dots_per_person"] == 7
    columns = requests.get(f"{server.url}/api/card-templates", timeout=10).json()["templates"]
    assert [c["title"] for c in next(t for t in columns if t["title"] == "Our columns")["columns"]] == [
        "Start", "Stop", "Continue"]
    assert control.errors == []


def test_a_second_collect_step_shows_its_own_columns_on_the_board(server, page_for, tmp_path):
    workshop = server.create_workshop("Two collects", blind_writing=False)
    control = page_for(PROJECTOR)
    control.goto(workshop["control_url"])
    ann = join_in_browser(page_for(), workshop, "Ann")
    expect(ann.get_by_label("New card for Start")).to_be_visible()
    open_agenda(control)
    control.get_by_label("Add a step").select_option("collect")
    control.get_by_role("button", name="Add to the end").click()
    expect(control.locator(".agenda-step")).to_have_count(8)
    added = control.locator(".agenda-step").last
    added.get_by_text("Settings").click()
    added.get_by_label("card template").select_option("four-questions")
    control.wait_for_function("() => window.bowtie.state.agenda.steps.at(-1).settings.card_template === 'four-questions'")
    added.get_by_role("button", name="Go to Collect").click()
    control.get_by_role("button", name="Go now").click()
    composer = ann.get_by_label("New card for Doing well")
    expect(composer).to_be_enabled()
    expect(ann.get_by_label("New card for Start")).to_have_count(0)
    composer.fill("Shipping on time")
    composer.press("Enter")
    expect(ann.locator("[data-column=doing-well] .card-text")).to_have_text(["Shipping on time"])
    ann.screenshot(path=str(tmp_path / "second-collect.png"))
    for page in (ann, control):
        assert page.errors == []
