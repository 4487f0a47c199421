"""The server's library of card templates: the two built-ins first, then those saved here.

Built-ins live in the domain; saved templates are rows of ``card_templates``,
their columns as JSON. A workshop keeps its own copy of a saved template's
columns (``workshops.card_template``, written when it is created), so editing
or deleting a template here never changes a workshop that uses it.
The library belongs to the server, not to a workshop: no workshop's event log
records its changes, and nobody is sent them.
"""
from __future__ import annotations

import json
import time

from ..domain import agenda_templates as agenda_rules
from ..domain import card_templates as rules
from ..domain.errors import NotFound
from ..domain.workshop import Template
from .events import Tx


def _of(row: dict) -> rules.CardTemplate:
    return rules.from_dict({"key": row["key"], "title": row["title"], "columns": json.loads(row["columns"])})


def saved(tx: Tx) -> list[rules.CardTemplate]:
    return [_of(r) for r in tx.query("SELECT * FROM card_templates ORDER BY title COLLATE NOCASE, key")]


def listing(tx: Tx) -> list[dict]:
    """Every card template of this server, the built-ins first."""
    return [t.public() for t in (*rules.BUILT_INS.values(), *saved(tx))]


def keys(tx: Tx) -> set[str]:
    return set(rules.BUILT_INS) | {r["key"] for r in tx.query("SELECT key FROM card_templates")}


def lookup(tx: Tx, key: str) -> rules.CardTemplate | None:
    if key in rules.BUILT_INS:
        return rules.BUILT_INS[key]
    row = tx.one("SELECT * FROM card_templates WHERE key = ?", [key])
    return _of(row) if row else None


def in_workshop(tx: Tx, own: rules.CardTemplate, key: str | None) -> rules.CardTemplate | None:
    """A card template as a workshop uses it: its own copy when the key is its own
    (or none is named), else this server's built-in or library template."""
    if key is None or key == own.key:
        return own
    return lookup(tx, key)


def get(tx: Tx, key: str) -> rules.CardTemplate:
    found = lookup(tx, key)
    if found is None:
        raise NotFound(f"this server has no card template {key!r}")
    return found


def _insert(tx: Tx, template: rules.CardTemplate) -> dict:
    now = time.time()
    tx.db.execute("INSERT INTO card_templates (key, title, columns, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                  [template.key, template.title, _columns(template), now, now])
    return template.public()


def _columns(template: rules.CardTemplate) -> str:
    return json.dumps([c.public() for c in template.columns])


def create(tx: Tx, title: object, columns: object) -> dict:
    return _insert(tx, rules.card_template(title, columns, taken_keys=keys(tx)))


def save_from(tx: Tx, columns_of: Template, title: object) -> dict:
    """"Save these columns as a template": a workshop's columns, under a new title."""
    return _insert(tx, rules.save_as(columns_of, title, taken_keys=keys(tx)))


def update(tx: Tx, key: str, title: object, columns: object) -> dict:
    rules.check_editable(key)  # a built-in is refused as such, before "not found"
    get(tx, key)
    template = rules.edited(key, title, columns)
    tx.db.execute("UPDATE card_templates SET title = ?, columns = ?, updated_at = ? WHERE key = ?",
                  [template.title, _columns(template), time.time(), key])
    return template.public()


def delete(tx: Tx, key: str) -> dict:
    rules.check_editable(key)
    get(tx, key)
    rules.check_deletable(key, _agendas_using(tx, key), workshops_using=_workshops_using(tx, key))
    tx.db.execute("DELETE FROM card_templates WHERE key = ?", [key])
    return {"key": key}


def _agendas_using(tx: Tx, key: str) -> list[str]:
    rows = tx.query("SELECT * FROM agenda_templates ORDER BY title COLLATE NOCASE, key")
    return [r["title"] for r in rows
            if key in agenda_rules.from_dict({**r, "steps": json.loads(r["steps"])}).card_templates]


def _workshops_using(tx: Tx, key: str) -> int:
    """Unarchived workshops with a collect step on this template and no copy of their own of it."""
    return tx.row("SELECT count(DISTINCT s.workshop_id) AS n FROM steps s JOIN workshops w ON w.id = s.workshop_id"
                  " WHERE s.kind = 'collect' AND s.removed = 0 AND json_extract(s.settings, '$.card_template') = ?"
                  " AND w.template != ? AND w.archived_at IS NULL", [key, key])["n"]
