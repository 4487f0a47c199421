"""Answers kept until their workshop changes: what every participant's snapshot
shares (the board's cards and clusters), read once for the room instead of once
per participant.

Only a copy: each use checks it against the workshop's seq and the time of the
event that set it, both read from SQLite in the same transaction, so a restart,
a second worker, or a workshop deleted and imported again never uses a stale
one. Every change to a workshop publishes an event, which moves its seq.
Callers must not change what they are given: it is shared.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, TypeVar

from .events import Tx
from .workshops import Workshop

T = TypeVar("T")

# Answers kept at once (a few per workshop; each a few hundred KB at most).
KEPT = 64

_kept: OrderedDict[tuple[str, str], tuple[tuple, object]] = OrderedDict()
_lock = threading.Lock()


def kept(tx: Tx, workshop: Workshop, name: str, ask: Callable[[], T]) -> T:
    """``ask()``, or the answer it gave since the workshop last changed."""
    last = tx.once(("last event", workshop.id, workshop.seq), lambda: tx.one(
        "SELECT at FROM events WHERE workshop_id = ? AND seq = ?", [workshop.id, workshop.seq]))
    version = (workshop.seq, workshop.created_at, last and last["at"])
    with _lock:
        found = _kept.get((workshop.id, name))
        if found and found[0] == version:
            _kept.move_to_end((workshop.id, name))
            return found[1]  # type: ignore[return-value]
    answer = ask()
    with _lock:
        _kept[(workshop.id, name)] = (version, answer)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return answer
