"""Who is here in the running step: "I'm here" and acting, one row per person per step.

The rule of who counts is the domain's (domain/attendance.py); the transport
says who is connected, and this module answers how many of those are present.
Each person's first row in a step is announced to them and the facilitators
(``presence:here``), so the control screen's "present n of connected m" stays live.
"""
from __future__ import annotations

import time
from typing import Iterable

from ..domain import attendance as rules
from ..domain import audiences
from ..domain.viewer import Viewer
from .events import Tx
from .steps import running_step
from .workshops import Workshop


def _step_key(tx: Tx, workshop_id: str) -> str:
    if tx.reading:
        step = running_step(tx, workshop_id)
        return rules.step_key(step.id if step else None)
    row = tx.one("SELECT id FROM steps WHERE workshop_id = ? AND state = 'running' AND removed = 0", [workshop_id])
    return rules.step_key(row["id"] if row else None)


def note(tx: Tx, workshop_id: str, participant_id: str, how: str) -> None:
    """Count a participant as here in the running step (once: later notes change nothing)."""
    # One statement, as every change of a participant starts here: the step key
    # (rules.step_key: the running step, else the lobby) is found by SQLite, and a
    # row only comes back when this note is the person's first in the step.
    added = tx.db.conn.execute(
        "INSERT OR IGNORE INTO attendance (workshop_id, step_id, participant_id, how, at) VALUES (?, COALESCE("
        "(SELECT id FROM steps WHERE workshop_id = ? AND state = 'running' AND removed = 0), ?), ?, ?, ?)"
        " RETURNING step_id",
        [workshop_id, workshop_id, rules.step_key(None), participant_id, how, time.time()]).fetchall()
    if added:
        tx.publish(workshop_id, "presence:here", {"participant_id": participant_id, "step_id": added[0][0] or None,
                                                  "how": how}, audience=audiences.author(participant_id))


def confirm(tx: Tx, workshop: Workshop, person: dict) -> dict:
    """The participant pressed "I'm here"."""
    note(tx, workshop.id, person["id"], rules.CONFIRMED)
    return {"here": True, "step_id": _step_key(tx, workshop.id) or None}


def acted(tx: Tx, workshop: Workshop, person: dict) -> None:
    """The participant changed something: acting in a step is being here."""
    note(tx, workshop.id, person["id"], rules.ACTED)


def here(tx: Tx, workshop_id: str) -> list[str]:
    """The participants who acted or confirmed in the running step, connected or not."""
    return [r["participant_id"] for r in tx.query(
        "SELECT participant_id FROM attendance WHERE workshop_id = ? AND step_id = ? ORDER BY at",
        [workshop_id, _step_key(tx, workshop_id)])]


def present(tx: Tx, workshop_id: str, connected: Iterable[str]) -> int:
    """People present for a quorum or the Elmo threshold (domain/attendance.py)."""
    return rules.present(connected, here(tx, workshop_id))


def ask(tx: Tx, workshop: Workshop) -> dict:
    """The facilitator asks who is here: every participant not yet counted sees "I'm here" again."""
    check = {"step_id": _step_key(tx, workshop.id) or None, "asked_at": time.time()}
    tx.publish(workshop.id, "presence:asked", check)
    return check


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """``here``: everyone counted in the running step (``here_step``), for a facilitator;
    a participant sees only themselves."""
    ids = here(tx, workshop.id)
    step = _step_key(tx, workshop.id) or None
    if viewer.facilitator:
        return {"here": ids, "here_step": step}
    return {"here": [viewer.participant_id] if viewer.participant_id in ids else [], "here_step": step}
