"""Moderation (facilitator): take a card down, remove one person or several."""
from __future__ import annotations

from ..shapes import bounded, client_id, shape
from ..store import moderation
from .area import FACILITATOR, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class Moderate:
    card_id: str = client_id()
    action: str = bounded(20)


@shape
class Remove:
    participant_id: str = client_id()
    with_cards: bool = False


@shape
class RemoveSeveral:
    participant_ids: list[str] = client_id(default_factory=list)
    with_cards: bool = False


@area.on("card:moderate", Moderate, who=FACILITATOR)
def moderate_card(edge: Edge, seat: Seat, msg: Moderate) -> dict:
    return ok(**edge.change_in(seat, moderation.take_down, msg.card_id, msg.action))


@area.on("participant:remove", Remove, who=FACILITATOR)
def remove_participant(edge: Edge, seat: Seat, msg: Remove) -> dict:
    removed = edge.change_in(seat, moderation.remove_person, msg.participant_id, msg.with_cards)
    close_connections(edge, removed["participant_id"])
    return ok(**removed)


@area.on("participants:remove", RemoveSeveral, who=FACILITATOR)
def remove_participants(edge: Edge, seat: Seat, msg: RemoveSeveral) -> dict:
    removed = edge.change_in(seat, moderation.remove_people, msg.participant_ids,
                             msg.with_cards)
    for person in removed:
        close_connections(edge, person["participant_id"])
    return ok(removed=removed)


def close_connections(edge: Edge, participant_id: str) -> None:
    """Close a removed person's sockets on this worker (they get ``participant:removed`` first)."""
    for sid in edge.presence.sids_of(participant_id):
        edge.socketio.server.disconnect(sid, namespace="/")
