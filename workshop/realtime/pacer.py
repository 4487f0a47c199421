"""Paced announcements: something derived from the store, sent a few times a
second however often it changes, and always once after the last change.

A storm of dots changes the vote's progress thousands of times a second;
facilitators need to see it move, not every step. ``poke(workshop_id)`` after
each committed change; the pacer runs ``send(workshop_id)`` (a store read of
the current figures, then an emit) at most once per ``interval``.

What the pacer keeps in memory is only when it last sent and whether a send is
already coming: the figures themselves are read from SQLite when sent. A send
lost to a restart loses nothing: facilitators get the figures in their snapshot
when they reconnect.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

log = logging.getLogger("bowtie.realtime")

# Workshops remembered for their last send: beyond this many, old entries go
# (forgetting one only means its next send may come a little sooner).
REMEMBERED = 1000


class Pacer:
    def __init__(self, socketio, interval: float, send: Callable[[str], None]):
        self.socketio = socketio
        self.interval = interval
        self._send = send
        self._lock = threading.Lock()
        self._coming: set[str] = set()       # workshops with a send scheduled and not yet begun
        self._sent_at: dict[str, float] = {}  # workshop -> monotonic time its last send began

    def poke(self, workshop_id: str) -> None:
        """Something changed (and is committed): make sure a send follows."""
        if self.interval <= 0:
            self._send(workshop_id)
            return
        with self._lock:
            if workshop_id in self._coming:
                return  # the coming send has not begun yet, so it will include this change
            self._coming.add(workshop_id)
            last = self._sent_at.get(workshop_id)
            delay = 0.0 if last is None else max(0.0, last + self.interval - time.monotonic())
        self.socketio.start_background_task(self._later, workshop_id, delay)

    def _later(self, workshop_id: str, delay: float) -> None:
        if delay > 0:
            self.socketio.sleep(delay)
        with self._lock:
            # Cleared before sending: a change committed from now on pokes a new
            # send, so the last change is always followed by one.
            self._coming.discard(workshop_id)
            self._sent_at[workshop_id] = time.monotonic()
            if len(self._sent_at) > REMEMBERED:
                oldest = min(self._sent_at, key=self._sent_at.__getitem__)
                del self._sent_at[oldest]
        try:
            self._send(workshop_id)
        except Exception:  # a background task has nobody to tell; the next poke retries
            log.exception("paced send for workshop %s failed", workshop_id)
