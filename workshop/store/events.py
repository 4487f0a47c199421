"""The event log: every change a client may need to hear about, numbered per workshop.

Each event has an audience: ``all`` (everyone in the workshop), ``facilitators``,
``group:<id>`` (that group, and facilitators, who watch every board),
``author:<id>`` (that participant and facilitators: a blind card) or
``participant:<id>`` (that person only). The transport maps audiences to
Socket.IO rooms; a reconnecting client asks for the events it missed since the
last sequence number it saw.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, TypeVar

from sqlite_utils import Database

from .. import compact_json
from ..domain.viewer import Viewer

T = TypeVar("T")


@dataclass(frozen=True)
class Event:
    workshop_id: str
    seq: int
    kind: str
    audience: str
    data: dict

    def message(self) -> dict:
        """What goes over the wire: the data plus the workshop's sequence number."""
        return {**self.data, "seq": self.seq}


@dataclass
class Tx:
    """One transaction's handle: the database plus the events recorded so far."""
    db: Database
    events: list[Event] = field(default_factory=list)
    # A read transaction's answers to questions its parts all ask (the agenda, the
    # running step): it sees one state throughout, so a snapshot asks each once.
    # None in a write, whose own changes may alter the answer between two asks.
    kept: dict | None = None

    def publish(self, workshop_id: str, kind: str, data: dict, audience: str = "all") -> Event:
        row = self.db.execute(
            "UPDATE workshops SET seq = seq + 1 WHERE id = ? RETURNING seq", [workshop_id]
        ).fetchone()
        event = Event(workshop_id, row[0], kind, audience, data)
        self.db.execute(
            "INSERT INTO events (workshop_id, seq, kind, audience, data, at) VALUES (?, ?, ?, ?, ?, ?)",
            [workshop_id, event.seq, kind, audience, compact_json.dumps(data), time.time()],
        )
        self.events.append(event)
        return event

    @property
    def reading(self) -> bool:
        """A read transaction (which keeps answers, see ``once``)."""
        return self.kept is not None

    def once(self, key: Hashable, ask: Callable[[], T]) -> T:
        """``ask()``, asked once per read transaction (every time in a write)."""
        if self.kept is None:
            return ask()
        if key not in self.kept:
            self.kept[key] = ask()
        return self.kept[key]

    # Reads go to the connection itself: sqlite-utils' ``db.query`` wraps every
    # SELECT in a savepoint of its own (three statements instead of one), which
    # the store's transaction makes needless.
    def query(self, sql: str, params: Any = ()) -> list[dict]:
        cursor = self.db.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def one(self, sql: str, params: Any = ()) -> dict | None:
        cursor = self.db.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        row = cursor.fetchone()
        cursor.close()  # the statement is done with, even if it had more rows
        return None if row is None else dict(zip(names, row))

    def row(self, sql: str, params: Any = ()) -> dict:
        """The row of a query that always has one: an aggregate, or a row this
        transaction knows exists (``one`` is for a row that may be missing)."""
        row = self.one(sql, params)
        if row is None:
            raise LookupError(f"no row from {sql!r}")
        return row


# Events after which what a viewer may see has changed wholesale (a new group, a
# reveal, a new phase): a client that missed one needs a fresh snapshot.
RESYNC_KINDS = frozenset({"groups:formed", "participant:moved", "cards:revealed", "phase:changed",
                          "settings:changed", "participant:removed",
                          "workshop:imported"})


# The most events of a workshop (to any audience) that `sync` replays; past
# this a snapshot is smaller and quicker to apply. docs/protocol.md quotes it.
CATCH_UP_LIMIT = 1000


def events_since(tx: Tx, viewer: Viewer, since: int) -> list[Event] | None:
    """The events this viewer missed after ``since``, in order; None when a
    snapshot is needed instead (too many, one that changes what they see, or a
    ``since`` this log never reached: a restored backup, an imported copy)."""
    workshop = tx.one("SELECT seq FROM workshops WHERE id = ?", [viewer.workshop_id])
    if workshop is None or since > workshop["seq"]:
        return None
    rows = tx.query(
        "SELECT seq, kind, audience, data FROM events WHERE workshop_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        [viewer.workshop_id, since, CATCH_UP_LIMIT + 1],
    )
    if len(rows) > CATCH_UP_LIMIT:
        return None
    missed = [
        Event(viewer.workshop_id, r["seq"], r["kind"], r["audience"], json.loads(r["data"]))
        for r in rows
        if viewer.receives(r["audience"])
    ]
    if any(needs_snapshot(e.kind, e.data) for e in missed):
        return None
    return missed


def needs_snapshot(kind: str, data: dict) -> bool:
    """A wholesale change, unless the event itself says no snapshot is needed
    (``phase:changed`` between phases in which participants see the same cards)."""
    return kind in RESYNC_KINDS and data.get("resync") is not False
