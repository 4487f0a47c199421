"""The per-socket rate limit and the join-code guessing guard, on a fake clock."""
from __future__ import annotations

import pytest

from workshop.realtime import edge as edge_module
from workshop.realtime.edge import Bucket
from workshop.realtime.guard import GuessGuard, UnknownCode

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


def wrong() -> UnknownCode:
    return UnknownCode("no workshop has that code")


def test_wrong_codes_within_the_limit_are_answered_at_once_as_wrong():
    waits: list[float] = []
    guard = GuessGuard(3, clock=Clock(), sleep=waits.append)
    answers = [guard.answer("10.0.0.1", wrong()) for _ in range(3)]
    assert [a.code for a in answers] == ["not_found"] * 3
    assert waits == []


def test_each_wrong_code_past_the_limit_waits_longer_up_to_the_longest_wait():
    waits: list[float] = []
    guard = GuessGuard(3, wait_step=2.0, max_wait=7.0, clock=Clock(), sleep=waits.append)
    answers = [guard.answer("10.0.0.1", wrong()) for _ in range(8)]
    assert [a.code for a in answers[3:]] == ["too_many_attempts"] * 5
    assert waits == [2.0, 4.0, 6.0, 7.0, 7.0]


def test_wrong_codes_from_one_address_do_not_slow_another():
    waits: list[float] = []
    guard = GuessGuard(3, clock=Clock(), sleep=waits.append)
    for _ in range(5):
        guard.answer("10.0.0.1", wrong())
    assert guard.answer("10.0.0.2", wrong()).code == "not_found"
    assert len(waits) == 2


def test_guessing_is_forgiven_after_a_quiet_minute():
    clock = Clock()
    waits: list[float] = []
    guard = GuessGuard(3, clock=clock, sleep=waits.append)
    for _ in range(4):
        guard.answer("10.0.0.1", wrong())
    assert guard.waiting("10.0.0.1") == 4
    clock.now += GuessGuard.WINDOW + 1
    assert guard.waiting("10.0.0.1") == 0
    assert guard.answer("10.0.0.1", wrong()).code == "not_found"
    assert waits == [1.0]


def test_the_guard_remembers_a_bounded_number_of_addresses(monkeypatch):
    monkeypatch.setattr(GuessGuard, "MAX_ADDRESSES", 50)
    guard = GuessGuard(3, clock=Clock(), sleep=lambda _s: None)
    for n in range(500):
        guard.answer(f"10.0.{n // 256}.{n % 256}", wrong())
    assert len(guard._failures) == 50


def test_a_flood_of_wrong_codes_keeps_a_bounded_record_per_address():
    guard = GuessGuard(3, wait_step=1.0, max_wait=10.0, clock=Clock(), sleep=lambda _s: None)
    for _ in range(10_000):
        guard.answer("10.0.0.1", wrong())
    assert guard.waiting("10.0.0.1") <= 3 + 10 + 1


def test_a_wrong_code_counts_for_a_whole_minute_and_not_a_moment_longer():
    clock = Clock()
    guard = GuessGuard(3, clock=clock, sleep=lambda _s: None)
    guard.answer("10.0.0.1", wrong())
    clock.now += GuessGuard.WINDOW
    assert guard.waiting("10.0.0.1") == 1
    clock.now += 0.001
    assert guard.waiting("10.0.0.1") == 0


@pytest.mark.parametrize("wait_step, kept", [(2.0, 3 + 5 + 1), (0.0, 3 + 1)])
def test_a_flood_keeps_just_the_record_the_longest_wait_needs(wait_step, kept):
    waits: list[float] = []
    guard = GuessGuard(3, wait_step=wait_step, max_wait=10.0, clock=Clock(), sleep=waits.append)
    for _ in range(100):
        guard.answer("10.0.0.1", wrong())
    assert guard.waiting("10.0.0.1") == kept
    assert waits[-1] == min(10.0, (kept - 3) * wait_step)  # still the longest wait


def test_the_guard_remembers_ten_thousand_addresses_by_default():
    guard = GuessGuard(3, clock=Clock(), sleep=lambda _s: None)
    for n in range(10_001):
        guard.answer(f"10.{n // 65536}.{n // 256 % 256}.{n % 256}", wrong())
    assert guard.waiting("10.0.0.0") == 0  # the oldest, forgotten
    assert guard.waiting("10.0.0.1") == 1


def test_the_address_that_missed_last_is_the_last_forgotten(monkeypatch):
    monkeypatch.setattr(GuessGuard, "MAX_ADDRESSES", 2)
    guard = GuessGuard(3, clock=Clock(), sleep=lambda _s: None)
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.1", "10.0.0.3"):
        guard.answer(address, wrong())
    assert guard.waiting("10.0.0.1") == 2  # its second miss came after 10.0.0.2's
    assert guard.waiting("10.0.0.2") == 0
