"""Cards: add, edit, delete (participants, their own) and reveal (facilitator)."""
from __future__ import annotations

from ..shapes import bounded, client_id, shape
from ..store import cards
from .area import FACILITATOR, PARTICIPANT, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class AddCard:
    id: str = client_id()
    column: str = client_id()
    text: str = bounded(2000)


@shape
class EditCard:
    id: str = client_id()
    text: str = bounded(2000)


@shape
class DeleteCard:
    id: str = client_id()


@shape
class Reveal:
    group_id: str | None = client_id(default=None)


@area.on("card:add", AddCard, who=PARTICIPANT)
def add_card(edge: Edge, seat: Seat, msg: AddCard) -> dict:
    return ok(card=edge.change_by(seat, cards.add, msg.id, msg.column, msg.text))


@area.on("card:edit", EditCard, who=PARTICIPANT)
def edit_card(edge: Edge, seat: Seat, msg: EditCard) -> dict:
    return ok(card=edge.change_by(seat, cards.edit, msg.id, msg.text))


@area.on("card:delete", DeleteCard, who=PARTICIPANT)
def delete_card(edge: Edge, seat: Seat, msg: DeleteCard) -> dict:
    return ok(card_id=edge.change_by(seat, cards.delete, msg.id))


@area.on("cards:reveal", Reveal, who=FACILITATOR)
def reveal_cards(edge: Edge, seat: Seat, msg: Reveal) -> dict:
    return ok(revealed_groups=edge.change_in(seat, cards.reveal, msg.group_id))
