"""Steady card writing by many mirrors at once, for fault tests."""
from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path
from typing import Callable

from .mirror import Mirror, wait_until


class Writers:
    """Each mirror writes a card about every ``interval`` seconds while connected,
    re-sending what is unacknowledged first, until stopped."""

    def __init__(self, mirrors: list[Mirror], interval: float, pad: str = "",
                 make: Callable[[Mirror, int], None] | None = None):
        """``make(mirror, n)`` sends the n-th new thing; by default a card."""
        self.mirrors, self.interval, self.pad = mirrors, interval, pad
        self.make = make or (lambda mirror, n: mirror.write_card(f"{mirror.name} card {n}{self.pad}"))
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._write, args=(m,), daemon=True) for m in mirrors]

    def __enter__(self) -> "Writers":
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _write(self, mirror: Mirror) -> None:
        rng = random.Random(mirror.name)
        n = 0
        while not self._stop.is_set():
            if mirror.ready.wait(0.2):
                if mirror.pending:
                    mirror.flush()
                else:
                    self.make(mirror, n)
                    n += 1
            self._stop.wait(self.interval * rng.uniform(0.5, 1.5))

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(10)

    def drain(self, timeout: float = 30) -> None:
        """Wait until every card written has been acknowledged."""
        for mirror in self.mirrors:
            wait_until(lambda: mirror.ready.is_set() and mirror.flush() and not mirror.pending, timeout,
                       f"{mirror.name}'s outbox to drain")

    @property
    def acked(self) -> dict[str, dict]:
        return {cid: p for m in self.mirrors for cid, p in m.acked.items()}

    @property
    def sent(self) -> set[str]:
        return set().union(*(m.sent for m in self.mirrors))

    @property
    def written(self) -> dict[str, dict]:
        return {cid: p for m in self.mirrors for cid, p in {**m.acked, **m.pending}.items()}


def stored_cards(db_path: Path) -> list[dict]:
    with sqlite3.connect(db_path) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT id, text, \"column\" FROM cards")]


def integrity(db_path: Path) -> str:
    with sqlite3.connect(db_path) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
