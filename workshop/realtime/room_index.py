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
    """Several workers' rooms, over Redis."""
