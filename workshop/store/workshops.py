"""Workshops: creation, lookup, facilitator keys, phase and settings."""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache

from ..domain import card_templates as card_rules
from ..domain import workshop as rules
from ..domain.agenda_templates import Opening, opening
from ..domain.errors import Forbidden, InvalidInput, NotFound
from ..domain.legacy_phases import phase_of
from . import agenda_templates, card_templates
from .events import Tx
from .steps import insert_steps


@dataclass(frozen=True)
class Workshop:
    id: str
    code: str
    title: str
    context: str
    template: card_rules.CardTemplate
    phase: str
    settings: rules.Settings
    seq: int
    created_at: float
    archived_at: float | None

    def public(self) -> dict:
        """What every participant may know about the workshop."""
        return {
            "id": self.id, "code": self.code, "title": self.title, "context": self.context,
            "template": template_json(self.template),
            "phase": self.phase, "settings": self.settings.__dict__.copy(),
        }


def template_json(template: card_rules.CardTemplate) -> dict:
    """A card template as screens read it (``hint``: the column's prompt)."""
    return {"key": template.key, "title": template.title, "columns": [
        {"key": c.key, "title": c.title, "hint": c.hint, "colour": getattr(c, "colour", None)}
        for c in template.columns]}


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def from_row(row: dict) -> Workshop:
    """A workshop from its row (which may carry other columns too)."""
    return Workshop(
        id=row["id"], code=row["code"], title=row["title"], context=row["context"] or "",
        template=card_template_of(row), phase=row["phase"],
        settings=_settings_of(row["settings"] or "{}"),
        seq=row["seq"], created_at=row["created_at"], archived_at=row["archived_at"],
    )


def card_template_of(row: dict) -> card_rules.CardTemplate:
    """The workshop's card template: its own copy when it came from the library
    (the library's may have changed or gone since), else the built-in."""
    if row.get("card_template"):
        return _template_of(row["card_template"])
    return card_rules.BUILT_INS[row["template"]]


# Every event loads its workshop: the stored settings and template are checked and
# built once per text, not per event (both are immutable).
@lru_cache(maxsize=256)
def _settings_of(text: str) -> rules.Settings:
    return rules.Settings.from_dict(json.loads(text))


@lru_cache(maxsize=256)
def _template_of(text: str) -> card_rules.CardTemplate:
    return card_rules.from_dict(json.loads(text))


def own_copy(template: card_rules.CardTemplate) -> str | None:
    """What ``workshops.card_template`` keeps: nothing for a built-in, the columns otherwise."""
    return None if template.built_in else json.dumps(template.public())


def _opening(tx: Tx, new: rules.NewWorkshop,
             columns_of: card_rules.CardTemplate | None) -> tuple[Opening, card_rules.CardTemplate]:
    """The new workshop's agenda, switches and card template, all checked against this server's libraries."""
    plan = agenda_templates.lookup(tx, new.agenda)
    if plan is None:
        raise InvalidInput(f"unknown agenda template {new.agenda!r}; choose one of "
                           f"{', '.join(sorted(agenda_templates.keys(tx)))}")
    start = opening(plan, card_template=new.template or (columns_of.key if columns_of else None),
                    settings=new.settings, chosen=new.chosen, now=time.time(), new_id=lambda _: uuid.uuid4().hex)
    template = columns_of if columns_of and not new.template else card_templates.lookup(tx, start.card_template)
    if template is None:
        raise InvalidInput(f"unknown template {start.card_template!r}; choose one of "
                           f"{', '.join(sorted(card_templates.keys(tx)))}")
    start.agenda.check_card_templates(card_templates.keys(tx) | {template.key})
    return start, template


def create(tx: Tx, new: rules.NewWorkshop, *, columns_of: card_rules.CardTemplate | None = None) -> dict:
    """Store a new workshop with its agenda (from ``new.agenda``, the first step
    running) and its own copy of its card template; return its id, join code and
    (once only) facilitator key. ``columns_of``: a template to take as it is when
    none was asked for (the next stage takes its source's)."""
    start, template = _opening(tx, new, columns_of)
    key = secrets.token_urlsafe(24)
    code = free_code(tx)
    workshop_id = uuid.uuid4().hex
    tx.db.table("workshops").insert({
        "id": workshop_id, "code": code, "title": new.title, "context": new.context,
        "template": template.key, "card_template": own_copy(template), "phase": phase_of(start.agenda.current),
        "settings": json.dumps(start.settings.__dict__),
        "facilitator_key_hash": _hash_key(key), "seq": 0, "created_at": time.time(),
    })
    insert_steps(tx.db.conn, workshop_id, start.agenda)
    return {"id": workshop_id, "code": code, "facilitator_key": key}


def free_code(tx: Tx) -> str:
    """A join code no workshop on this server has."""
    code = rules.new_join_code()
    while tx.one("SELECT 1 FROM workshops WHERE code = ?", [code]):
        code = rules.new_join_code()
    return code


def load(tx: Tx, workshop_id: object) -> Workshop:
    row = tx.one("SELECT * FROM workshops WHERE id = ?", [workshop_id]) if isinstance(workshop_id, str) else None
    if row is None:
        raise NotFound("no such workshop")
    return from_row(row)


def by_code(tx: Tx, code: object) -> Workshop:
    row = tx.one("SELECT * FROM workshops WHERE code = ?", [rules.normalise_code(code)])
    if row is None:
        raise NotFound("no workshop has that code; check it with your facilitator")
    return from_row(row)


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
    # Most settings decide who sees which card, so clients take a fresh snapshot.
    tx.publish(workshop.id, "settings:changed",
               {"settings": settings.__dict__, "resync": rules.Settings.need_a_snapshot(changes)})
    return settings
