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


# The one form meant to put its fields in a URL (the dashboard's comparison): every other
# form is sent by the page's script, and posts if it is ever sent natively.
GET_FORMS = {'id="compare-form"'}


def test_every_form_a_script_submits_posts_so_its_fields_never_land_in_a_url():
    unsafe = []
    for template in TEMPLATES.glob("*.html"):
        for form in re.findall(r"<form\b[^>]*>", template.read_text()):
            if 'method="post"' not in form and not any(known in form for known in GET_FORMS):
                unsafe.append(f"{template.name}: {form}")
    assert unsafe == []


def test_a_form_posted_before_its_script_ran_comes_back_to_its_page_without_its_fields(http, make_workshop):
    workshop = make_workshop("Retro")
    for page in ("/", f"/control/{workshop['id']}", "/workshops", "/journeys"):
        answer = http.post(f"{page}?from=qr", data={"control": f"/control/x?key={workshop['facilitator_key']}"})
        assert (answer.status_code, answer.headers["Location"]) == (303, f"{page}?from=qr"), page
    assert http.post("/journeys").headers["Location"] == "/journeys"


def test_the_json_api_still_refuses_a_method_it_does_not_take(http):
    answer = http.post("/api/templates")
    assert answer.status_code == 405 and "Location" not in answer.headers


def test_a_posted_page_never_sends_the_browser_to_another_site(http):
    answer = http.post("/", environ_overrides={"PATH_INFO": "//journeys"})  # "//journeys" is a host's name
    assert (answer.status_code, answer.headers["Location"]) == (303, "/journeys")
