"""Notes per topic in the briefing shape (current situation, desired state,
potential obstacles) and action items with an owner and an optional due date.
Edited by the facilitator, and by participants when the workshop allows it."""
from __future__ import annotations

import time

from ..domain import topics as rules
from ..domain.cards import client_id
from ..domain.errors import Conflict
from . import topics
from .events import Tx
from .workshops import Workshop

_ACTION = ("id", "topic_id", "text", "owner", "due", "done", "created_at", "updated_at")


def action_json(row: dict) -> dict:
    return {**{k: row[k] for k in _ACTION}, "done": bool(row["done"])}


def edit_notes(tx: Tx, workshop: Workshop, topic_id: object, changes: dict, *, facilitator: bool) -> dict:
    """Change some note fields; fields not sent stay as they are (last write wins per field)."""
    rules.may_edit_notes(facilitator, workshop.settings.participants_edit_notes)
    row = topics.load(tx, workshop, topic_id)
    clean = rules.notes(changes)
    notes = {k: row[k] for k in rules.NOTE_FIELDS}
    if all(notes[k] == v for k, v in clean.items()):
        return notes
    tx.db.table("topics").update(row["id"], clean)
    notes.update(clean)
    tx.publish(workshop.id, "notes:changed", {"topic_id": row["id"], "notes": notes})
    return notes


def save_action(tx: Tx, workshop: Workshop, topic_id: object, action_id: object, text: object, owner: object,
                due: object = None, done: object = False, *, facilitator: bool) -> dict:
    """Add an action item (a new client id) or change one."""
    rules.may_edit_notes(facilitator, workshop.settings.participants_edit_notes)
    aid = client_id(action_id)
    row = topics.load(tx, workshop, topic_id)
    item = rules.action(text, owner, due, done)
    fields = {"text": item.text, "owner": item.owner, "due": item.due, "done": int(item.done)}
    existing = tx.one("SELECT * FROM actions WHERE id = ?", [aid])
    if existing and (existing["workshop_id"] != workshop.id or existing["topic_id"] != row["id"]):
        raise Conflict("that action id is already taken")
    now = time.time()
    if existing:
        if all(existing[k] == v for k, v in fields.items()):
            return action_json(existing)
        tx.db.table("actions").update(aid, {**fields, "updated_at": now})
    else:
        tx.db.table("actions").insert({"id": aid, "workshop_id": workshop.id, "topic_id": row["id"],
                                       "created_at": now, "updated_at": now, **fields})
    saved = action_json(tx.row("SELECT * FROM actions WHERE id = ?", [aid]))
    tx.publish(workshop.id, "action:saved", {"action": saved})
    return saved


def delete_action(tx: Tx, workshop: Workshop, action_id: object, *, facilitator: bool) -> str:
    rules.may_edit_notes(facilitator, workshop.settings.participants_edit_notes)
    aid = client_id(action_id)
    row = tx.one("SELECT id, topic_id FROM actions WHERE id = ? AND workshop_id = ?", [aid, workshop.id])
    if row is None:
        return aid  # already gone: a retry
    tx.db.execute("DELETE FROM actions WHERE id = ?", [aid])
    tx.publish(workshop.id, "action:deleted", {"action_id": aid, "topic_id": row["topic_id"]})
    return aid


def all_actions(tx: Tx, workshop_id: str) -> list[dict]:
    return [action_json(r) for r in tx.query(
        "SELECT * FROM actions WHERE workshop_id = ? ORDER BY created_at", [workshop_id])]

