"""Migration 10 (pillars and OKRs) upgrades a database written by version 9 without loss."""
import shutil
import sqlite3
from pathlib import Path

from workshop.store import Store
from workshop.store.schema import SCHEMA_VERSION, schema_version

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema9.db"
NEW_TABLES = {"pillars", "pillar_links", "snippets", "snippet_adds", "pillar_teams", "objectives", "key_results"}


def counts(db) -> dict[str, int]:
    return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in db.table_names()}


def test_a_version_9_database_gains_pillars_and_okrs_and_keeps_every_row(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    old = sqlite3.connect(path)
    rows_before = {name: old.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                   for (name,) in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert old.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "9"
    old.close()

    store = Store(str(path))
    try:
        assert schema_version(store.db) == SCHEMA_VERSION
        assert NEW_TABLES <= set(store.db.table_names())
        after = counts(store.db)
        assert {name: after[name] for name in rows_before} == rows_before
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        store.close()
