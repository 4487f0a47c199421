"""Moderation: cards taken down and people removed by the facilitator.

A card taken down leaves the cards table, so no screen, snapshot, catch-up or
export can show it again; the facilitators' ``card:moderated`` event keeps who
wrote it and who took it down (and, when hidden rather than deleted, its text).
"""
from __future__ import annotations

from ..domain import audiences
from ..domain import moderation as rules
from ..domain.cards import client_id
from ..domain.errors import NotFound
from . import people
from .cards import _card, _group_revealed, _hidden, _load
from .events import Tx
from .workshops import Workshop


def take_down(tx: Tx, workshop: Workshop, card_id: object, action: object) -> dict:
    """Hide or delete any card, in any phase. A card already gone (a retry) acks again."""
    chosen = rules.action(action)
    try:
        row = _load(tx, workshop, card_id)
    except NotFound:
        return {"card_id": client_id(card_id), "action": chosen}
    card = _card(row)
    hidden = _hidden(workshop, _group_revealed(tx, card.group_id))
    tx.db.execute("DELETE FROM cards WHERE id = ?", [card.id])
    tx.publish(workshop.id, "card:moderated", rules.record(card, chosen), audience=audiences.FACILITATORS)
    tx.publish(workshop.id, "card:deleted", {"card_id": card.id, "group_id": card.group_id,
                                             "by": rules.BY_FACILITATOR},
               audience=rules.takedown_audience(card, hidden=hidden, phase=workshop.phase))
    return {"card_id": card.id, "action": chosen}


def remove_person(tx: Tx, workshop: Workshop, participant_id: object, with_cards: bool) -> dict:
    """Take a person out of the workshop, and (``with_cards``) hide every card they wrote."""
    person = people.participant(tx, workshop.id, participant_id)
    taken = 0
    if with_cards:
        for row in tx.query("SELECT id FROM cards WHERE workshop_id = ? AND participant_id = ? ORDER BY created_at",
                            [workshop.id, person["id"]]):
            take_down(tx, workshop, row["id"], rules.HIDE)
            taken += 1
    people.remove(tx, workshop, person["id"])
    return {"participant_id": person["id"], "cards_taken_down": taken}


def remove_people(tx: Tx, workshop: Workshop, participant_ids: list[str], with_cards: bool) -> list[dict]:
    """Remove several people at once, all or none. Someone already removed (a
    retry, or a second facilitator screen) is skipped; an unknown id refuses the lot."""
    removed = []
    for pid in rules.people_to_remove(participant_ids):
        row = tx.one("SELECT removed_at FROM participants WHERE id = ? AND workshop_id = ?", [pid, workshop.id])
        if row is None:
            raise NotFound(f"no participant {pid} in this workshop")
        if row["removed_at"] is None:
            removed.append(remove_person(tx, workshop, pid, with_cards))
    return removed
