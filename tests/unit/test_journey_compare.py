"""Comparing two selections of a journey on fixed data; expected values worked out by hand in the comments."""
from __future__ import annotations

import pytest

from workshop.domain.errors import InvalidInput
from workshop.domain.journey_compare import GroupFacts, compare, fits, select
from workshop.domain.journey_kpis import SessionFacts

MUNICH = SessionFacts("s1", "Munich all-hands", "start", "Munich", participants=8, cards=20,
                      writers=frozenset("abcdef"), carried_writers=frozenset("abc"),
                      scores=(10, 9, 8, 6, 3), polls=2, rounds_to_commit=(1, 3),
                      topics=((600, 540), (600, 700)), elmos=4)
MADRID = SessionFacts("s2", "Madrid all-hands", "start", "Madrid", participants=4, cards=6,
                      writers=frozenset("abcx"), carried_writers=frozenset("a"),
                      scores=(9,), polls=1, rounds_to_commit=(2,), topics=((300, 300),))

# Three mixed-role groups, two single-role ones and one where nobody gave a role.
MIXED_1 = GroupFacts("s1", "Group 1", "Munich", roles=("Sales", "Engineer", "Support"),
                     experience=("new", "new", "new"), cards=9, writers=frozenset("abc"),
                     carried_writers=frozenset("ab"), scores=(10, 9), elmos=1)
MIXED_2 = GroupFacts("s1", "Group 2", "Munich", roles=("Sales", "", "Engineer"),
                     experience=("new", "veteran", ""), cards=3, writers=frozenset("d"),
                     carried_writers=frozenset("d"), scores=(6,))
MIXED_3 = GroupFacts("s2", "Group 1", "Madrid", roles=("Sales", "Engineer"),
                     experience=("some", "some"), cards=4, writers=frozenset("xy"), scores=(8,))
SINGLE_1 = GroupFacts("s1", "Group 3", "Munich", roles=("Engineer", "engineer"),
                      experience=("new", "some"), cards=2, writers=frozenset("e"), scores=(3, 5), elmos=2)
SINGLE_2 = GroupFacts("s2", "Group 2", "Madrid", roles=("Sales", "", "Sales", "Sales"),
                      experience=("", "", "", ""), cards=2, writers=frozenset("pq"), carried_writers=frozenset("p"))
UNSAID = GroupFacts("s2", "Group 3", "Madrid", roles=("", ""), experience=("", ""), cards=1)
GROUPS = [MIXED_1, MIXED_2, MIXED_3, SINGLE_1, SINGLE_2, UNSAID]


def row(compared, key):
    found = next(r for r in compared["rows"] if r["key"] == key)
    return found["a"], found["b"], found["difference"]


def test_groups_are_mixed_or_single_role_by_the_roles_their_members_gave():
    assert [fits("mixed-role", g) for g in GROUPS] == [True, True, True, False, False, False]
    assert [fits("single-role", g) for g in GROUPS] == [False, False, False, True, True, False]
    assert [fits("mixed-experience", g) for g in GROUPS] == [False, True, False, True, False, False]
    assert [fits("single-experience", g) for g in GROUPS] == [True, False, True, False, False, False]


def test_comparing_mixed_role_groups_with_single_role_groups():
    compared = compare(select("groups:mixed-role", [MUNICH, MADRID], GROUPS),
                       select("groups:single-role", [MUNICH, MADRID], GROUPS))
    assert (compared["a"], compared["b"]) == ("Mixed-role groups", "Single-role groups")
    assert row(compared, "groups") == (3, 2, -1)
    assert row(compared, "sessions") == (2, 2, 0)
    assert row(compared, "participants") == (8, 6, -2)           # 3 + 3 + 2 against 2 + 4
    # cards 9 + 3 + 4 = 16 over 8 people = 2.0; 2 + 2 = 4 over 6 = 0.67 → 0.7; 0.7 − 2.0 = −1.3
    assert row(compared, "cards_per_person") == (2.0, 0.7, -1.3)
    # writers a b c d x y = 6, carried a b d = 3: 50 %; writers e p q = 3, carried p = 1: 33 %
    assert row(compared, "voices_percent") == (50, 33, -17)
    # mixed answers 10 9 6 8: promoters 2, detractors 1: 1/4 = 25; mean 33/4 = 8.25 → 8.2 (round half to even)
    # single answers 3 5: detractors 2: −100; mean 4.0
    assert row(compared, "nps") == (25, -100, -125)
    assert row(compared, "satisfaction") == (8.2, 4.0, -4.2)
    assert row(compared, "elmos") == (1, 2, 1)


def test_a_set_of_groups_tells_no_decisions_or_time_boxes_and_says_why():
    compared = compare(select("groups:mixed-role", [MUNICH], GROUPS), select("session:s1", [MUNICH], GROUPS))
    assert row(compared, "decisions") == (None, 2, None)
    assert row(compared, "adherence_percent") == (None, 50, None)
    assert {u["figure"] for u in compared["unavailable"]} == {
        "Decisions committed", "Rounds to commit (mean)", "Time-box adherence %"}
    assert all(u["why"] for u in compared["unavailable"])


def test_comparing_two_sessions_gives_every_figure():
    compared = compare(select("session:s1", [MUNICH, MADRID], GROUPS), select("session:s2", [MUNICH, MADRID], GROUPS))
    assert compared["unavailable"] == []
    assert row(compared, "cards_per_person") == (2.5, 1.5, -1.0)   # 20/8, 6/4
    assert row(compared, "voices_percent") == (50, 25, -25)         # 3 of 6, 1 of 4
    assert row(compared, "nps") == (0, 100, 100)                     # (2 − 2)/5; the one 9 promotes
    assert row(compared, "decisions") == (2, 1, -1)
    assert row(compared, "mean_rounds") == (2.0, 2.0, 0.0)           # (1 + 3)/2; 2
    assert row(compared, "adherence_percent") == (50, 100, 50)       # 540 ≤ 600, 700 > 600; 300 ≤ 300
    assert row(compared, "groups") == (None, None, None)


def test_one_team_against_another_by_sessions_and_by_groups():
    sessions = compare(select("team:Munich", [MUNICH, MADRID], GROUPS), select("team:Madrid", [MUNICH, MADRID], GROUPS))
    assert (sessions["a"], row(sessions, "participants")) == ("Sessions of Munich", (8, 4, -4))
    groups = compare(select("groups:team:Munich", [MUNICH, MADRID], GROUPS),
                     select("groups:team:Madrid", [MUNICH, MADRID], GROUPS))
    # Munich's groups: 3 + 3 + 2 = 8 people, 14 cards: 1.75 → 1.8; Madrid's: 2 + 4 + 2 = 8, 7 cards: 0.875 → 0.9
    assert row(groups, "cards_per_person") == (1.8, 0.9, -0.9)


@pytest.mark.parametrize("spec", ["", "session:nope", "groups:tall", "team:", "cohort:x", None, 7])
def test_an_unknown_selection_is_refused(spec):
    with pytest.raises(InvalidInput):
        select(spec, [MUNICH], GROUPS)
