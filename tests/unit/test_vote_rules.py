"""Dot voting rules: settings, limits, own items, the ballot and the ranking."""
from __future__ import annotations

from dataclasses import replace

import pytest

from workshop.domain.agenda import new_step
from workshop.domain.errors import InvalidInput, NoDotsLeft, NotFound, VoteClosed
from workshop.domain.votes import (
    BALLOT_MAX,
    Item,
    OwnItem,
    TooManyOnItem,
    VoteSettings,
    check_ballot,
    check_dot,
    check_open,
    check_take_back,
    dots_left,
    items_for,
    ranking,
)

A = Item("a", "cluster", "Meetings", ("c1", "c2"), frozenset({"ann", "bob"}))
B = Item("b", "card", "Demos", ("c3",), frozenset({"ann"}))
C = Item("c", "card", "Coffee", ("c4",), frozenset({"cy"}))
ITEMS = [A, B, C]


VOTING = replace(new_step("vote", "s1", works_on="c1"), state="running")


def place(item_id="a", mine=(), settings=VoteSettings(), voter="ann", status="open", step=VOTING):
    return check_dot(step, status, settings, ITEMS, item_id, voter, list(mine))


def test_defaults_are_five_dots_at_most_three_on_one_item():
    assert VoteSettings.from_choices() == VoteSettings(5, 3, True)


def test_fewer_dots_than_the_default_most_lower_the_most():
    assert VoteSettings.from_choices(dots_per_participant=2) == VoteSettings(2, 2, True)


@pytest.mark.parametrize("dots, most", [(1, 1), (100, 100), (100, 1)])
def test_one_to_a_hundred_dots_may_be_given(dots, most):
    assert VoteSettings.from_choices(dots_per_participant=dots, max_per_item=most) == VoteSettings(dots, most, True)


@pytest.mark.parametrize("choices", [
    {"dots_per_participant": 0}, {"dots_per_participant": 101}, {"dots_per_participant": True},
    {"dots_per_participant": "5"}, {"max_per_item": 2.5},
    {"dots_per_participant": 2, "max_per_item": 3}, {"max_per_item": 0}, {"own_items": "no"},
])
def test_bad_vote_settings_are_refused(choices):
    with pytest.raises(InvalidInput):
        VoteSettings.from_choices(**choices)


def test_a_dot_on_an_item_is_allowed():
    assert place("c") is C


def test_no_dot_before_a_vote_opens_or_after_it_closes():
    with pytest.raises(VoteClosed, match="no vote is open"):
        place(status=None)
    with pytest.raises(VoteClosed, match="closed"):
        place(status="closed")


def test_no_dot_on_an_unknown_item():
    with pytest.raises(NotFound):
        place("zzz")


def test_no_more_dots_than_each_participant_has():
    with pytest.raises(NoDotsLeft):
        place("c", mine=["a", "a", "b", "b", "c"])


def test_no_more_than_the_most_on_one_item():
    place("a", mine=["a", "a"])
    with pytest.raises(TooManyOnItem):
        place("a", mine=["a", "a", "a"])


def test_own_items_may_be_closed_to_their_only_author():
    closed = VoteSettings(own_items=False)
    with pytest.raises(OwnItem):
        place("b", settings=closed)
    assert place("a", settings=closed) is A  # Ann wrote only one of its two cards
    assert place("b", settings=closed, voter="cy") is B


def test_dots_are_taken_back_only_while_the_vote_is_open():
    check_take_back(VOTING, "open")
    with pytest.raises(VoteClosed):
        check_take_back(VOTING, "closed")


def test_dots_left_never_goes_below_zero():
    assert dots_left(VoteSettings(), 2) == 3
    assert dots_left(VoteSettings(), 9) == 0


def test_a_vote_needs_something_to_vote_on_and_no_other_open_vote():
    step = replace(new_step("vote", "s1", works_on="c1"), state="running")
    with pytest.raises(InvalidInput):
        check_open(step, [], already_open=False)
    with pytest.raises(VoteClosed):
        check_open(step, ITEMS, already_open=True)


def test_a_ballot_of_more_than_five_hundred_items_asks_for_clusters_first():
    loose = [Item(f"c{i}", "card", f"Card {i}", (f"c{i}",), frozenset({"ann"})) for i in range(BALLOT_MAX + 1)]
    assert BALLOT_MAX == 500
    check_ballot(loose[:BALLOT_MAX])
    with pytest.raises(InvalidInput, match="at most 500 items and this board has 501: cluster the cards first"):
        check_ballot(loose)


def test_the_ballot_is_non_empty_clusters_then_loose_cards():
    cards = [{"id": f"c{i}", "text": f"Card {i}", "participant_id": "ann"} for i in range(1, 5)]
    clusters = [{"id": "k1", "name": "Both", "card_ids": ["c2", "c1"]}, {"id": "k2", "name": "Empty", "card_ids": []}]
    ballot = items_for(clusters, cards)
    assert [(i.id, i.kind, i.name, i.card_ids) for i in ballot] == [
        ("k1", "cluster", "Both", ("c2", "c1")), ("c3", "card", "Card 3", ("c3",)), ("c4", "card", "Card 4", ("c4",))]


def test_items_never_tell_who_wrote_them():
    assert set(A.public()) == {"id", "kind", "name", "card_ids"}


def test_ranking_shows_ties_as_ties():
    ranked = ranking(ITEMS, ["c", "a", "c", "a", "b"])
    assert [(r["id"], r["dots"], r["rank"]) for r in ranked] == [("a", 2, 1), ("c", 2, 1), ("b", 1, 3)]


def test_ranking_lists_items_without_dots_last_together():
    ranked = ranking(ITEMS, ["b"])
    assert [(r["id"], r["dots"], r["rank"]) for r in ranked] == [("b", 1, 1), ("a", 0, 2), ("c", 0, 2)]


def test_ranking_of_an_empty_vote_is_one_big_tie():
    assert {r["rank"] for r in ranking(ITEMS, [])} == {1}
