"""Schema 11 (the statements step) opens a schema-9 database (tests/fixtures/schema9.db)
with nothing lost, and a migrated workshop can run a statements step to a committed vision."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from workshop.domain.viewer import Viewer
from workshop.store import Store, snapshot, statements
from workshop.store.schema import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KEYS = json.loads((FIXTURES / "schema9.json").read_text())


def dump(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta'")]
        return {n: sorted(map(repr, db.execute(f'SELECT * FROM "{n}"').fetchall())) for n in names}


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "bowtie.db"
    shutil.copy(FIXTURES / "schema9.db", path)
    return path


def test_every_row_of_schema_9_survives_and_the_new_tables_start_empty(copy):
    before = dump(copy)
    assert sum(map(len, before.values())) > 100  # the fixture holds real workshops
    Store(str(copy)).close()
    after = dump(copy)
    assert {n: after[n] for n in before} == before
    new = {n: after[n] for n in set(after) - set(before)}
    assert {"statements", "statement_marks", "statement_steps", "committed_sentences"} <= set(new)
    assert all(rows == [] for rows in new.values())
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)


def test_a_migrated_workshop_has_no_purpose_or_vision_yet(copy):
    store = Store(str(copy))
    try:
        wid = KEYS["decide"]["id"]
        assert statements.committed_sentences(store.db, wid) == {"purpose": None, "vision": None}
        state = store.read(snapshot.snapshot, Viewer(wid, facilitator=True))
        assert state["statements"] == {} and state["vision"] is None and state["purpose"] is None
    finally:
        store.close()
