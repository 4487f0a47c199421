"""Cards: add, edit, delete (participants, their own) and reveal (facilitator)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..store import cards
from .edge import FACILITATOR, PARTICIPANT, Edge, ok
from .presence import Seat


@dataclass
class AddCard:
    id: str = field(metadata={"max": 64})
    column: str = field(metadata={"max": 64})
    text: str = field(metadata={"max": 2000})


@dataclass
class EditCard:
    id: str = field(metadata={"max": 64})
    text: str = field(metadata={"max": 2000})


@dataclass
class DeleteCard:
    id: str = field(metadata={"max": 64})


@dataclass
class Reveal:
    group_id: str | None = field(default=None, metadata={"max": 64})


def register(edge: Edge) -> None:
    @edge.on("card:add", AddCard, who=PARTICIPANT)
    def add_card(seat: Seat, msg: AddCard) -> dict:
        card = edge.change(lambda tx: cards.add(
            tx, edge.workshop(tx, seat), edge.person(tx, seat), msg.id, msg.column, msg.text))
        return ok(card=card)

    @edge.on("card:edit", EditCard, who=PARTICIPANT)
    def edit_card(seat: Seat, msg: EditCard) -> dict:
        card = edge.change(lambda tx: cards.edit(
            tx, edge.workshop(tx, seat), edge.person(tx, seat), msg.id, msg.text))
        return ok(card=card)

    @edge.on("card:delete", DeleteCard, who=PARTICIPANT)
    def delete_card(seat: Seat, msg: DeleteCard) -> dict:
        card_id = edge.change(lambda tx: cards.delete(
            tx, edge.workshop(tx, seat), edge.person(tx, seat), msg.id))
        return ok(card_id=card_id)

    @edge.on("cards:reveal", Reveal, who=FACILITATOR)
    def reveal_cards(seat: Seat, msg: Reveal) -> dict:
        groups = edge.change(lambda tx: cards.reveal(tx, edge.workshop(tx, seat), msg.group_id))
        return ok(revealed_groups=groups)
