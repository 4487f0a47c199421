"""When simulated people act: the pure helpers of bench/swarm.py's paced scenarios."""
from __future__ import annotations

import random


def arrivals(count: int, seconds: float, rng: random.Random) -> list[float]:
    """``count`` moments in ``[0, seconds)``, in order, as a Poisson process of
    rate ``count / seconds`` places them once its total is fixed (its arrival
    times are then independent and uniform): people act independently, at a
    steady average pace, and the total stays exact so the vote can be checked."""
    return sorted(rng.uniform(0, seconds) for _ in range(count))


def dots_in_time(people: int, dots: int, seconds: float, rng: random.Random) -> list[tuple[float, int, int]]:
    """Each of ``people`` places ``dots`` dots over ``seconds``: ``(moment, person, nth dot)``
    in order of moment, every person's dots at independent moments."""
    moments = arrivals(people * dots, seconds, rng)
    slots = [(person, nth) for person in range(people) for nth in range(dots)]
    rng.shuffle(slots)
    return [(moment, person, nth) for moment, (person, nth) in zip(moments, slots)]


def spread(count: int, seconds: float, rng: random.Random) -> list[float]:
    """``count`` moments over ``seconds``, one per person (a reconnect wave), not sorted."""
    return [rng.uniform(0, seconds) for _ in range(count)]
