"""Suggestions as the wire carries them, and the cap that bounds their cost."""
from __future__ import annotations

import pytest

from workshop.domain import similarity
from workshop.domain.errors import InvalidInput

CARDS = [("a", "Weekly demo to customers"), ("b", "Too many meetings"), ("c", "More customer demos"),
         ("d", "Fewer meetings on Fridays")]


def test_suggestions_carry_a_name_and_card_ids():
    assert similarity.suggestions(CARDS) == [{"name": "Demo customers", "card_ids": ["a", "c"]},
                                             {"name": "Meetings", "card_ids": ["b", "d"]}]


def test_suggestions_check_the_threshold():
    with pytest.raises(InvalidInput):
        similarity.suggestions(CARDS, 9)


def test_only_the_oldest_cards_up_to_the_cap_are_grouped(monkeypatch):
    monkeypatch.setattr(similarity, "MAX_CARDS", 3)
    found = similarity.suggestions(CARDS)
    assert found == [{"name": "Demo customers", "card_ids": ["a", "c"]}]


def test_a_group_joins_the_pair_that_is_most_alike_first():
    # Average linkage: "demo" cards meet first; the loosely related card joins only a strict-enough mean.
    cards = [("1", "customer demo"), ("2", "customer demo monday"), ("3", "customer budget")]
    assert [s.card_ids for s in similarity.suggest(cards, 90)] == [("1", "2")]
    assert [s.card_ids for s in similarity.suggest(cards, 30)] == [("1", "2", "3")]
