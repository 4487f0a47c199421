"""The security review's bad input over HTTP (issue 13, items 17 and 20): every
JSON route answers 400 to hostile nesting, and a saved report keeps its fonts."""
from __future__ import annotations

from dataclasses import replace

import pytest

ADMIN = "admin-token-for-the-hostile-http-tests"


@pytest.fixture
def config(config):
    # With an admin token every route reads its body: the admin may open anything.
    return replace(config, admin_token=ADMIN)


def bearer(workshop: dict) -> dict:
    return {"Authorization": f"Bearer {workshop['facilitator_key']}"}


def test_a_saved_report_keeps_its_fonts(http, collecting, join):
    workshop, _ = collecting()
    assert join(workshop, "Ann").add_card("Demo weekly")["ok"]
    saved = http.get(f"/report/{workshop['id']}?download=1", headers=bearer(workshop)).get_data(as_text=True)
    style = saved.split("<style>", 1)[1].split("</style>", 1)[0]
    assert '"Segoe UI"' in style
    assert "&#34;" not in style and "&quot;" not in style


# Every route that reads a JSON body, written out here rather than read from the app.
JSON_ROUTES = [
    ("POST", "/api/workshops"),
    ("POST", "/api/organise/unlock"),
    ("POST", "/api/organise/admin"),
    ("POST", "/api/workshops/{id}/archive"),
    ("DELETE", "/api/workshops/{id}"),
    ("POST", "/api/workshops/import"),
    ("POST", "/api/workshops/next"),
]
# 200 kB of nesting: far past the depth at which Python's JSON decoder gives up.
DEEP = {"arrays": "[" * 100_000 + "]" * 100_000, "objects": '{"a":' * 40_000 + "1" + "}" * 40_000}


@pytest.mark.parametrize("shape", sorted(DEEP))
@pytest.mark.parametrize("method,route", JSON_ROUTES)
def test_hostile_nesting_on_a_json_route_is_a_400(http, make_workshop, method, route, shape):
    workshop = make_workshop()
    response = http.open(route.format(**workshop), method=method, data=DEEP[shape],
                         content_type="application/json", headers={"Authorization": f"Bearer {ADMIN}"})
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.json["ok"] is False
