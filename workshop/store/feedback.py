"""Closing feedback: one answer per participant, which they may change."""
from __future__ import annotations

import time
import uuid

from ..domain import audiences
from ..domain import feedback as rules
from ..domain.viewer import Viewer
from .events import Tx
from .steps import running_step
from .workshops import Workshop


def _scores(tx: Tx, workshop_id: str) -> list[int]:
    return [r["score"] for r in tx.query("SELECT score FROM feedback WHERE workshop_id = ?", [workshop_id])]


def give(tx: Tx, workshop: Workshop, person: dict, score: object, worked: object, did_not_work: object) -> dict:
    answer = rules.give_feedback(running_step(tx, workshop.id), score, worked, did_not_work)
    existing = tx.one("SELECT id FROM feedback WHERE participant_id = ?", [person["id"]])
    tx.db.table("feedback").upsert({
        "id": existing["id"] if existing else uuid.uuid4().hex, "workshop_id": workshop.id,
        "participant_id": person["id"], "group_id": person["group_id"], "score": answer.score,
        "worked": answer.worked, "did_not_work": answer.did_not_work, "given_at": time.time(),
    }, pk="id")
    # Facilitators see the running figures, never who answered what.
    tx.publish(workshop.id, "feedback:given", {"feedback": rules.figures(_scores(tx, workshop.id))},
               audience=audiences.FACILITATORS)
    return answer.__dict__.copy()


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """Snapshot: a participant's own answer; the facilitators' running figures."""
    if viewer.facilitator:
        return {"feedback": rules.figures(_scores(tx, workshop.id))}
    row = tx.one("SELECT score, worked, did_not_work FROM feedback WHERE participant_id = ? AND workshop_id = ?",
                 [viewer.participant_id, workshop.id])
    return {"my_feedback": row}
