"""Where Socket.IO meets the store: one wrapper for every client event.

Each handler is declared with its event name, payload shape and who may send
it (``Area.on``). The wrapper finds the sender's seat, checks their role,
parses the payload, turns every domain error into an error ack, and after a
successful commit emits the recorded events to their rooms. Handlers stay a
few lines long: ``change_in`` and ``change_by`` load who is asking.

An event name nobody declared is counted by the same rate limit and answered
``unknown_event`` (Socket.IO's catch-all handler), so a client is owed exactly
one reply for every event it sends with an acknowledgement.
"""
from __future__ import annotations

import logging
import time
from typing import Any, Callable, TypeVar

from flask import request
from flask_socketio import SocketIO

from ..config import Config
from ..domain.errors import DomainError, Forbidden, InvalidInput
from ..shapes import parse
from ..store import Event, Store, Tx, attendance, people, workshops
from ..tokens import Signer
from .area import ANYONE, FACILITATOR, MEMBER, PARTICIPANT, Area, Declared, Handler
from .backlog import Backlog
from .doorway import Doorway
from .guard import GuessGuard, WrongCode
from .join_throttle import JoinThrottle
from .pacer import Pacer
from .presence import Presence, Seat
from .presence_diff import DIFF, PresenceDiffs
from .rooms import copies, facilitators_room
from .wire import CATCH_ALL, RENAMED_STAR, UNREADABLE

log = logging.getLogger("bowtie.realtime")
T = TypeVar("T")

__all__ = ["ANYONE", "FACILITATOR", "MEMBER", "PARTICIPANT", "Edge", "ok", "error"]


class NotJoined(DomainError):
    code = "not_joined"
    status = 401


class TooFast(DomainError):
    code = "too_fast"
    status = 429


class UnknownEvent(DomainError):
    code = "unknown_event"


def current_sid() -> str:
    """The Socket.IO session of the event being handled (Flask-SocketIO puts it on the request)."""
    return request.sid  # type: ignore[attr-defined]


def ok(**reply: Any) -> dict:
    return {"ok": True, **reply}


def error(code: str, message: str, field: str | None = None) -> dict:
    return {"ok": False, "error": {"code": code, "message": message, **({"field": field} if field else {})}}


class Bucket:
    """A token bucket: a burst, then a steady rate of events per second.

    Refused events are strikes, which drain at the same rate: a person who hits
    the limit now and then never builds up to a disconnect over a long session,
    while a script sending far faster than the rate does within a second."""
    __slots__ = ("tokens", "stamp", "strikes")

    def __init__(self, burst: int):
        self.tokens = float(burst)
        self.stamp = time.monotonic()
        self.strikes = 0.0

    def take(self, rate: float, burst: int) -> bool:
        now = time.monotonic()
        earned = (now - self.stamp) * rate
        self.tokens = min(burst, self.tokens + earned)
        self.strikes = max(0.0, self.strikes - earned)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        self.strikes += 1
        return False

    def refilled(self, rate: float, burst: int) -> bool:
        """Whether this bucket would be full by now: forgetting it changes nothing."""
        return self.tokens + (time.monotonic() - self.stamp) * rate >= burst


class Edge:
    def __init__(self, socketio: SocketIO, store: Store, config: Config, presence: Presence, signer: Signer,
                 guesses: GuessGuard):
        self.socketio = socketio
        self.store = store
        self.config = config
        self.presence = presence
        self.signer = signer
        self.guesses = guesses
        self._buckets: dict[str, Bucket] = {}
        self._people: dict[str, Bucket] = {}  # participant id -> one budget across their sockets
        self.declared: dict[str, Declared] = {}
        self.backlog = Backlog(socketio, config.max_backlog)
        self.doorway = Doorway(config.join_grace)
        self.joins = JoinThrottle(config.joins_per_address_per_minute, config.browser_join_interval)
        self.pacers: dict[str, Pacer] = {}  # paced announcements an area keeps (see pacer.py)
        self.presence_diffs = PresenceDiffs(socketio, config.presence_interval, lambda workshop_id, diff: (
            socketio.emit(DIFF, diff, to=facilitators_room(workshop_id))))
        self.after_broadcast: list[Callable[[str], None]] = []  # called with each changed workshop's id
        self._answer_unknown_events()

    # -- declaring handlers -------------------------------------------------
    def bind(self, area: Area) -> None:
        """Register an area's declared handlers with Socket.IO, on this edge."""
        for setup in area.setups:
            setup(self)
        for declaration in area.declarations:
            self._register(declaration.event, declaration.handler)

    def _register(self, event: Declared, fn: Handler) -> None:
        def handler(*payloads: Any) -> dict:
            # Socket.IO lets a client send any number of arguments; a fixed
            # signature would raise before the wrapper could owe an ack.
            return self._handle(event, fn, payloads)
        handler.__name__ = fn.__name__
        self.socketio.on_event(event.name, handler)
        self.declared[event.name] = event

    def _answer_unknown_events(self) -> None:
        def unknown(name: Any, *payloads: Any) -> dict:
            shown = CATCH_ALL if name == RENAMED_STAR else str(name)[:100]
            event = Declared(shown, None, ANYONE)

            def refuse(_edge: Edge, _seat: Seat | None, _message: None) -> dict:
                raise UnknownEvent(f"the server knows no event named {event.name!r}")
            return self._handle(event, refuse, payloads)
        self.socketio.on_event(CATCH_ALL, unknown)

    def _handle(self, event: Declared, fn: Handler, payloads: tuple) -> dict:
        sid = current_sid()
        try:
            self._throttle(sid)
            if len(payloads) > 1:
                raise InvalidInput("send one payload object")
            payload = payloads[0] if payloads else None
            if payload is UNREADABLE:
                raise InvalidInput("the payload is nested too deeply")
            seat = self._seat_for(sid, event.who)
            if seat is not None and seat.participant_id:
                self._throttle_person(seat.participant_id)
            message = parse(event.shape, payload) if event.shape else None
            return fn(self, seat, message)
        except WrongCode as exc:
            answer = self.guesses.answer(request.remote_addr, exc)
            return error(answer.code, answer.message)
        except DomainError as exc:
            return error(exc.code, exc.message, exc.field)
        except Exception:  # an ack is owed even for our own bugs; the log keeps the detail
            log.exception("event %s failed", event.name)
            return error("internal", "something went wrong on the server; nothing was changed")

    def _seat_for(self, sid: str, who: str) -> Seat | None:
        if who == ANYONE:
            return None
        seat = self.presence.seat(sid)
        if seat is None:
            raise NotJoined("join a workshop first")
        if who == FACILITATOR and not seat.facilitator:
            raise Forbidden("only the facilitator can do that")
        if who == PARTICIPANT and seat.facilitator:
            raise Forbidden("only participants can do that")
        return seat

    def _throttle(self, sid: str) -> None:
        bucket = self._buckets.get(sid)
        if bucket is None:
            bucket = self._buckets[sid] = Bucket(self.config.event_burst)
        if bucket.take(self.config.events_per_second, self.config.event_burst):
            return
        if bucket.strikes > self.config.event_burst:
            # Far past a human pace for a long stretch: a script gone wrong or an attack.
            self.socketio.emit("error:flood", {"message": "too many messages; disconnected"}, to=sid)
            self.socketio.server.disconnect(sid, namespace="/")
            raise TooFast("too many messages for too long; disconnected")
        raise TooFast("slow down: too many messages in a short time")

    def _throttle_person(self, participant_id: str) -> None:
        """One budget for a person, however many sockets they open: a script with
        ten sockets, each under the per-socket rate, is still held to one person's
        pace. Refusals here never disconnect; the per-socket limit does that."""
        bucket = self._people.get(participant_id)
        if bucket is None:
            bucket = self._people[participant_id] = Bucket(self.config.person_event_burst)
        if not bucket.take(self.config.person_events_per_second, self.config.person_event_burst):
            raise TooFast("slow down: too many messages from you in a short time, on all your connections")

    def forget(self, sid: str, participant_id: str | None = None) -> None:
        """Drop a closed socket's budget, and the budget of a person whose last
        socket it was if it has refilled (so reconnecting never resets a budget)."""
        self._buckets.pop(sid, None)
        if participant_id is None or participant_id not in self._people:
            return
        if self._people[participant_id].refilled(self.config.person_events_per_second, self.config.person_event_burst):
            del self._people[participant_id]

    # -- changing state -----------------------------------------------------
    def change(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a write in the store, then send the events it recorded."""
        result, events = self.store.write(fn, *args)
        self.broadcast(events)
        return result

    def broadcast(self, events: list[Event]) -> None:
        for event in events:
            for copy in copies(event.workshop_id, event.audience, event.message()):
                skip = self.presence.sids_of(copy.skip_author) if copy.skip_author else None
                self.socketio.emit(event.kind, copy.message, to=copy.rooms, skip_sid=skip or None)
        if events:
            self.backlog.check()
        for workshop_id in {event.workshop_id for event in events}:
            for hook in self.after_broadcast:
                hook(workshop_id)

    # -- who is asking -------------------------------------------------------
    @staticmethod
    def asker(tx: Tx, seat: Seat) -> tuple[workshops.Workshop, dict | None]:
        """The asker's workshop, and the participant behind the seat (None for a
        facilitator), both as stored now: a participant may have been moved or
        removed (on any worker) since they joined."""
        if seat.facilitator:
            return workshops.load(tx, seat.workshop_id), None
        return people.with_workshop(tx, seat.workshop_id, seat.participant_id)

    def actor(self, tx: Tx, seat: Seat) -> tuple[workshops.Workshop, dict | None]:
        """The asker, as ``asker``, about to change something: a participant who acts
        is here in the running step (domain/attendance.py). Counted first, so that
        their own Elmo or poll answer counts them among the people present."""
        workshop, person = self.asker(tx, seat)
        if person is not None:
            attendance.acted(tx, workshop, person)
        return workshop, person

    def change_in(self, seat: Seat, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run the change ``fn(tx, workshop, *args, **kwargs)`` in the asker's workshop."""
        return self.change(lambda tx: fn(tx, self.actor(tx, seat)[0], *args, **kwargs))

    def change_by(self, seat: Seat, fn: Callable[..., T], *args: Any) -> T:
        """Run the change ``fn(tx, workshop, person, *args)`` by the asking participant."""
        return self.change(lambda tx: fn(tx, *self.actor(tx, seat), *args))

    def connected(self, seat: Seat) -> set[str]:
        """The participants of the asker's workshop connected to this process."""
        return self.presence.connected(seat.workshop_id)

    def read_in(self, seat: Seat, fn: Callable[..., T], *args: Any) -> T:
        """Read ``fn(tx, workshop, *args)`` in the asker's workshop."""
        return self.store.read(lambda tx: fn(tx, self.asker(tx, seat)[0], *args))

