"""Socket.IO client managers that know each connection's rooms.

python-socketio finds a leaving connection's rooms by testing every room of the
server (``BaseManager.basic_disconnect``). A workshop of 3,000 people has some
6,600 rooms (one per connection, per participant and per group), so each
disconnect held the event loop ~0.85 ms, and a venue's Wi-Fi dropping everyone
at once held it for seconds, long enough for ping timeouts to drop more
(docs/performance.md). Here each connection's rooms are also indexed by
connection, and a disconnect leaves exactly those.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import socketio

from .rooms import participant_room, workshop_of_room

REMOVED = "participant:removed"

if TYPE_CHECKING:
    # To the type checker the mixin is the manager it extends (python-socketio
    # has no type information, so this is Any: super() and its fields resolve).
    from socketio import Manager as _Manager
else:
    _Manager = object


class RoomIndex(_Manager):
    """Mixed in before a python-socketio manager class (pinned in requirements.txt;
    tests/unit/test_room_index.py checks it against the stock manager)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._rooms_of: dict[tuple[str, str], set] = {}

    def basic_enter_room(self, sid, namespace, room, eio_sid=None):
        super().basic_enter_room(sid, namespace, room, eio_sid=eio_sid)
        self._rooms_of.setdefault((namespace, sid), set()).add(room)

    def basic_leave_room(self, sid, namespace, room):
        super().basic_leave_room(sid, namespace, room)
        rooms = self._rooms_of.get((namespace, sid))
        if rooms is not None:
            rooms.discard(room)
            if not rooms:
                del self._rooms_of[(namespace, sid)]

    def basic_disconnect(self, sid, namespace, **kwargs):
        if namespace not in self.rooms:
            return
        for room in list(self._rooms_of.get((namespace, sid), ())):
            self.basic_leave_room(sid, namespace, room)
        # The rest as BaseManager.basic_disconnect does it.
        self.callbacks.pop(sid, None)
        for pending in (self.pending_connect, self.pending_disconnect):
            if namespace in pending and sid in pending[namespace]:
                pending[namespace].remove(sid)
                if not pending[namespace]:
                    del pending[namespace]


class IndexedManager(RoomIndex, socketio.Manager):
    """One worker's rooms."""


class IndexedRedisManager(RoomIndex, socketio.RedisManager):
    """Several workers' rooms, over Redis.

    A participant removed on one worker must lose every connection, on every
    worker (issue 13, item 15): each worker hears ``participant:removed`` through
    the queue, and after passing it on closes that participant's connections it
    holds itself. Connections live only in their worker's memory, so the event
    everyone hears anyway is the one message that reaches them all."""

    def _handle_emit(self, message):
        super()._handle_emit(message)
        if message.get("event") == REMOVED:
            for namespace, sid in self._connections_of_removed(message):
                self.server.disconnect(sid, namespace=namespace, ignore_queue=True)

    def _connections_of_removed(self, message) -> list[tuple[str, str]]:
        data = message.get("data")
        if isinstance(data, list) and data:
            data = data[0]
        room = message.get("room")
        room = room[0] if isinstance(room, list) and room else room
        participant_id = data.get("participant_id") if isinstance(data, dict) else None
        workshop_id = workshop_of_room(room) if isinstance(room, str) else None
        if not (participant_id and workshop_id):
            return []
        namespace = message.get("namespace") or "/"
        return [(namespace, sid) for sid, _ in
                self.get_participants(namespace, participant_room(workshop_id, participant_id))]
