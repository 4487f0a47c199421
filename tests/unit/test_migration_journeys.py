"""Schema 10 (journeys) opens a schema-9 database (tests/fixtures/schema9.db) with
nothing lost, and its workshops can join a journey."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from workshop.domain import journeys as journey_rules
from workshop.store import Store, journeys
from workshop.store.schema import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KEYS = json.loads((FIXTURES / "schema9.json").read_text())


def tables(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: sorted(db.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names if n != "meta"}


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "bowtie.db"
    shutil.copy(FIXTURES / "schema9.db", path)
    return path


def test_every_row_of_a_schema_9_database_survives(copy):
    before = tables(copy)
    assert before["cards"] and before["workshops"]  # the fixture holds some
    Store(str(copy)).close()
    after = tables(copy)
    assert {name: after[name] for name in before} == before
    assert {name: after[name] for name in ("journeys", "journey_workshops", "journey_items")} == {
        "journeys": [], "journey_workshops": [], "journey_items": []}
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)


def test_a_migrated_workshop_joins_a_journey_and_leaves_it_when_deleted(copy):
    store = Store(str(copy))
    try:
        made, _ = store.write(journeys.create, journey_rules.new_journey("Migrated"))
        workshop = KEYS["collect"]
        store.write(journeys.attach, made["id"], "start", workshop["id"], None)
        assert [w["id"] for w in store.read(journeys.sessions, made["id"])] == [workshop["id"]]
        store.write(journeys.delete_workshop, workshop["id"], workshop["code"], True)
        assert store.read(journeys.sessions, made["id"]) == []
    finally:
        store.close()
