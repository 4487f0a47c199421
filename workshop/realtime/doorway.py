"""Connections that have not yet joined or facilitated, turned away after a grace period.

An open Socket.IO session costs a descriptor and memory whether or not anyone
is behind it: 10,000 idle ones made newcomers' connects fail (issue 13, item 2).
A person joins within seconds of opening the page (the browser sends ``join``
or ``facilitate`` on connect), so a session that has sent neither after
``join_grace`` seconds is closed. A browser that is turned away reconnects and
joins like any dropped connection.

One sweeper runs while any session is waiting, and stops when none is: no
thread per connection, and none at all on a quiet server.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

# The sweeper looks again at least this often (seconds), so it notices soon that
# everyone has joined and stops.
LOOK_EVERY = 1.0


class Doorway:
    def __init__(self, grace: float, clock: Callable[[], float] = time.monotonic):
        self.grace = grace
        self._clock = clock
        self._lock = threading.Lock()
        self._waiting: dict[str, float] = {}  # sid -> when it connected
        self._sweeping = False

    def arrived(self, sid: str) -> bool:
        """Note a new session; True when a sweeper must be started for it."""
        if self.grace <= 0:
            return False
        with self._lock:
            self._waiting[sid] = self._clock()
            start, self._sweeping = not self._sweeping, True
            return start

    def seated(self, sid: str) -> None:
        """The session joined or facilitated: it may stay."""
        with self._lock:
            self._waiting.pop(sid, None)

    left = seated  # a session that closed is no longer waiting either

    def overstayed(self) -> list[str]:
        """The sessions past their grace (no longer tracked once returned)."""
        cutoff = self._clock() - self.grace
        with self._lock:
            late = [sid for sid, at in self._waiting.items() if at <= cutoff]
            for sid in late:
                del self._waiting[sid]
            return late

    def next_look(self) -> float | None:
        """Seconds until the sweeper should look again; None (and the sweeper
        stops) when no session is waiting."""
        with self._lock:
            if not self._waiting:
                self._sweeping = False
                return None
            first = min(self._waiting.values()) + self.grace - self._clock()
        return min(LOOK_EVERY, max(0.01, first))
