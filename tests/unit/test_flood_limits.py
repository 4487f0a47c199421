"""The per-socket rate limit and the join-code guessing guard, on a fake clock."""
from __future__ import annotations

import pytest

from workshop.realtime import edge as edge_module
from workshop.realtime.edge import Bucket
from workshop.realtime.guard import GuessGuard, TooManyGuesses

RATE, BURST = 20.0, 60


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(edge_module.time, "monotonic", fake)
    return fake


def strikes_after(bucket: Bucket, clock: Clock, events: int, spacing: float) -> float:
    for _ in range(events):
        bucket.take(RATE, BURST)
        clock.now += spacing
    return bucket.strikes


def test_a_person_who_now_and_then_overshoots_never_builds_up_to_a_disconnect(clock):
    bucket = Bucket(BURST)
    worst = 0.0
    for _ in range(60):  # ten minutes: every 10 s a burst of 70 quick events
        worst = max(worst, strikes_after(bucket, clock, 70, 0.001))
        clock.now += 10
    assert worst <= BURST


def test_a_script_far_faster_than_a_person_runs_out_of_strikes_within_a_second(clock):
    bucket = Bucket(BURST)
    sent = 0
    while bucket.strikes <= BURST and sent < 10_000:
        bucket.take(RATE, BURST)
        clock.now += 0.001
        sent += 1
    assert bucket.strikes > BURST
    assert clock.now - 1000.0 < 1.0


def test_guessing_is_forgiven_after_a_quiet_minute():
    clock = Clock()
    guard = GuessGuard(3, clock=clock)
    for _ in range(3):
        guard.failed("10.0.0.1")
    with pytest.raises(TooManyGuesses):
        guard.check("10.0.0.1")
    clock.now += GuessGuard.WINDOW + 1
    guard.check("10.0.0.1")


def test_the_guard_remembers_a_bounded_number_of_addresses(monkeypatch):
    monkeypatch.setattr(GuessGuard, "MAX_ADDRESSES", 50)
    guard = GuessGuard(3, clock=Clock())
    for n in range(500):
        guard.failed(f"10.0.{n // 256}.{n % 256}")
    assert len(guard._failures) == 50
