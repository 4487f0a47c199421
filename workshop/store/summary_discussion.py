"""Summary sections of the discussion: topics with their time-box log and Elmos,
notes and actions, and polls with every round and its agreement."""
from __future__ import annotations

import time

from ..domain import polls as poll_rules
from ..domain import topics as topic_rules
from . import notes, polls, topics
from .events import Tx
from .workshops import Workshop


def discussion(tx: Tx, workshop: Workshop, model: dict) -> dict:
    now = time.time()
    cluster_names = {c["id"]: c["name"] for c in model.get("clusters", [])}
    actions = notes.all_actions(tx, workshop.id)
    rows = tx.query("SELECT * FROM topics WHERE workshop_id = ? ORDER BY position, created_at, id", [workshop.id])
    out = []
    for row in rows:
        log = topics.elmo_log(tx, row["id"])
        out.append({
            "id": row["id"], "step_id": row["step_id"], "title": row["title"], "cluster_id": row["cluster_id"],
            "cluster": cluster_names.get(row["cluster_id"], ""), "position": row["position"],
            "planned": row["planned"], "spent": round(topics.timer_of(row).spent_by(now), 1),
            "timer_state": row["timer_state"], "elmos": topics.elmos_thrown(tx, row["id"]), "elmo_log": log,
            "notes": {k: row[k] or "" for k in topic_rules.NOTE_FIELDS},
            "actions": [a for a in actions if a["topic_id"] == row["id"]],
        })
    every_poll = polls.all_polls(tx, workshop.id)
    titles = {t["id"]: t["title"] for t in out}
    made_in = {r["id"]: r["step_id"] for r in tx.query("SELECT id, step_id FROM polls WHERE workshop_id = ?",
                                                        [workshop.id])}
    for poll in every_poll:
        poll["step_id"] = made_in.get(poll["id"])
        poll["topic"] = titles.get(poll["topic_id"], "")
        poll["cluster"] = cluster_names.get(poll["cluster_id"], "")
    _count_answers(tx, workshop.id, model["participants"])
    return {"topics": out, "actions": actions, "polls": every_poll, "decisions": poll_rules.decisions(every_poll)}


def _count_answers(tx: Tx, workshop_id: str, people: list[dict]) -> None:
    given = {r["participant_id"]: r["n"] for r in tx.query(
        "SELECT a.participant_id, COUNT(*) AS n FROM poll_answers a JOIN poll_rounds r ON r.id = a.round_id "
        "WHERE r.workshop_id = ? GROUP BY a.participant_id", [workshop_id])}
    for person in people:
        person["answers"] = given.get(person["id"], 0)
        person["contributions"] += person["answers"]
