"""The facts the browser imports from /facts.js are the ones the server enforces."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from workshop.domain import cards, polls, topics
from workshop.domain.errors import InvalidInput
from workshop.domain.workshop import GROUP_PHASES, PHASE_TITLES, PHASES
from workshop.store.events import RESYNC_KINDS

BROWSER = Path(__file__).resolve().parents[2] / "static" / "js"


def served(http) -> dict:
    text = http.get("/facts.js").get_data(as_text=True)
    exports = re.findall(r"^export const (\w+) = (?:Object\.freeze\((.*)\)|(.*));$", text, re.M)
    return {name: json.loads(frozen or plain) for name, frozen, plain in exports}


def test_the_browser_gets_the_domains_facts(http):
    facts = served(http)
    assert facts["PHASES"] == [[p, PHASE_TITLES[p]] for p in PHASES]
    assert set(facts["GROUP_PHASES"]) == GROUP_PHASES
    assert facts["CARD_MAX"] == cards.CARD_MAX
    assert facts["AGREE"] == polls.AGREE
    assert facts["LEVELS"] == list(polls.LEVELS)
    assert facts["COMMIT"] == polls.COMMIT
    assert facts["NOTE_FIELDS"] == [[k, label] for k, label in topics.NOTE_FIELDS.items()]
    assert set(facts["RESYNC"]) == RESYNC_KINDS


def test_a_card_as_long_as_the_browser_allows_is_accepted_and_one_more_character_refused(http):
    limit = served(http)["CARD_MAX"]
    assert cards.card_text("x" * limit) == "x" * limit
    with pytest.raises(InvalidInput):
        cards.card_text("x" * (limit + 1))


def test_facts_are_a_script_the_page_may_load_and_revalidates(http):
    first = http.get("/facts.js")
    assert first.status_code == 200 and first.mimetype == "text/javascript"
    assert "script-src 'self'" in first.headers["Content-Security-Policy"]
    assert first.headers["Cache-Control"] == "no-cache"
    again = http.get("/facts.js", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_no_browser_module_keeps_its_own_copy_of_a_fact():
    # The names and one telling value of each fact, written here rather than read from the code.
    copies = [r"\bconst (CARD_MAX|PHASES|AGREE|LEVELS|RESYNC|NOTE_FIELDS|FIELDS)\s*=", r'"groups:formed"',
              r'\["lobby",\s*"Lobby"\]', r'"Potential obstacles"', r'result === "commit"']
    for path in BROWSER.rglob("*.js"):
        source = path.read_text()
        for pattern in copies:
            assert not re.search(pattern, source), f"{path.name} copies a fact ({pattern}): import it from /facts.js"
