"""The template library on the home page, in Chromium: a facilitator makes a card
template of their own, then creates a workshop from it and the All-hands collect agenda."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

COLUMNS = [("Mad", "What made you mad?", "pink"), ("Sad", "What made you sad?", "blue"),
           ("Glad", "What made you glad?", "green")]


def fill_column(editor, number: int, title: str, prompt: str, colour: str) -> None:
    column = editor.get_by_role("group", name=f"Column {number}")
    column.get_by_label("Title").fill(title)
    column.get_by_label("Prompt").fill(prompt)
    column.get_by_label("Colour").select_option(colour)


@pytest.mark.browser
def test_a_workshop_is_created_from_a_custom_template_and_the_all_hands_agenda(server, clients, page_for, tmp_path):
    page = page_for({"width": 1280, "height": 1000})
    page.goto(server.url)
    library = page.locator("#card-templates")
    expect(library.locator(".template-item")).to_have_count(2)

    page.get_by_role("button", name="New card template").click()
    editor = page.locator("#template-editor")
    editor.get_by_label("Template title").fill("Mad Sad Glad")
    for number, (title, prompt, colour) in enumerate(COLUMNS, start=1):
        if number > 1:
            editor.get_by_role("button", name="Add a column").click()
        fill_column(editor, number, title, prompt, colour)
    page.screenshot(path=str(tmp_path / "home-editor.png"), full_page=True)
    editor.get_by_role("button", name="Save template").click()
    expect(editor).to_be_hidden()
    expect(library.locator(".template-item")).to_have_count(3)
    expect(library.locator(".template-item").nth(2)).to_contain_text("Mad Sad Glad")

    # The chip of a column is painted with the palette's colour, served by /facts.js.
    pink = page.evaluate("async () => new Map((await import('/facts.js')).PALETTE).get('pink')")
    chip = library.locator(".template-item").nth(2).locator(".chip").first
    expect(chip).to_have_css("background-color", "rgb({}, {}, {})".format(*bytes.fromhex(pink[1:])))

    page.locator("#create-form").get_by_label("Title", exact=True).fill("Spring all-hands")
    page.locator("#agenda-choices").get_by_label(re.compile("^All-hands collect")).check()
    page.locator("#template-choices").get_by_label(re.compile("^Mad Sad Glad")).check()
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    page.get_by_role("button", name="Create workshop").click()
    page.wait_for_url(re.compile(r"/control/[0-9a-f]{32}"))
    workshop_id = re.search(r"/control/([0-9a-f]{32})", page.url).group(1)
    key = page.evaluate(f"localStorage.getItem('bowtie:key:{workshop_id}')")  # the home page keeps it there

    facilitator = clients()
    state = facilitator.call("facilitate", {"workshop_id": workshop_id, "key": key})["state"]
    assert [s["kind"] for s in state["agenda"]["steps"]] == ["lobby", "collect", "cluster", "vote", "cluster",
                                                             "summary"]
    assert state["agenda"]["current"] == state["agenda"]["steps"][0]["id"]
    assert [(c["title"], c["hint"], c["colour"]) for c in state["workshop"]["template"]["columns"]] == COLUMNS
    assert state["workshop"]["settings"]["participants_cluster"] is True
    assert page.errors == []


@pytest.mark.browser
def test_a_custom_card_template_is_edited_and_deleted_on_the_home_page(server, page_for):
    page = page_for()
    page.goto(server.url)
    page.get_by_role("button", name="New card template").click()
    editor = page.locator("#template-editor")
    editor.get_by_label("Template title").fill("Keep Drop")
    fill_column(editor, 1, "Keep", "", "teal")
    editor.get_by_role("button", name="Save template").click()
    item = page.locator("#card-templates .template-item", has_text="Keep Drop")
    expect(item).to_be_visible()

    item.get_by_role("button", name="Edit").click()
    editor.get_by_role("button", name="Add a column").click()
    fill_column(editor, 2, "Drop", "What should we drop?", "orange")
    editor.get_by_role("button", name="Save template").click()
    expect(item.locator(".chip")).to_have_text(["Keep", "Drop"])
    expect(page.locator("#template-choices")).to_contain_text("Drop")

    page.once("dialog", lambda dialog: dialog.accept())
    item.get_by_role("button", name="Delete").click()
    expect(item).to_have_count(0)
    expect(page.locator("#template-choices")).not_to_contain_text("Keep Drop")
    assert page.errors == []
