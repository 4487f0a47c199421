"""Throttles against abuse that no single event reveals: guessing join codes.

A join code has 30 bits, so guessing one means millions of failed lookups. Only
*failed* lookups count against an address, so a whole venue behind one NAT
address can still join at once, while a script trying codes is stopped after a
few dozen misses a minute. The same guard covers the HTTP routes that would
otherwise tell a guesser whether a code exists (the join page, the QR code).
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque

from ..domain.errors import DomainError


class TooManyGuesses(DomainError):
    code = "too_many_attempts"


class GuessGuard:
    WINDOW = 60.0  # seconds over which failures are counted
    MAX_ADDRESSES = 10_000  # memory bound: the oldest addresses are forgotten first

    def __init__(self, failures_per_minute: int, clock=time.monotonic):
        self.limit = failures_per_minute
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def check(self, address: str | None) -> None:
        """Refuse an address that has failed too often within the last minute."""
        with self._lock:
            failures = self._recent(address or "?")
            if failures is not None and len(failures) >= self.limit:
                wait = int(failures[0] + self.WINDOW - self._clock()) + 1
                raise TooManyGuesses(f"too many wrong codes from your network; try again in {wait} s")

    def failed(self, address: str | None) -> None:
        with self._lock:
            key = address or "?"
            failures = self._recent(key)
            if failures is None:
                failures = self._failures[key] = deque(maxlen=self.limit)
                while len(self._failures) > self.MAX_ADDRESSES:
                    self._failures.popitem(last=False)
            failures.append(self._clock())
            self._failures.move_to_end(key)

    def _recent(self, key: str) -> deque[float] | None:
        failures = self._failures.get(key)
        if failures is None:
            return None
        cutoff = self._clock() - self.WINDOW
        while failures and failures[0] < cutoff:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return None
        return failures
