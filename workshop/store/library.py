"""Past workshops for organisers: list, archive, delete, compare."""
from __future__ import annotations

import time

from ..domain import library as rules
from . import tables
from .events import Tx
from .summary import summary
from .workshops import load

_LISTED = (
    "SELECT w.id, w.code, w.title, w.phase, w.created_at, w.archived_at, "
    "(SELECT COUNT(*) FROM participants p WHERE p.workshop_id = w.id AND p.removed_at IS NULL) AS participants, "
    "(SELECT COUNT(*) FROM cards c WHERE c.workshop_id = w.id) AS cards FROM workshops w")


def listing(tx: Tx, workshop_ids: list[str] | None) -> list[dict]:
    """The workshops with these ids (None: every workshop, for the admin), newest first."""
    if workshop_ids is None:
        return tx.query(f"{_LISTED} ORDER BY w.created_at DESC, w.id")
    if not workshop_ids:
        return []
    marks = ", ".join("?" for _ in workshop_ids)
    return tx.query(f"{_LISTED} WHERE w.id IN ({marks}) ORDER BY w.created_at DESC, w.id", list(workshop_ids))


def archive(tx: Tx, workshop_id: str, archived: object) -> dict:
    workshop = load(tx, workshop_id)
    stamp = rules.archived_at(archived, workshop.archived_at, time.time())
    tx.db.execute("UPDATE workshops SET archived_at = ? WHERE id = ?", [stamp, workshop.id])
    return {"id": workshop.id, "archived_at": stamp}


def delete(tx: Tx, workshop_id: str, confirm: object) -> dict[str, int]:
    """Delete every row of the workshop, once ``confirm`` repeats its join code."""
    workshop = load(tx, workshop_id)
    rules.confirm_deletion(confirm, workshop.code)
    return tables.delete_workshop(tx, workshop.id)


def compare(tx: Tx, workshop_ids: list[str] | None) -> list[dict]:
    """The figures of several workshops side by side (one consistent read)."""
    rows = []
    for listed in listing(tx, workshop_ids):
        rows.append({**listed, "analytics": summary(tx, listed["id"])["analytics"]})
    return rows
