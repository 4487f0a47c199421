"""Groups, formed by the facilitator: re-form, move one person, rename (removal: moderation.py)."""
from __future__ import annotations

from flask_socketio import join_room, leave_room

from ..shapes import bounded, client_id, shape
from ..store import Tx, people
from .area import FACILITATOR, Area
from .edge import Edge, ok
from .presence import Seat
from .rooms import group_room

area = Area()


@shape
class Reform:
    method: str = bounded(20)
    seed: int | None = None


@shape
class Move:
    participant_id: str = client_id()
    group_id: str | None = client_id(default=None)  # None: a new group


@shape
class Rename:
    group_id: str = client_id()
    name: str = bounded(200)


def follow(edge: Edge, participant_id: str, group_id: str | None) -> None:
    """Move this process's sockets of a participant into their new group room.
    (Sockets on other workers follow when their client syncs.)"""
    presence = edge.presence
    for sid in presence.sids_of(participant_id):
        seat = presence.seat(sid)
        if seat is None or seat.group_id == group_id:
            continue
        if seat.group_id:
            leave_room(group_room(seat.workshop_id, seat.group_id), sid=sid, namespace="/")
        if group_id:
            join_room(group_room(seat.workshop_id, group_id), sid=sid, namespace="/")
        presence.move(sid, group_id)


@area.on("groups:form", Reform, who=FACILITATOR)
def form_groups(edge: Edge, seat: Seat, msg: Reform) -> dict:
    def reform(tx: Tx) -> tuple[list[dict], list[dict]]:
        workshop, _ = edge.asker(tx, seat)
        return people.reform(tx, workshop, msg.method, msg.seed), people.participants(tx, workshop.id)
    (formed, everyone), events = edge.store.write(reform)
    # Rooms first, so the announcement already reaches everyone in their new group.
    for person in everyone:
        follow(edge, person["id"], person["group_id"])
    edge.broadcast(events)
    return ok(groups=formed, participants=everyone)


@area.on("participant:move", Move, who=FACILITATOR)
def move_participant(edge: Edge, seat: Seat, msg: Move) -> dict:
    moved = edge.change_in(seat, people.move, msg.participant_id, msg.group_id)
    follow(edge, moved["id"], moved["group_id"])
    return ok(participant=moved)


@area.on("group:rename", Rename, who=FACILITATOR)
def rename_group(edge: Edge, seat: Seat, msg: Rename) -> dict:
    return ok(group=edge.change_in(seat, people.rename_group, msg.group_id, msg.name))

