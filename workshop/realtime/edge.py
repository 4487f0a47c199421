"""Where Socket.IO meets the store: one wrapper for every client event.

Each handler is declared with its event name, payload shape and who may send
it. The wrapper finds the sender's seat, checks their role, parses the payload,
turns every domain error into an error ack, and after a successful commit emits
the recorded events to their rooms. Handlers stay a few lines long.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, Callable

from flask import request
from flask_socketio import SocketIO

from ..config import Config
from ..domain.errors import DomainError, Forbidden, InvalidInput, NotFound
from ..store import Event, Store, Tx, people, workshops
from .backlog import Backlog
from .guard import GuessGuard, MalformedCode, UnknownCode, WrongCode
from .presence import Presence, Seat
from .rooms import rooms_for
from .shapes import parse
from .wire import UNREADABLE

log = logging.getLogger("bowtie.realtime")

ANYONE, PARTICIPANT, FACILITATOR, MEMBER = "anyone", "participant", "facilitator", "member"


class NotJoined(DomainError):
    code = "not_joined"


class TooFast(DomainError):
    code = "too_fast"


def current_sid() -> str:
    """The Socket.IO session of the event being handled. Flask-SocketIO sets
    ``request.sid`` at run time; Flask's own types do not know of it."""
    return request.sid  # type: ignore[attr-defined]


def ok(**reply: Any) -> dict:
    return {"ok": True, **reply}


def error(code: str, message: str) -> dict:
    return {"ok": False, "error": {"code": code, "message": message}}


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


@dataclass(frozen=True)
class Declared:
    """One client event as declared with ``Edge.on``: tests enumerate these."""
    name: str
    shape: type | None
    who: str


class Edge:
    def __init__(self, socketio: SocketIO, store: Store, config: Config, presence: Presence, signer):
        self.socketio = socketio
        self.store = store
        self.config = config
        self.presence = presence
        self.signer = signer
        self._buckets: dict[str, Bucket] = {}
        self.declared: dict[str, Declared] = {}
        self.guesses = GuessGuard(config.join_attempts_per_minute, wait_step=config.wrong_code_wait,
                                  sleep=socketio.sleep)
        self.backlog = Backlog(socketio, config.max_backlog)

    # -- declaring handlers -------------------------------------------------
    def on(self, name: str, shape: type | None = None, who: str = MEMBER):
        """Declare ``fn(seat, message) -> ack`` as the handler of event ``name``;
        ``seat`` is None for ANYONE, ``message`` None when there is no shape."""
        def declare(fn: Callable[..., dict]) -> Callable[..., dict]:
            def handler(*payloads: Any) -> dict:
                # Socket.IO lets a client send any number of arguments; a fixed
                # signature would raise before the wrapper could owe an ack.
                if len(payloads) > 1:
                    return error("invalid", "send one payload object")
                return self._handle(name, shape, who, fn, payloads[0] if payloads else None)
            handler.__name__ = fn.__name__
            self.socketio.on_event(name, handler)
            self.declared[name] = Declared(name, shape, who)
            return fn
        return declare

    def _handle(self, name: str, shape, who: str, fn, payload: Any) -> dict:
        sid = current_sid()
        try:
            self._throttle(sid)
            if payload is UNREADABLE:
                raise InvalidInput("the payload is nested too deeply")
            seat = self._seat_for(sid, who)
            message = parse(shape, payload) if shape else None
            return fn(seat, message)
        except WrongCode as exc:
            answer = self.guesses.answer(request.remote_addr, exc)
            return error(answer.code, answer.message)
        except DomainError as exc:
            return error(exc.code, exc.message)
        except Exception:  # an ack is owed even for our own bugs; the log keeps the detail
            log.exception("event %s failed", name)
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

    @staticmethod
    def look_up_code(tx: Tx, code: object) -> workshops.Workshop:
        """The workshop a join code opens. A wrong code raises ``WrongCode``,
        which the transport answers through the guessing guard (guard.py)."""
        try:
            return workshops.by_code(tx, code)
        except NotFound as exc:
            raise UnknownCode(exc.message) from None
        except InvalidInput as exc:
            raise MalformedCode(exc.message) from None

    def forget(self, sid: str) -> None:
        self._buckets.pop(sid, None)

    # -- changing state -----------------------------------------------------
    def change(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a write in the store, then send the events it recorded."""
        result, events = self.store.write(fn, *args)
        self.broadcast(events)
        return result

    def broadcast(self, events: list[Event]) -> None:
        for event in events:
            self.socketio.emit(event.kind, event.message(), to=rooms_for(event.workshop_id, event.audience))
        if events:
            self.backlog.check()

    # -- loading who is asking -------------------------------------------------
    @staticmethod
    def workshop(tx: Tx, seat: Seat) -> workshops.Workshop:
        return workshops.load(tx, seat.workshop_id)

    @staticmethod
    def person(tx: Tx, seat: Seat) -> dict:
        """The participant behind a seat, as stored now (they may have been moved or removed)."""
        return people.participant(tx, seat.workshop_id, seat.participant_id)
