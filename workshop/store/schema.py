"""Schema creation and migration, run at start-up.

``meta.schema_version`` records how far a database has been migrated; each
migration moves it up by one inside a transaction, so a database written by any
earlier version is brought up to date without loss.
"""
from __future__ import annotations

from typing import Callable

from sqlite_utils import Database


def _v1_foundation(db: Database) -> None:
    db["workshops"].create({
        "id": str, "code": str, "title": str, "context": str, "template": str,
        "phase": str, "settings": str, "facilitator_key_hash": str, "seq": int,
        "created_at": float, "archived_at": float,
    }, pk="id", not_null={"code", "title", "template", "phase", "facilitator_key_hash"},
        defaults={"seq": 0, "context": "", "settings": "{}", "phase": "lobby"})
    db["workshops"].create_index(["code"], unique=True)

    db["groups"].create({
        "id": str, "workshop_id": str, "name": str, "position": int, "revealed": int,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id")], defaults={"revealed": 0})
    db["groups"].create_index(["workshop_id", "position"])

    db["participants"].create({
        "id": str, "workshop_id": str, "name": str, "role": str, "experience": str,
        "group_id": str, "joined_at": float, "removed_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id"), ("group_id", "groups", "id")],
        defaults={"role": "", "experience": ""})
    db["participants"].create_index(["workshop_id"])
    db["participants"].create_index(["group_id"])

    db["cards"].create({
        "id": str, "workshop_id": str, "participant_id": str, "group_id": str,
        "column": str, "text": str, "created_at": float, "updated_at": float,
    }, pk="id", foreign_keys=[
        ("workshop_id", "workshops", "id"), ("participant_id", "participants", "id"),
        ("group_id", "groups", "id"),
    ], not_null={"workshop_id", "column", "text"})
    db["cards"].create_index(["workshop_id", "group_id"])

    db["events"].create({
        "workshop_id": str, "seq": int, "kind": str, "audience": str, "data": str, "at": float,
    }, pk=("workshop_id", "seq"), foreign_keys=[("workshop_id", "workshops", "id")])


def _v2_clusters_and_votes(db: Database) -> None:
    db["clusters"].create({
        "id": str, "workshop_id": str, "name": str, "position": int, "created_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id")], not_null={"workshop_id", "name"})
    db["clusters"].create_index(["workshop_id", "position"])
    # Raw SQL for ON DELETE CASCADE, which sqlite-utils cannot declare: a card
    # deleted (back in collect) or a cluster deleted leaves no dangling membership.
    db.execute("""
        CREATE TABLE cluster_cards (
            card_id TEXT PRIMARY KEY REFERENCES cards(id) ON DELETE CASCADE,
            cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            added_at FLOAT NOT NULL
        )""")
    db["cluster_cards"].create_index(["cluster_id"])

    db["votes"].create({
        "id": str, "workshop_id": str, "status": str, "dots_per_participant": int, "max_per_item": int,
        "own_items": int, "items": str, "ranking": str, "opened_at": float, "closed_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id")], not_null={"workshop_id", "status", "items"})
    db["votes"].create_index(["workshop_id", "opened_at"])

    db["dots"].create({
        "id": str, "vote_id": str, "workshop_id": str, "participant_id": str, "item_id": str, "placed_at": float,
    }, pk="id", foreign_keys=[("vote_id", "votes", "id"), ("workshop_id", "workshops", "id"),
                              ("participant_id", "participants", "id")],
        not_null={"vote_id", "workshop_id", "participant_id", "item_id"})
    db["dots"].create_index(["vote_id", "participant_id"])


# Append new migrations; never edit one that has shipped.
MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_foundation,
    _v2_clusters_and_votes,
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    if not db["meta"].exists():
        return 0
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: Database) -> int:
    """Bring the database up to SCHEMA_VERSION; return the version it started at."""
    start = schema_version(db)
    if start > SCHEMA_VERSION:
        raise RuntimeError(f"database schema {start} is newer than this Bowtie ({SCHEMA_VERSION})")
    for version in range(start + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            if not db["meta"].exists():
                db["meta"].create({"key": str, "value": str}, pk="key")
            MIGRATIONS[version - 1](db)
            db["meta"].upsert({"key": "schema_version", "value": str(version)}, pk="key")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return start
