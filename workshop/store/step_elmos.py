"""Elmos on the running step, for steps with no topics (domain/step_elmo.py).

As with a topic's Elmos (store/topics.py), "people present" are those connected
(the edge passes them in) and here in the running step; the count last used is
kept per step, so that a snapshot shows the same threshold the room last saw.
"""
from __future__ import annotations

import time
from typing import Iterable

from ..domain import step_elmo as rules
from ..domain.agenda import Step
from ..domain.agenda import step_id as clean_step_id
from ..domain.viewer import Viewer
from . import attendance
from .events import Tx
from .steps import running_step
from .workshops import Workshop


def _throwers(tx: Tx, step_id: str) -> list[str]:
    # Only people still in the workshop: a removed person's Elmo stops counting.
    return [r["participant_id"] for r in tx.query(
        "SELECT e.participant_id FROM step_elmos e JOIN participants p ON p.id = e.participant_id"
        " WHERE e.step_id = ? AND e.withdrawn_at IS NULL AND p.removed_at IS NULL", [step_id])]


def _present(tx: Tx, step_id: str) -> int:
    row = tx.one("SELECT present FROM step_elmo_present WHERE step_id = ?", [step_id])
    return row["present"] if row else 0


def count(tx: Tx, step: Step) -> rules.ElmoCount:
    return rules.count(step, _throwers(tx, step.id), _present(tx, step.id))


def elmo_log(tx: Tx, step_id: str) -> list[dict]:
    """Every Elmo thrown on the step and when (never by whom)."""
    return tx.query("SELECT thrown_at, withdrawn_at FROM step_elmos WHERE step_id = ? ORDER BY id", [step_id])


def _standing(tx: Tx, step_id: str, participant_id: str) -> dict | None:
    return tx.one("SELECT id FROM step_elmos WHERE step_id = ? AND participant_id = ? AND withdrawn_at IS NULL",
                  [step_id, participant_id])


def throw(tx: Tx, workshop: Workshop, person: dict, step_id: object, connected: Iterable[str]) -> dict:
    """One Elmo per person per step: throwing again while one stands changes nothing (a retry)."""
    step = rules.require(running_step(tx, workshop.id), clean_step_id(step_id))
    if _standing(tx, step.id, person["id"]):
        return {"step_id": step.id, "mine": True, **count(tx, step).public()}
    tx.db.execute("INSERT INTO step_elmos (workshop_id, step_id, participant_id, thrown_at) VALUES (?, ?, ?, ?)",
                  [workshop.id, step.id, person["id"], time.time()])
    return {"step_id": step.id, "mine": True, **_changed(tx, workshop, step, connected)}


def withdraw(tx: Tx, workshop: Workshop, person: dict, step_id: object, connected: Iterable[str]) -> dict:
    step = rules.require(running_step(tx, workshop.id), clean_step_id(step_id))
    standing = _standing(tx, step.id, person["id"])
    if not standing:
        return {"step_id": step.id, "mine": False, **count(tx, step).public()}  # a retry
    tx.db.execute("UPDATE step_elmos SET withdrawn_at = ? WHERE id = ?", [time.time(), standing["id"]])
    return {"step_id": step.id, "mine": False, **_changed(tx, workshop, step, connected)}


def _changed(tx: Tx, workshop: Workshop, step: Step, connected: Iterable[str]) -> dict:
    """Keep the count of people present the threshold used, and tell the room."""
    present = attendance.present(tx, workshop.id, connected)
    tx.db.table("step_elmo_present").upsert({"step_id": step.id, "workshop_id": workshop.id, "present": present},
                                             pk="step_id")
    return _tell(tx, workshop, step)


def _tell(tx: Tx, workshop: Workshop, step: Step) -> dict:
    elmo = count(tx, step).public()
    tx.publish(workshop.id, "step:elmo_changed", {"step_id": step.id, "elmo": elmo})
    return elmo


def rethreshold(tx: Tx, workshop: Workshop, before: Step | None, after: Step | None) -> None:
    """The facilitator changed the running step's Elmo threshold: the room sees the new one at once."""
    if rules.has_step_elmo(after) and before is not None and after is not None and before.id == after.id \
            and rules.threshold(before, 100) != rules.threshold(after, 100):
        _tell(tx, workshop, after)


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """``step_elmo``: the running step's Elmos (None where the step takes none), with the viewer's own."""
    step = running_step(tx, workshop.id)
    if not rules.has_step_elmo(step):
        return {"step_elmo": None}
    assert step is not None
    mine = viewer.participant_id is not None and _standing(tx, step.id, viewer.participant_id) is not None
    return {"step_elmo": {"step_id": step.id, "elmo": count(tx, step).public(), "mine": mine}}


def summary(tx: Tx, workshop: Workshop, model: dict) -> dict:
    """``step_elmos``: per step that took Elmos, how many people threw one and when."""
    titles = {r["id"]: r["title"] for r in tx.query("SELECT id, title FROM steps WHERE workshop_id = ?", [workshop.id])}
    rows = tx.query("SELECT step_id, participant_id FROM step_elmos WHERE workshop_id = ? ORDER BY id", [workshop.id])
    steps: dict[str, list[str]] = {}
    for r in rows:
        steps.setdefault(r["step_id"], []).append(r["participant_id"])
    return {"step_elmos": [{"step_id": sid, "step": titles.get(sid, ""), "elmos": rules.elmos_thrown(throwers),
                            "elmo_log": elmo_log(tx, sid)} for sid, throwers in steps.items()]}
