"""The bench's paced schedules (bench/pacing.py): exact totals, inside the window, reproducible."""
import random

from bench.pacing import dots_in_time


def test_a_paced_vote_places_every_dot_of_every_person_once_within_the_window():
    plan = dots_in_time(people=40, dots=5, seconds=60, rng=random.Random(1))
    assert sorted((person, nth) for _, person, nth in plan) == [(p, n) for p in range(40) for n in range(5)]
    assert all(0 <= moment < 60 for moment, _, _ in plan)
    assert [m for m, _, _ in plan] == sorted(m for m, _, _ in plan)


def test_a_paced_vote_arrives_at_a_steady_pace_not_all_at_once():
    moments = [m for m, _, _ in dots_in_time(people=1000, dots=5, seconds=60, rng=random.Random(2))]
    per_ten_seconds = [sum(1 for m in moments if start <= m < start + 10) for start in range(0, 60, 10)]
    assert all(700 <= count <= 970 for count in per_ten_seconds)  # 833 each on average


def test_the_same_seed_gives_the_same_schedule():
    assert dots_in_time(30, 5, 60, random.Random(3)) == dots_in_time(30, 5, 60, random.Random(3))
