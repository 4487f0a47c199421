"""Workshops: creation, lookup, facilitator keys, phase and settings."""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import uuid
from dataclasses import dataclass

from ..domain import workshop as rules
from ..domain.agenda_templates import starting_agenda
from ..domain.errors import Forbidden, NotFound
from .events import Tx
from .steps import insert_steps


@dataclass(frozen=True)
class Workshop:
    id: str
    code: str
    title: str
    context: str
    template: rules.Template
    phase: str
    settings: rules.Settings
    seq: int
    created_at: float
    archived_at: float | None

    def public(self) -> dict:
        """What every participant may know about the workshop."""
        return {
            "id": self.id, "code": self.code, "title": self.title, "context": self.context,
            "template": {"key": self.template.key, "title": self.template.title, "columns": [
                {"key": c.key, "title": c.title, "hint": c.hint} for c in self.template.columns]},
            "phase": self.phase, "settings": self.settings.__dict__.copy(),
        }


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _from_row(row: dict) -> Workshop:
    return Workshop(
        id=row["id"], code=row["code"], title=row["title"], context=row["context"] or "",
        template=rules.template(row["template"]), phase=row["phase"],
        settings=rules.Settings.from_dict(json.loads(row["settings"] or "{}")),
        seq=row["seq"], created_at=row["created_at"], archived_at=row["archived_at"],
    )


def create(tx: Tx, new: rules.NewWorkshop) -> dict:
    """Store a new workshop; return its id, join code and (once only) facilitator key."""
    key = secrets.token_urlsafe(24)
    code = rules.new_join_code()
    while tx.one("SELECT 1 FROM workshops WHERE code = ?", [code]):
        code = rules.new_join_code()
    workshop_id = uuid.uuid4().hex
    tx.db.table("workshops").insert({
        "id": workshop_id, "code": code, "title": new.title, "context": new.context,
        "template": new.template, "phase": "lobby", "settings": json.dumps(new.settings.__dict__),
        "facilitator_key_hash": _hash_key(key), "seq": 0, "created_at": time.time(),
    })
    insert_steps(tx.db.conn, workshop_id, starting_agenda(
        card_template=new.template, settings=new.settings, now=time.time(), new_id=lambda _: uuid.uuid4().hex))
    return {"id": workshop_id, "code": code, "facilitator_key": key}


def load(tx: Tx, workshop_id: object) -> Workshop:
    row = tx.one("SELECT * FROM workshops WHERE id = ?", [workshop_id]) if isinstance(workshop_id, str) else None
    if row is None:
        raise NotFound("no such workshop")
    return _from_row(row)


def by_code(tx: Tx, code: object) -> Workshop:
    row = tx.one("SELECT * FROM workshops WHERE code = ?", [rules.normalise_code(code)])
    if row is None:
        raise NotFound("no workshop has that code; check it with your facilitator")
    return _from_row(row)


def is_facilitator_key(tx: Tx, workshop_id: str, key: object) -> bool:
    row = tx.one("SELECT facilitator_key_hash FROM workshops WHERE id = ?", [workshop_id])
    return row is not None and isinstance(key, str) and hmac.compare_digest(row["facilitator_key_hash"], _hash_key(key))


def authorise_facilitator(tx: Tx, workshop_id: object, key: object) -> Workshop:
    workshop = load(tx, workshop_id)
    if not is_facilitator_key(tx, workshop.id, key):
        raise Forbidden("that facilitator key does not open this workshop")
    return workshop


def set_phase(tx: Tx, workshop: Workshop, phase: object) -> str:
    phase = rules.check_phase(phase)
    if phase != workshop.phase:
        tx.db.execute("UPDATE workshops SET phase = ? WHERE id = ?", [phase, workshop.id])
        tx.publish(workshop.id, "phase:changed", {"phase": phase, "previous": workshop.phase,
                                                  "resync": rules.changes_what_participants_see(workshop.phase, phase)})
    return phase


def change_settings(tx: Tx, workshop: Workshop, changes: dict) -> rules.Settings:
    settings = workshop.settings.changed(**changes)
    tx.db.execute("UPDATE workshops SET settings = ? WHERE id = ?", [json.dumps(settings.__dict__), workshop.id])
    # Settings decide who sees which card, so clients take a fresh snapshot.
    tx.publish(workshop.id, "settings:changed", {"settings": settings.__dict__})
    return settings
