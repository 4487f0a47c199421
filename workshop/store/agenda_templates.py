"""The server's library of agenda templates: the three built-ins first, then those saved here.

Saved templates are rows of ``agenda_templates``, their steps as JSON (the steps
of ``AgendaTemplate.public``). A template may only name card templates this
server has; a workshop made from one gets steps of its own, so editing or
deleting a template never changes a workshop.
"""
from __future__ import annotations

import json
import time

from ..domain import agenda_templates as rules
from ..domain.agenda import Agenda
from ..domain.errors import NotFound
from . import card_templates
from .events import Tx


def _of(row: dict) -> rules.AgendaTemplate:
    return rules.from_dict({**row, "steps": json.loads(row["steps"])})


def saved(tx: Tx) -> list[rules.AgendaTemplate]:
    return [_of(r) for r in tx.query("SELECT * FROM agenda_templates ORDER BY title COLLATE NOCASE, key")]


def listing(tx: Tx) -> list[dict]:
    """Every agenda template of this server, the built-ins first."""
    return [t.public() for t in (*rules.BUILT_INS.values(), *saved(tx))]


def keys(tx: Tx) -> set[str]:
    return set(rules.BUILT_INS) | {r["key"] for r in tx.query("SELECT key FROM agenda_templates")}


def lookup(tx: Tx, key: str) -> rules.AgendaTemplate | None:
    if key in rules.BUILT_INS:
        return rules.BUILT_INS[key]
    row = tx.one("SELECT * FROM agenda_templates WHERE key = ?", [key])
    return _of(row) if row else None


def get(tx: Tx, key: str) -> rules.AgendaTemplate:
    found = lookup(tx, key)
    if found is None:
        raise NotFound(f"this server has no agenda template {key!r}")
    return found


def _steps(template: rules.AgendaTemplate) -> str:
    return json.dumps(template.public()["steps"])


def _insert(tx: Tx, template: rules.AgendaTemplate) -> dict:
    template.agenda.check_card_templates(card_templates.keys(tx))
    now = time.time()
    tx.db.execute("INSERT INTO agenda_templates (key, title, description, steps, created_at, updated_at)"
                  " VALUES (?, ?, ?, ?, ?, ?)",
                  [template.key, template.title, template.description, _steps(template), now, now])
    return template.public()


def create(tx: Tx, title: object, steps: object, description: object = "") -> dict:
    return _insert(tx, rules.agenda_template(title, steps, description=description, taken_keys=keys(tx)))


def save_from(tx: Tx, agenda: Agenda, title: object, description: object = "") -> dict:
    """"Save this agenda as a template": a workshop's steps as planned, none of what happened."""
    return _insert(tx, rules.save_as(agenda, title, taken_keys=keys(tx), description=description))


def update(tx: Tx, key: str, title: object, steps: object, description: object = "") -> dict:
    rules.check_editable(key)  # a built-in is refused as such, before "not found"
    get(tx, key)
    template = rules.edited(key, title, steps, description)
    template.agenda.check_card_templates(card_templates.keys(tx))
    tx.db.execute("UPDATE agenda_templates SET title = ?, description = ?, steps = ?, updated_at = ? WHERE key = ?",
                  [template.title, template.description, _steps(template), time.time(), key])
    return template.public()


def delete(tx: Tx, key: str) -> dict:
    rules.check_editable(key)
    get(tx, key)
    tx.db.execute("DELETE FROM agenda_templates WHERE key = ?", [key])
    return {"key": key}
