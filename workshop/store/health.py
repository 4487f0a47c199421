"""Is the database fit to serve? Checked at start-up and by ``/healthz``.

A damaged page or a read-only file used to let the server start and report
healthy while every join and write failed ``internal`` (issue 13, item 11).
"""
from __future__ import annotations

import time

from sqlite_utils import Database

from .events import Tx

# Problems quick_check lists that the message repeats: the first few say enough.
SHOWN_PROBLEMS = 3


class StorageUnfit(Exception):
    """The database cannot be served; the message says which file and why."""


def check_intact(db: Database, path: str) -> None:
    """``PRAGMA quick_check``: every page readable and well-formed (it skips
    the slow index-content checks of integrity_check, so start-up stays quick)."""
    problems = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    if problems != ["ok"]:
        shown = "; ".join(problems[:SHOWN_PROBLEMS])
        raise StorageUnfit(f"the database {path} is damaged (PRAGMA quick_check: {shown}). "
                           f"Restore the latest backup (python server.py backup PATH makes them)")


def probe(tx: Tx) -> None:
    """One small committed write: proves the file, its journal and the disk take writes."""
    tx.db.table("meta").upsert({"key": "write_probe", "value": repr(time.time())}, pk="key")


def check_writable(db: Database, path: str) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        probe(Tx(db))
        db.execute("COMMIT")
    except Exception as exc:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise StorageUnfit(f"the database {path} cannot be written ({exc}): check the file's "
                           f"permissions, the directory's (SQLite writes -wal and -shm beside it) and free space") from exc
