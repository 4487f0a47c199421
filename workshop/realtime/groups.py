"""Groups, formed by the facilitator: re-form, move one person, rename, remove."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_socketio import join_room, leave_room

from ..store import people
from .edge import FACILITATOR, Edge, ok
from .presence import Seat
from .rooms import group_room


@dataclass
class Reform:
    method: str = field(metadata={"max": 20})
    seed: int | None = None


@dataclass
class Move:
    participant_id: str = field(metadata={"max": 64})
    group_id: str | None = field(default=None, metadata={"max": 64})  # None: a new group


@dataclass
class Rename:
    group_id: str = field(metadata={"max": 64})
    name: str = field(metadata={"max": 200})


@dataclass
class Remove:
    participant_id: str = field(metadata={"max": 64})


def register(edge: Edge) -> None:
    presence = edge.presence

    def follow(participant_id: str, group_id: str | None) -> None:
        """Move this process's sockets of a participant into their new group room.
        (Sockets on other workers follow when their client syncs.)"""
        for sid in presence.sids_of(participant_id):
            seat = presence.seat(sid)
            if seat is None or seat.group_id == group_id:
                continue
            if seat.group_id:
                leave_room(group_room(seat.workshop_id, seat.group_id), sid=sid, namespace="/")
            if group_id:
                join_room(group_room(seat.workshop_id, group_id), sid=sid, namespace="/")
            presence.move(sid, group_id)

    @edge.on("groups:form", Reform, who=FACILITATOR)
    def form_groups(seat: Seat, msg: Reform) -> dict:
        def reform(tx):
            formed = people.reform(tx, edge.workshop(tx, seat), msg.method, msg.seed)
            return formed, people.participants(tx, seat.workshop_id)
        (formed, everyone), events = edge.store.write(reform)
        # Rooms first, so the announcement already reaches everyone in their new group.
        for person in everyone:
            follow(person["id"], person["group_id"])
        edge.broadcast(events)
        return ok(groups=formed, participants=everyone)

    @edge.on("participant:move", Move, who=FACILITATOR)
    def move_participant(seat: Seat, msg: Move) -> dict:
        moved = edge.change(lambda tx: people.move(tx, edge.workshop(tx, seat), msg.participant_id, msg.group_id))
        follow(moved["id"], moved["group_id"])
        return ok(participant=moved)

    @edge.on("group:rename", Rename, who=FACILITATOR)
    def rename_group(seat: Seat, msg: Rename) -> dict:
        return ok(group=edge.change(lambda tx: people.rename_group(tx, edge.workshop(tx, seat), msg.group_id, msg.name)))

    @edge.on("participant:remove", Remove, who=FACILITATOR)
    def remove_participant(seat: Seat, msg: Remove) -> dict:
        removed = edge.change(lambda tx: people.remove(tx, edge.workshop(tx, seat), msg.participant_id))
        for sid in presence.sids_of(removed["id"]):
            edge.socketio.server.disconnect(sid, namespace="/")
        return ok(participant_id=removed["id"])
