"""Presence for the facilitators, paced: who came online and who went offline
since their last `presence:diff`, a few times a second at most.

When the venue's Wi-Fi drops, thousands of connections close and open again
within seconds. Announcing each person to the facilitators' screens cost more
than the re-joins themselves (docs/performance.md, *Presence in a reconnect
storm*); a screen needs the list, not every step of it. A person's group still
hears each change at once (`presence`): a handful of people, who want to see a
teammate arrive.

What is pending lives in this process's memory, like presence itself: lost to
a restart, it is owed to nobody, since every connection is new then.
"""
from __future__ import annotations

import threading
from typing import Callable

from .pacer import Pacer

DIFF = "presence:diff"


class PresenceDiffs:
    def __init__(self, socketio, interval: float, send: Callable[[str, dict], None]):
        """``send(workshop_id, diff)`` emits a diff to that workshop's facilitators."""
        self._send = send
        self._lock = threading.Lock()
        self._pending: dict[str, dict[str, bool]] = {}  # workshop -> participant -> online
        self._pacer = Pacer(socketio, interval, self._flush)

    def note(self, workshop_id: str, participant_id: str, online: bool) -> None:
        with self._lock:
            changes = self._pending.setdefault(workshop_id, {})
            if changes.get(participant_id) is (not online):
                # Back to what the facilitators last heard (a blip shorter than the interval).
                del changes[participant_id]
            else:
                changes[participant_id] = online
        self._pacer.poke(workshop_id)

    def _flush(self, workshop_id: str) -> None:
        with self._lock:
            changes = self._pending.pop(workshop_id, {})
        if changes:
            self._send(workshop_id, {"online": [p for p, on in changes.items() if on],
                                     "offline": [p for p, on in changes.items() if not on]})
