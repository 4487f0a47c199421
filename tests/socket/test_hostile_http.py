"""The security review's bad input over HTTP (issue 13, items 17 and 20): every
JSON route answers 400 to hostile nesting, and a saved report keeps its fonts."""
from __future__ import annotations

import pytest


def bearer(workshop: dict) -> dict:
    return {"Authorization": f"Bearer {workshop['facilitator_key']}"}


def test_a_saved_report_keeps_its_fonts(http, collecting, join):
    workshop, _ = collecting()
    assert join(workshop, "Ann").add_card("Demo weekly")["ok"]
    saved = http.get(f"/report/{workshop['id']}?download=1", headers=bearer(workshop)).get_data(as_text=True)
    style = saved.split("<style>", 1)[1].split("</style>", 1)[0]
    assert '"Segoe UI"' in style
    assert "&#34;" not in style and "&quot;" not in style
