"""Joining, rejoining, facilitating, catching up, and leaving."""
from __future__ import annotations

from typing import Callable, TypeVar

from flask import request
from flask_socketio import join_room, leave_room

from ..domain.participants import arrival
from ..shapes import bounded, client_id, shape
from ..store import Tx, catch_up, people, workshops
from ..store.events import Event
from ..store.snapshot import snapshot
from .area import ANYONE, MEMBER, Area
from .edge import Edge, current_sid, ok
from .guard import look_up_code
from .presence import Seat
from .rooms import facilitators_room, group_room, participant_room, workshop_room

area = Area()
T = TypeVar("T")


@shape
class Join:
    code: str = bounded(40)
    name: str | None = bounded(200, default=None)
    role: str | None = bounded(200, default=None)
    experience: str | None = bounded(40, default=None)
    token: str | None = bounded(1000, default=None)
    # The page's own random id for this browser (localStorage), for the per-browser join throttle.
    browser: str | None = bounded(64, default=None)
    # With a token: the highest seq the client applied before it lost its connection. The
    # ack then carries what it missed instead of a snapshot, as `sync` would.
    since: int | None = None
    # Take the room's shared cards over HTTP (board_cards.py) rather than inline in the snapshot.
    shared_cards: bool = False


@shape
class Facilitate:
    workshop_id: str = client_id()
    key: str = bounded(200)


@shape
class Sync:
    since: int | None = None
    shared_cards: bool = False


def seat_participant(edge: Edge, sid: str, workshop_id: str, person: dict) -> Seat:
    seat = Seat(workshop_id, person["id"], False, person["group_id"])
    came_online = edge.presence.sit(sid, seat)
    edge.doorway.seated(sid)
    for room in (workshop_room(workshop_id), participant_room(workshop_id, person["id"])):
        join_room(room)
    if person["group_id"]:
        join_room(group_room(workshop_id, person["group_id"]))
    if came_online:
        # Not to the joining connection itself: its ack's `online` already lists them.
        announce_presence(edge, seat, True, skip_sid=sid)
    return seat


def announce_presence(edge: Edge, seat: Seat, online: bool, skip_sid: str | None = None) -> None:
    """The person's group hears at once; the facilitators in a paced diff (presence_diff.py)."""
    assert seat.participant_id is not None
    if seat.group_id:
        edge.socketio.emit("presence", {"participant_id": seat.participant_id, "online": online},
                           to=group_room(seat.workshop_id, seat.group_id), skip_sid=skip_sid)
    edge.presence_diffs.note(seat.workshop_id, seat.participant_id, online)


def with_online(edge: Edge, state: dict) -> dict:
    listed = state.get("participants") or (state.get("group") or {}).get("members") or []
    state["online"] = edge.presence.online([p["id"] for p in listed])
    return state


@area.on("join", Join, who=ANYONE)
def join(edge: Edge, _seat: None, msg: Join) -> dict:
    def enter(tx: Tx) -> tuple[workshops.Workshop, dict, str]:
        workshop = look_up_code(tx, msg.code)
        if msg.token:
            identity = edge.signer.read(msg.token, workshop.id)
            return workshop, people.participant(tx, workshop.id, identity.participant_id), msg.token
        person = people.join(tx, workshop, arrival(msg.name, msg.role, msg.experience))
        return workshop, person, edge.signer.issue(workshop.id, person["id"])

    if msg.token:
        # Coming back changes nothing stored: a read, which never queues behind a
        # commit (a reconnect storm is thousands of these at once).
        workshop, person, token = edge.store.read(enter)
    else:
        workshop, person, token = new_identity(edge, msg, enter)
    seat = seat_participant(edge, current_sid(), workshop.id, person)
    if msg.token and msg.since is not None:
        caught_up = edge.store.read(catch_up.returning, seat.viewer, msg.since)
        if caught_up is not None:
            seated, missed = caught_up
            # Presence is not in the log: who is online now comes with the events.
            return ok(participant={**seated["me"], "token": token, "group": seated["group"]}, events=replay(missed),
                      online=with_online(edge, seated)["online"])
    state = edge.store.read(snapshot, seat.viewer, msg.shared_cards)
    return ok(participant={**state["me"], "token": token, "group": state["group"]}, state=with_online(edge, state))


def new_identity(edge: Edge, msg: Join, enter: Callable[[Tx], T]) -> T:
    """A join without a token, held to human rates (join_throttle.py): charged to the
    client's address and browser (its socket when it names none), refunded if it fails."""
    ticket = edge.joins.admit(request.remote_addr, f"browser:{msg.browser}" if msg.browser else f"sid:{current_sid()}")
    try:
        return edge.change(enter)
    except Exception:
        edge.joins.refund(ticket)
        raise


@area.on("facilitate", Facilitate, who=ANYONE)
def facilitate(edge: Edge, _seat: None, msg: Facilitate) -> dict:
    workshop = edge.store.read(workshops.authorise_facilitator, msg.workshop_id, msg.key)
    seat = Seat(workshop.id, None, True)
    edge.presence.sit(current_sid(), seat)
    edge.doorway.seated(current_sid())
    join_room(workshop_room(workshop.id))
    join_room(facilitators_room(workshop.id))
    return ok(state=with_online(edge, edge.store.read(snapshot, seat.viewer)))


@area.on("sync", Sync, who=MEMBER)
def sync(edge: Edge, seat: Seat, msg: Sync) -> dict:
    """Catch up after a reconnect or a missed event: the events since ``since``
    when they are few and change nothing wholesale, else a fresh snapshot."""
    if not seat.facilitator:
        seat = refresh_rooms(edge, seat)
    if msg.since is not None:
        missed = edge.store.read(catch_up.missed, seat.viewer, msg.since)
        if missed is not None:
            return ok(events=replay(missed))
    return ok(state=with_online(edge, edge.store.read(snapshot, seat.viewer, msg.shared_cards)))


def replay(missed: list[Event]) -> list[dict]:
    return [{"event": e.kind, "data": e.message()} for e in missed]


def refresh_rooms(edge: Edge, seat: Seat) -> Seat:
    """Follow a move between groups (possibly made on another worker)."""
    person = edge.store.read(people.participant, seat.workshop_id, seat.participant_id)
    if person["group_id"] != seat.group_id:
        if seat.group_id:
            leave_room(group_room(seat.workshop_id, seat.group_id))
        if person["group_id"]:
            join_room(group_room(seat.workshop_id, person["group_id"]))
        seat = edge.presence.move(current_sid(), person["group_id"])
    return seat


def turn_away(edge: Edge) -> list[str]:
    """Close the sessions that have neither joined nor facilitated within the grace (see doorway.py)."""
    late = edge.doorway.overstayed()
    for sid in late:
        edge.socketio.server.disconnect(sid, namespace="/")
    return late


@area.setup
def turn_away_idle_sessions(edge: Edge) -> None:
    def sweep() -> None:
        while (wait := edge.doorway.next_look()) is not None:
            edge.socketio.sleep(wait)
            turn_away(edge)

    @edge.socketio.on("connect")
    def connect(*_auth: object) -> None:
        if edge.doorway.arrived(current_sid()):
            edge.socketio.start_background_task(sweep)


@area.setup
def announce_leaving(edge: Edge) -> None:
    @edge.socketio.on("disconnect")
    def disconnect(*_reason: object) -> None:
        edge.doorway.left(current_sid())
        seat, went_offline = edge.presence.leave(current_sid())
        edge.forget(current_sid(), seat.participant_id if seat and went_offline else None)
        if seat and went_offline:
            announce_presence(edge, seat, False)
