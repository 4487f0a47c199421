"""Schema 9 (boards of groups) opens a schema-8 database (tests/fixtures/schema8.db,
written by 1eb2f90) with nothing lost: every cluster and vote is the whole room's,
every card stays in its cluster, and the open vote still takes dots."""
from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest

from workshop.domain.viewer import Viewer
from workshop.store import Store, snapshot, votes, workshops
from workshop.store.schema import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KEYS = json.loads((FIXTURES / "schema8.json").read_text())


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute(sql).fetchall())


@pytest.fixture
def copies(tmp_path):
    path = tmp_path / "bowtie.db"
    shutil.copy(FIXTURES / "schema8.db", path)
    return path


def test_clusters_memberships_votes_and_dots_survive_as_the_whole_rooms(copies):
    before = {sql: rows(copies, sql) for sql in (
        "SELECT card_id, cluster_id, workshop_id, added_at FROM cluster_cards",
        "SELECT id, name, position, step_id FROM clusters",
        "SELECT id, status, items, ranking, step_id FROM votes",
        "SELECT id, vote_id, item_id FROM dots")}
    assert before["SELECT card_id, cluster_id, workshop_id, added_at FROM cluster_cards"]  # the fixture holds some
    store = Store(str(copies))
    store.close()
    assert rows(copies, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    for sql, kept in before.items():
        assert rows(copies, sql) == kept
    assert rows(copies, "SELECT DISTINCT group_id FROM clusters") == [(None,)]
    assert rows(copies, "SELECT DISTINCT group_id FROM votes") == [(None,)]


def test_the_open_vote_of_a_migrated_workshop_still_takes_dots_and_shows_its_clusters(copies):
    store = Store(str(copies))
    try:
        wid = KEYS["vote"]["id"]
        person = store.read(lambda tx: tx.one("SELECT id, group_id FROM participants WHERE workshop_id = ?"
                                              " ORDER BY joined_at LIMIT 1", [wid]))
        state = store.read(snapshot.snapshot, Viewer(wid, person["id"], person["group_id"]))
        assert state["vote"]["status"] == "open" and state["vote"]["group_id"] is None
        assert [c["name"] for c in state["clusters"]] == ["Ideas", "Habits"]
        spent = len(state["my_dots"]["dots"])
        item = state["vote"]["items"][1]["id"]
        mine, _ = store.write(lambda tx: votes.place(tx, workshops.load(tx, wid), dict(person), str(uuid.uuid4()),
                                                     item))
        assert len(mine["dots"]) == spent + 1
    finally:
        store.close()
