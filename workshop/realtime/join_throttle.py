"""New identities held to human rates: one laptop joined as 25 people in 0.7 s (issue 13, item 6).

Only a join *without* a token makes a new identity, and only such joins count
here: a token rejoin, a reconnect, a reload are never throttled. Two buckets:

* per client address (as guard.py sees it, after BOWTIE_TRUSTED_PROXIES):
  generous, sized for a whole room behind one venue NAT arriving within a
  minute (``joins_per_address_per_minute`` at once, refilled at that rate);
* per browser (the ``browser`` id the page keeps in localStorage; a client that
  sends none is keyed by its socket): one new identity, then one per
  ``browser_join_interval`` seconds. A person joins once; a second new
  identity from the same browser within seconds is a puppet.

A join is charged before it is tried and refunded when it fails (a wrong code,
a bad name), so typos never cost the room anything, and concurrent joins cannot
all slip past a check made before the first was counted.

The state is rate state, kept in memory per process like connection presence:
a restart forgets it, which only ever lets joins through, never refuses one.
"""
from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable

from ..domain.errors import DomainError


class TooManyJoins(DomainError):
    code = "too_many_joins"
    status = 429


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass(frozen=True)
class Ticket:
    """One admitted join's charge, to give back if the join fails."""
    address: str
    browser: str


class JoinThrottle:
    MAX_KEYS = 10_000  # memory bound per kind: the least recently seen are forgotten first

    def __init__(self, per_address_per_minute: int, browser_interval: float,
                 clock: Callable[[], float] = time.monotonic):
        self.address_burst = per_address_per_minute
        self.address_rate = per_address_per_minute / 60.0
        self.browser_rate = 1.0 / browser_interval if browser_interval > 0 else 0.0
        self._clock = clock
        self._lock = threading.Lock()
        self._addresses: OrderedDict[str, _Bucket] = OrderedDict()
        self._browsers: OrderedDict[str, _Bucket] = OrderedDict()

    def admit(self, address: str | None, browser: str) -> Ticket:
        """Charge a new identity to its address and browser, or refuse it with a retry hint."""
        ticket = Ticket(address or "?", browser)
        with self._lock:
            now = self._clock()
            by_browser = self._bucket(self._browsers, ticket.browser, 1, self.browser_rate, now) \
                if self.browser_rate else None
            by_address = self._bucket(self._addresses, ticket.address, self.address_burst, self.address_rate, now) \
                if self.address_burst > 0 else None
            if by_browser is not None and by_browser.tokens < 1:
                wait = self._wait(by_browser, self.browser_rate)
                raise TooManyJoins(f"this browser has just joined as someone else; one person joins once. "
                                   f"If you are another person, join from your own device, or try again in {wait} s")
            if by_address is not None and by_address.tokens < 1:
                wait = self._wait(by_address, self.address_rate)
                raise TooManyJoins(f"very many people have just joined from your network; try again in {wait} s")
            for bucket in (by_browser, by_address):
                if bucket is not None:
                    bucket.tokens -= 1
        return ticket

    def refund(self, ticket: Ticket) -> None:
        """Give a failed join's charge back (a wrong code or a bad name is no new identity)."""
        with self._lock:
            for buckets, key, most in ((self._browsers, ticket.browser, 1), (self._addresses, ticket.address,
                                                                             self.address_burst)):
                bucket = buckets.get(key)
                if bucket is not None:
                    bucket.tokens = min(most, bucket.tokens + 1)

    @staticmethod
    def _wait(bucket: _Bucket, rate: float) -> int:
        return max(1, math.ceil((1 - bucket.tokens) / rate))

    def _bucket(self, buckets: OrderedDict[str, _Bucket], key: str, burst: int, rate: float, now: float) -> _Bucket:
        bucket = buckets.get(key)
        if bucket is None:
            bucket = buckets[key] = _Bucket(float(burst), now)
            while len(buckets) > self.MAX_KEYS:
                buckets.popitem(last=False)
        else:
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.stamp) * rate)
            bucket.stamp = now
            buckets.move_to_end(key)
        return bucket
