"""Throttles against abuse that no single event reveals: guessing join codes.

A join code has 30 bits, so guessing one means millions of failed lookups. Only
*wrong* codes count against an address, and only wrong codes are ever slowed:
a right code and a token rejoin are answered at once, whatever the address did
before. That matters at a venue, where every laptop may share one NAT address
(or, behind a proxy, the proxy's): twenty typos must not stop the room joining.

Past ``failures_per_minute`` wrong codes, each further wrong code from that
address is answered only after a wait that grows with the excess, and one at a
time per address. A guesser's rate is then bounded by the wait whatever number
of connections it opens, while nothing a right code gets depends on it. (A
refusal given before the lookup would refuse right codes too; one given at once
after it would tell a guesser "wrong" at full speed.) The same guard covers the
HTTP routes that would otherwise tell a guesser whether a code exists.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from typing import Callable

from ..domain.errors import DomainError, InvalidInput, NotFound
from ..store import Tx, workshops


class TooManyGuesses(DomainError):
    code = "too_many_attempts"
    status = 429


class WrongCode(DomainError):
    """A code that opens no workshop (mixed into the lookup's own error)."""


class UnknownCode(WrongCode, NotFound):
    code = "not_found"


class MalformedCode(WrongCode, InvalidInput):
    code = "invalid"


def look_up_code(tx: Tx, code: object) -> workshops.Workshop:
    """The workshop a join code opens. A wrong code raises ``WrongCode``, which
    each transport answers through ``GuessGuard.answer``."""
    try:
        return workshops.by_code(tx, code)
    except NotFound as exc:
        raise UnknownCode(exc.message) from None
    except InvalidInput as exc:
        raise MalformedCode(exc.message) from None


class GuessGuard:
    WINDOW = 60.0  # seconds over which wrong codes are counted
    MAX_ADDRESSES = 10_000  # memory bound: the oldest addresses are forgotten first

    def __init__(self, failures_per_minute: int, *, wait_step: float = 1.0, max_wait: float = 10.0,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], object] = time.sleep):
        self.limit = failures_per_minute
        self.wait_step = wait_step
        self.max_wait = max_wait
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, tuple[deque[float], threading.Lock]] = OrderedDict()

    def answer(self, address: str | None, wrong: DomainError) -> DomainError:
        """Count a wrong guess (a code, a key, a token) and return the error to
        answer it with, after waiting as long as this address has earned."""
        excess, gate = self._count(address or "?")
        if excess <= 0:
            return wrong
        wait = min(self.max_wait, excess * self.wait_step)
        with gate:  # one slowed answer at a time per address
            self._sleep(wait)
        return TooManyGuesses(f"too many wrong guesses from your network: {wrong.message} "
                              f"(each wrong one is now answered after {wait:.0f} s)")

    def waiting(self, address: str | None) -> int:
        """How many wrong codes of the last minute count against an address."""
        with self._lock:
            entry = self._recent(address or "?")
            return len(entry[0]) if entry else 0

    def _count(self, key: str) -> tuple[int, threading.Lock]:
        with self._lock:
            entry = self._recent(key)
            if entry is None:
                # Past this many, every wrong code already waits the longest.
                most = self.limit + int(self.max_wait / self.wait_step) + 1 if self.wait_step else self.limit + 1
                entry = self._failures[key] = (deque(maxlen=most), threading.Lock())
                while len(self._failures) > self.MAX_ADDRESSES:
                    self._failures.popitem(last=False)
            failures, gate = entry
            failures.append(self._clock())
            self._failures.move_to_end(key)
            return len(failures) - self.limit, gate

    def _recent(self, key: str) -> tuple[deque[float], threading.Lock] | None:
        entry = self._failures.get(key)
        if entry is None:
            return None
        failures = entry[0]
        cutoff = self._clock() - self.WINDOW
        while failures and failures[0] < cutoff:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return None
        return entry
