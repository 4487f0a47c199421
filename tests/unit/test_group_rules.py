import random
from collections import Counter

import pytest

from workshop.domain import groups
from workshop.domain.errors import InvalidInput
from workshop.domain.participants import arrival


def placements(roles):
    return [groups.Placement(f"p{i}", role, "") for i, role in enumerate(roles)]


def test_newcomer_sits_where_their_role_is_rarest():
    seated = [groups.Placement("a", "Support", "", "g1"), groups.Placement("b", "Sales", "", "g2")]
    assert groups.group_for_arrival(seated, ["g1", "g2"], 5, "Support") == "g2"
    assert groups.group_for_arrival(seated, ["g1", "g2"], 5, "Sales") == "g1"


def test_newcomer_fills_the_smallest_group_first():
    seated = [groups.Placement("a", "", "", "g1"), groups.Placement("b", "", "", "g1")]
    assert groups.group_for_arrival(seated, ["g1", "g2"], 5, "") == "g2"


def test_no_group_when_all_are_full():
    seated = [groups.Placement(str(i), "", "", "g1") for i in range(3)]
    assert groups.group_for_arrival(seated, ["g1"], 3, "") is None
    assert groups.group_for_arrival([], [], 3, "") is None


@pytest.mark.parametrize("people, size", [(1, 5), (5, 5), (6, 5), (23, 5), (50, 4), (7, 2)])
def test_random_groups_respect_size_and_differ_by_at_most_one(people, size):
    formed = groups.form_random(placements([""] * people), size, random.Random(1))
    sizes = [len(g) for g in formed]
    assert sum(sizes) == people
    assert max(sizes) <= size
    assert max(sizes) - min(sizes) <= 1
    assert sorted(p for g in formed for p in g) == sorted(f"p{i}" for i in range(people))


def test_balanced_groups_spread_every_role():
    roles = ["Support"] * 8 + ["Sales"] * 4 + ["Product"] * 4 + ["Onboarding"] * 4
    formed = groups.form_balanced(placements(roles), 5, random.Random(3))
    role_of = {f"p{i}": r for i, r in enumerate(roles)}
    assert len(formed) == 4
    for group in formed:
        counts = Counter(role_of[p] for p in group)
        assert counts == {"Support": 2, "Sales": 1, "Product": 1, "Onboarding": 1}


def test_balanced_groups_mix_experience_within_a_role():
    people = [groups.Placement(f"p{i}", "Support", level) for i, level in
              enumerate(["new", "new", "veteran", "veteran"])]
    formed = groups.form_balanced(people, 2, random.Random(0))
    level = {s.participant_id: s.experience for s in people}
    assert all({level[p] for p in g} == {"new", "veteran"} for g in formed)


def test_group_size_below_two_is_refused():
    with pytest.raises(InvalidInput):
        groups.form_random(placements(["a"]), 1)


def test_arrival_needs_a_name_of_at_most_forty_characters():
    assert arrival("  Ann  ").name == "Ann"
    for bad in ("", "  ", None, "x" * 41, 3):
        with pytest.raises(InvalidInput):
            arrival(bad)


def test_arrival_experience_must_be_a_known_level():
    assert arrival("Ann", "Support", "Veteran").experience == "veteran"
    with pytest.raises(InvalidInput):
        arrival("Ann", None, "guru")


@pytest.mark.parametrize("method", ["random", "balanced"])
def test_re_forming_deals_everyone_by_the_chosen_method(method):
    seats = [groups.Placement(f"p{i}", role="dev" if i % 2 else "ops") for i in range(10)]
    dealt = groups.form(method, seats, 5, random.Random(1))
    assert sorted(p for g in dealt for p in g) == sorted(s.participant_id for s in seats)
    assert dealt == groups.FORMING[method](seats, 5, random.Random(1))


@pytest.mark.parametrize("method", ["alphabetical", "", None, 1])
def test_re_forming_knows_only_random_and_balanced(method):
    with pytest.raises(InvalidInput):
        groups.form(method, [groups.Placement("p1")], 5)
