"""Every page with a top bar gets it from base.html: one markup, the page's own title."""
from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def topbars(html: str) -> list[str]:
    return re.findall(r'<header class="topbar">.*?<(?:span|h1) class="title">([^<]*)</(?:span|h1)>', html, re.S)


def test_workshop_and_organiser_pages_show_one_top_bar_with_their_title(http, make_workshop):
    workshop = make_workshop("Retro <q3>")
    http.post("/api/organise/unlock", json={"keys": {workshop["id"]: workshop["facilitator_key"]}})
    pages = {f"/j/{workshop['code']}": "Retro &lt;q3&gt;", f"/control/{workshop['id']}": "Retro &lt;q3&gt;",
             f"/summary/{workshop['id']}": "Summary", "/workshops": "Past workshops"}
    for path, title in pages.items():
        assert topbars(http.get(path).get_data(as_text=True)) == [title], path
    assert topbars(http.get("/").get_data(as_text=True)) == []


def test_only_the_base_template_spells_the_top_bar():
    spelled = [p.name for p in TEMPLATES.glob("*.html") if 'class="topbar"' in p.read_text()]
    assert spelled == ["base.html"]
