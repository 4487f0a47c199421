"""Cards: written, edited and deleted by their authors; revealed by the facilitator."""
from __future__ import annotations

import time

from ..domain import audiences
from ..domain import cards as rules
from ..domain.agenda import Step
from ..domain.errors import Conflict, NotFound
from ..domain.steps.collect import CollectSettings, check_card_limit
from ..domain.viewer import Viewer
from . import agenda
from .events import Tx
from .steps import running_step
from .workshops import Workshop

_FIELDS = "c.id, c.participant_id, c.group_id, c.\"column\", c.text, c.created_at, c.updated_at"


def card_json(row: dict) -> dict:
    return {k: row[k] for k in ("id", "participant_id", "group_id", "column", "text", "created_at", "updated_at")}


def seen_by(card: dict, viewer: Viewer) -> dict:
    """A card as this viewer may read it (its author's id for facilitators only)."""
    return rules.as_seen_by(card, facilitator=viewer.facilitator, viewer_id=viewer.participant_id)


def yours(card: dict, person: dict) -> dict:
    """A card as its author's acknowledgement carries it."""
    return rules.as_seen_by(card, facilitator=False, viewer_id=person["id"])


def _card(row: dict) -> rules.Card:
    return rules.Card(row["id"], row["participant_id"], row["group_id"], row["column"], row["text"])


def _hidden(workshop: Workshop, group_revealed: bool) -> bool:
    return rules.is_hidden(blind_writing=workshop.settings.blind_writing, phase=workshop.phase,
                           group_revealed=group_revealed)


def _group_revealed(tx: Tx, group_id: str | None) -> bool:
    row = tx.one("SELECT revealed FROM groups WHERE id = ?", [group_id]) if group_id else None
    return bool(row and row["revealed"])


def _audience(workshop: Workshop, card: rules.Card, tx: Tx) -> str:
    return rules.audience(card, hidden=_hidden(workshop, _group_revealed(tx, card.group_id)))


def _load(tx: Tx, workshop: Workshop, card_id: object) -> dict:
    row = tx.one(f"SELECT {_FIELDS} FROM cards c WHERE c.id = ? AND c.workshop_id = ?",
                 [rules.client_id(card_id), workshop.id])
    if row is None:
        raise NotFound("no such card")
    return row


def add(tx: Tx, workshop: Workshop, person: dict, card_id: object, column: object, text: object) -> dict:
    plan = agenda.load(tx, workshop.id)
    columns = agenda.columns_in(tx, workshop, plan)  # the running collect step's, not always the workshop's
    card = rules.write_card(plan.current, columns, card_id, person["id"], person["group_id"], column, text)
    existing = tx.one(f"SELECT {_FIELDS}, c.workshop_id FROM cards c WHERE c.id = ?", [card.id])
    if existing:
        # A retry of a card we already stored: acknowledge it again, change nothing.
        if existing["workshop_id"] == workshop.id and existing["participant_id"] == person["id"]:
            return yours(card_json(existing), person)
        raise Conflict("that card id is already taken")
    _check_limit(tx, workshop, card, plan.current)
    now = time.time()
    row = {"id": card.id, "workshop_id": workshop.id, "participant_id": card.participant_id,
           "group_id": card.group_id, "column": card.column, "text": card.text,
           "created_at": now, "updated_at": now}
    tx.db.execute('INSERT INTO cards (id, workshop_id, participant_id, group_id, "column", text, created_at, updated_at)'
                  " VALUES (:id, :workshop_id, :participant_id, :group_id, :column, :text, :created_at, :updated_at)", row)
    stored = card_json(row)
    tx.publish(workshop.id, "card:added", {"card": stored}, audience=_audience(workshop, card, tx))
    return yours(stored, person)


def _check_limit(tx: Tx, workshop: Workshop, card: rules.Card, step: Step | None) -> None:
    """The running collect step's card limits, against what this person wrote in it.
    A person's cards are always in their group (they move with them): the
    group's index finds them without reading the rest of the workshop's."""
    settings = step.settings if step and isinstance(step.settings, CollectSettings) else CollectSettings()
    written = tx.row('SELECT COUNT(*) AS n, COALESCE(SUM("column" = ?), 0) AS in_column FROM cards'
                     " WHERE workshop_id = ? AND group_id IS ? AND participant_id = ? AND step_id IS ?",
                     [card.column, workshop.id, card.group_id, card.participant_id, step and step.id])
    held = tx.row("SELECT COUNT(*) AS n FROM cards WHERE workshop_id = ?", [workshop.id])["n"]
    check_card_limit(settings, written["n"], written["in_column"], held)


def edit(tx: Tx, workshop: Workshop, person: dict, card_id: object, text: object) -> dict:
    row = _load(tx, workshop, card_id)
    card = rules.edit_card(running_step(tx, workshop.id), _card(row), person["id"], text)
    if card.text == row["text"]:
        return yours(card_json(row), person)
    now = time.time()
    tx.db.execute("UPDATE cards SET text = ?, updated_at = ? WHERE id = ?", [card.text, now, card.id])
    stored = {**card_json(row), "text": card.text, "updated_at": now}
    tx.publish(workshop.id, "card:edited", {"card": stored}, audience=_audience(workshop, card, tx))
    return yours(stored, person)


def delete(tx: Tx, workshop: Workshop, person: dict, card_id: object) -> str:
    try:
        row = _load(tx, workshop, card_id)
    except NotFound:
        # Deleting twice (a retry) is not an error: the card is gone either way.
        return rules.client_id(card_id)
    card = _card(row)
    rules.delete_card(running_step(tx, workshop.id), card, person["id"])
    tx.db.execute("DELETE FROM cards WHERE id = ?", [card.id])
    tx.publish(workshop.id, "card:deleted", {"card_id": card.id, "group_id": card.group_id},
               audience=_audience(workshop, card, tx))
    return card.id


def reveal(tx: Tx, workshop: Workshop, group_id: str | None) -> list[str]:
    """Reveal blind cards: of one group, or (group_id None) of every group."""
    if group_id is None:
        ids = [g["id"] for g in tx.query("SELECT id FROM groups WHERE workshop_id = ?", [workshop.id])]
    else:
        row = tx.one("SELECT id FROM groups WHERE id = ? AND workshop_id = ?", [group_id, workshop.id])
        if row is None:
            raise NotFound("no such group in this workshop")
        ids = [row["id"]]
    tx.db.conn.executemany("UPDATE groups SET revealed = 1 WHERE id = ?", [(g,) for g in ids])
    for gid in ids:
        cards = [card_json(r) for r in tx.query(
            f"SELECT {_FIELDS} FROM cards c WHERE c.group_id = ? ORDER BY c.created_at", [gid])]
        tx.publish(workshop.id, "cards:revealed", {"group_id": gid, "cards": cards}, audience=audiences.group(gid))
    return ids


def visible(tx: Tx, workshop: Workshop, viewer: Viewer) -> list[dict]:
    """Every card this viewer may read now, oldest first."""
    if viewer.facilitator:
        rows = tx.query(f"SELECT {_FIELDS} FROM cards c WHERE c.workshop_id = ? ORDER BY c.created_at",
                        [workshop.id])
        return [card_json(r) for r in rows]
    rows = tx.query(
        f"SELECT {_FIELDS}, g.revealed FROM cards c LEFT JOIN groups g ON g.id = c.group_id "
        "WHERE c.workshop_id = ? AND (c.participant_id = ? OR c.group_id = ?) ORDER BY c.created_at",
        [workshop.id, viewer.participant_id, viewer.group_id])
    return [card_json(r) for r in rows if rules.is_visible(
        _card(r), viewer_id=viewer.participant_id, viewer_group=viewer.group_id, facilitator=False,
        hidden=_hidden(workshop, bool(r["revealed"])))]


def as_now(tx: Tx, workshop_id: str, card_ids: set[str]) -> dict[str, dict]:
    """The cards among ``card_ids`` that still exist, as they are now, by id."""
    if not card_ids:
        return {}
    marks = ",".join("?" * len(card_ids))
    rows = tx.query(f"SELECT {_FIELDS} FROM cards c WHERE c.workshop_id = ? AND c.id IN ({marks})",
                    [workshop_id, *card_ids])
    return {r["id"]: card_json(r) for r in rows}
