"""Past workshops for organisers: list, archive, delete, compare."""
from __future__ import annotations

import time

from ..domain.errors import InvalidInput
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
    if not isinstance(archived, bool):
        raise InvalidInput("archived must be true or false")
    workshop = load(tx, workshop_id)
    stamp = (workshop.archived_at or time.time()) if archived else None
    tx.db.execute("UPDATE workshops SET archived_at = ? WHERE id = ?", [stamp, workshop.id])
    return {"id": workshop.id, "archived_at": stamp}


def delete(tx: Tx, workshop_id: str, confirm: object) -> dict[str, int]:
    """Delete every row of the workshop. ``confirm`` must repeat its join code, so that
    a script (or a slip of the hand) cannot delete the wrong one."""
    workshop = load(tx, workshop_id)
    if confirm != workshop.code:
        raise InvalidInput("to delete, confirm with the workshop's join code")
    return tables.delete_workshop(tx, workshop.id)


def compare(tx: Tx, workshop_ids: list[str] | None) -> list[dict]:
    """The figures of several workshops side by side (one consistent read)."""
    rows = []
    for listed in listing(tx, workshop_ids):
        rows.append({**listed, "analytics": summary(tx, listed["id"])["analytics"]})
    return rows
