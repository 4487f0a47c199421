"""Migration 2 (clusters, votes, dots) upgrades a database written before it."""
import sqlite3

from sqlite_utils import Database

from workshop.store import Store
from workshop.store.schema import MIGRATIONS, schema_version


def test_a_version_1_database_gains_clusters_and_votes_and_keeps_its_workshops(tmp_path):
    path = str(tmp_path / "old.db")
    old = Database(sqlite3.connect(path))
    MIGRATIONS[0](old)
    old["meta"].insert({"key": "schema_version", "value": "1"}, pk="key")
    old["workshops"].insert({"id": "w1", "code": "ABC123", "title": "Before", "template": "start-stop-continue",
                             "phase": "cluster", "facilitator_key_hash": "x"})
    old.conn.commit()
    old.close()

    store = Store(path)
    try:
        assert schema_version(store.db) >= 2
        assert {"clusters", "cluster_cards", "votes", "dots"} <= set(store.db.table_names())
        assert store.db["workshops"].get("w1")["title"] == "Before"
    finally:
        store.close()
