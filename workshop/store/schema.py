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


def _organise(db: Database) -> None:
    """Closing feedback, and where carried starting material came from."""
    # Feedback is anonymous in every export: per-group figures read group_id, so
    # participant_id (kept only to let a person change their answer) can be dropped.
    # group_id has no foreign key: emptied groups are deleted when groups re-form.
    db["feedback"].create({
        "id": str, "workshop_id": str, "participant_id": str, "group_id": str, "score": int,
        "worked": str, "did_not_work": str, "given_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id"), ("participant_id", "participants", "id")],
        not_null={"workshop_id", "score"}, defaults={"worked": "", "did_not_work": ""})
    db["feedback"].create_index(["workshop_id"])
    db["feedback"].create_index(["participant_id"], unique=True)
    # No foreign key to the source workshop: it may be deleted later, the origin stays told.
    db["origins"].create({
        "item_id": str, "workshop_id": str, "kind": str, "source_workshop_id": str, "source_title": str,
        "source_item_id": str, "source_cluster": str, "source_group": str, "dots": int, "rank": int,
    }, pk="item_id", foreign_keys=[("workshop_id", "workshops", "id")], not_null={"workshop_id", "kind"},
        defaults={"source_cluster": "", "source_group": "", "dots": 0, "rank": 0})
    db["origins"].create_index(["workshop_id"])


# Append new migrations; never edit one that has shipped.
MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_foundation,
    _organise,
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
