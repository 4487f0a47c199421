"""Who is connected on this process: the only workshop state kept in memory.

A seat ties a Socket.IO session to a participant or a facilitator once they
have joined; every handler finds who is asking here, never in Flask's session.
"""
from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, replace

from ..domain.viewer import Viewer


# Slots: one seat per connection, thousands at once (no __dict__ each).
@dataclass(frozen=True, slots=True)
class Seat:
    workshop_id: str
    participant_id: str | None
    facilitator: bool
    group_id: str | None = None

    @property
    def viewer(self) -> Viewer:
        return Viewer(self.workshop_id, self.participant_id, self.group_id, self.facilitator)


class Presence:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seats: dict[str, Seat] = {}
        self._sids: dict[str, set[str]] = defaultdict(set)  # participant id -> sids

    def sit(self, sid: str, seat: Seat) -> bool:
        """Record a seat; True when this participant just came online."""
        with self._lock:
            self._leave(sid)
            self._seats[sid] = seat
            if seat.participant_id is None:
                return False
            first = not self._sids[seat.participant_id]
            self._sids[seat.participant_id].add(sid)
            return first

    def seat(self, sid: str) -> Seat | None:
        return self._seats.get(sid)

    def move(self, sid: str, group_id: str | None) -> Seat:
        with self._lock:
            seat = replace(self._seats[sid], group_id=group_id)
            self._seats[sid] = seat
            return seat

    def leave(self, sid: str) -> tuple[Seat | None, bool]:
        """Forget a session; return its seat and whether its person went offline."""
        with self._lock:
            return self._leave(sid)

    def _leave(self, sid: str) -> tuple[Seat | None, bool]:
        seat = self._seats.pop(sid, None)
        if seat is None or seat.participant_id is None:
            return seat, False
        sids = self._sids[seat.participant_id]
        sids.discard(sid)
        if not sids:
            del self._sids[seat.participant_id]
            return seat, True
        return seat, False

    def sids_of(self, participant_id: str) -> list[str]:
        with self._lock:
            return list(self._sids.get(participant_id, ()))

    def online(self, participant_ids) -> list[str]:
        return [pid for pid in participant_ids if self._sids.get(pid)]

    def connected(self, workshop_id: str) -> set[str]:
        """Distinct participants of a workshop connected to this process (connected is
        not present: see domain/attendance.py)."""
        with self._lock:
            return {s.participant_id for s in self._seats.values()
                    if s.workshop_id == workshop_id and s.participant_id}

    def connections(self) -> int:
        return len(self._seats)
