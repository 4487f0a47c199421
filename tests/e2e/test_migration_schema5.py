"""A database written by the last release before the agenda (schema version 5,
tests/fixtures/schema5.db, made by tests/fixtures/build_schema5.py) opens on the
current server with nothing lost: every row stays, every workshop opens in its phase."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import requests

from workshop.store.schema import SCHEMA_VERSION

from .live import Client, Server

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KEYS = json.loads((FIXTURES / "schema5.json").read_text())


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables if t != "meta"}


def serve_a_copy(folder: Path) -> Server:
    path = folder / "bowtie.db"
    shutil.copy(FIXTURES / "schema5.db", path)
    return Server(path).start()


@pytest.fixture
def migrated(tmp_path):
    server = serve_a_copy(tmp_path)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def shared_migrated(tmp_path_factory):
    """One server for the read-only checks: each start migrates and takes seconds."""
    server = serve_a_copy(tmp_path_factory.mktemp("schema5"))
    yield server
    server.stop()


def test_the_fixture_is_a_schema_5_database():
    with sqlite3.connect(FIXTURES / "schema5.db") as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "5"


def test_a_schema_5_database_migrates_without_losing_a_row(migrated):
    before = row_counts(FIXTURES / "schema5.db")
    assert requests.get(migrated.url + "/healthz", timeout=5).json()["schema_version"] == SCHEMA_VERSION
    migrated.stop()
    after = row_counts(migrated.db_path)
    assert {t: after.get(t) for t in before} == before


@pytest.mark.parametrize("phase", list(KEYS))
def test_every_workshop_of_a_schema_5_database_opens_in_its_phase_with_its_cards(shared_migrated, phase):
    workshop = KEYS[phase]
    control = Client(shared_migrated).connect()
    try:
        state = control.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})
        assert state["ok"], state
        assert state["state"]["workshop"]["phase"] == phase
        assert len(state["state"]["cards"]) == (0 if phase == "lobby" else 8)
        assert len(state["state"]["participants"]) == 4
        agenda = state["state"]["agenda"]
        running = next(s for s in agenda["steps"] if s["id"] == agenda["current"])
        assert running["kind"] == phase
    finally:
        control.disconnect()
