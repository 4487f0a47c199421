"""New identities held to human rates (issue 13, item 6): a browser joins once, a
venue's NAT lets a whole room in, and a failed join costs nothing."""
from __future__ import annotations

import pytest

from workshop.realtime.join_throttle import JoinThrottle, TooManyJoins


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


def throttle(clock, per_address=300, interval=20.0) -> JoinThrottle:
    return JoinThrottle(per_address, interval, clock=clock)


def test_a_second_new_identity_from_one_browser_within_seconds_is_refused_with_a_retry_hint(clock):
    joins = throttle(clock)
    joins.admit("10.0.0.1", "browser:b1")
    clock.now += 3
    with pytest.raises(TooManyJoins) as refused:
        joins.admit("10.0.0.1", "browser:b1")
    assert refused.value.code == "too_many_joins" and "try again in 17 s" in refused.value.message


def test_the_browser_may_join_again_after_the_interval(clock):
    joins = throttle(clock)
    joins.admit("10.0.0.1", "browser:b1")
    clock.now += 20
    joins.admit("10.0.0.1", "browser:b1")


def test_a_whole_room_behind_one_address_joins_within_a_minute(clock):
    joins = throttle(clock, per_address=300)
    for n in range(550):  # 550 people in 55 s: 300 at once, then more as the bucket refills
        joins.admit("203.0.113.7", f"browser:{n}")
        clock.now += 0.1


def test_past_a_roomful_at_once_the_address_is_refused(clock):
    joins = throttle(clock, per_address=300)
    for n in range(300):
        joins.admit("203.0.113.7", f"browser:{n}")
    with pytest.raises(TooManyJoins) as refused:
        joins.admit("203.0.113.7", "browser:one-more")
    assert "your network" in refused.value.message


def test_the_address_refills_at_its_rate(clock):
    joins = throttle(clock, per_address=60)
    for n in range(60):
        joins.admit("203.0.113.7", f"browser:{n}")
    with pytest.raises(TooManyJoins):
        joins.admit("203.0.113.7", "browser:late")
    clock.now += 1  # 60 a minute: one a second
    joins.admit("203.0.113.7", "browser:late")


def test_a_failed_join_is_refunded(clock):
    joins = throttle(clock)
    joins.refund(joins.admit("10.0.0.1", "browser:b1"))
    joins.admit("10.0.0.1", "browser:b1")


def test_a_refused_join_charges_neither_its_address_nor_another_browser(clock):
    joins = throttle(clock, per_address=2)
    joins.admit("10.0.0.1", "browser:b1")
    for _ in range(5):
        with pytest.raises(TooManyJoins):
            joins.admit("10.0.0.1", "browser:b1")
    joins.admit("10.0.0.1", "browser:b2")


def test_zero_turns_each_limit_off(clock):
    joins = throttle(clock, per_address=0, interval=0)
    for _ in range(1000):
        joins.admit("10.0.0.1", "browser:b1")
