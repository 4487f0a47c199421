"""What browser tests do again and again: join as a participant, move the phase, check with axe-core."""
from pathlib import Path

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


def go_to(control, step: str) -> None:
    """Move the workshop to a step from the control screen's step bar (which asks first)."""
    control.locator(".phase-bar .phases button.step", has_text=step).click()
    confirm_move(control)
    expect(control.locator(".phases li[data-state=current]")).to_have_text(step)


def next_step(control, title: str) -> None:
    """The step bar's "Next: … →", confirmed."""
    control.get_by_role("button", name=f"Next: {title} →").click()
    confirm_move(control)


def confirm_move(control) -> None:
    """Moving the room from the step bar asks first: press its Move everyone."""
    control.locator(".phase-ask").get_by_role("button", name="Move everyone").click()


# axe-core from npm (package.json's devDependencies), as the browser tests' accessibility check.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


def axe_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now.
    Evaluated over the DevTools protocol, so the page's CSP does not stop it."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text())
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    return [v for v in found if v["impact"] in SERIOUS]


def expect_accessible(page) -> None:
    """Fail with a readable list when axe-core finds a serious or critical violation."""
    violations = axe_violations(page)
    described = [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(
        f"{' '.join(n['target'])}: {n['failureSummary']}" for n in v["nodes"][:5]) for v in violations]
    assert not violations, f"axe-core on {page.url}:\n" + "\n".join(described)
