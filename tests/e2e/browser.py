"""What browser tests do again and again: join as a participant, move the phase."""
from playwright.sync_api import expect


def join_in_browser(page, workshop: dict, name: str, role: str = ""):
    """Open the join link, join by name (and role), and wait until the board is live."""
    page.goto(workshop["join_url"])
    page.get_by_label("Your name").fill(name)
    if role:
        page.get_by_label("Team or role").fill(role)
    page.get_by_role("button", name="Join").click()
    expect(page.locator("#status")).to_have_text("Live")
    return page


def go_to(control, phase: str) -> None:
    """Move the workshop to a phase from the control screen's phase bar."""
    control.locator(".phase-bar .phases button.step", has_text=phase).click()
    expect(control.locator(".phases li[data-state=current]")).to_have_text(phase)
