"""Suggested clusters on a fixed set of cards, with the groups a person would make."""
from __future__ import annotations

import pytest

from workshop.domain.errors import InvalidInput
from workshop.domain.similarity import check_threshold, suggest, topic_words

CARDS = [
    "Weekly demo to customers",
    "Too many meetings",
    "Pair programming",
    "More customer demos",
    "Flaky tests in CI",
    "Fewer meetings on Fridays",
    "The coffee machine is broken",
    "Onboarding docs are outdated",
    "More pair programming sessions",
    "Fix flaky tests!",
    "Meetings without an agenda",
    "Write onboarding docs for new hires",
    "Keep doing this",
]


def groups_of(texts, **kwargs) -> list[set[str]]:
    found = suggest([(str(i), t) for i, t in enumerate(texts)], **kwargs)
    return [{texts[int(i)] for i in s.card_ids} for s in found]


def test_similar_cards_are_grouped_as_a_person_would():
    assert groups_of(CARDS) == [
        {"Too many meetings", "Fewer meetings on Fridays", "Meetings without an agenda"},
        {"Weekly demo to customers", "More customer demos"},
        {"Pair programming", "More pair programming sessions"},
        {"Flaky tests in CI", "Fix flaky tests!"},
        {"Onboarding docs are outdated", "Write onboarding docs for new hires"},
    ]


def test_suggestions_are_named_by_the_words_their_cards_share():
    names = [s.name for s in suggest([(str(i), t) for i, t in enumerate(CARDS)])]
    assert names == ["Meetings", "Demo customers", "Pair programming", "Flaky tests", "Onboarding docs"]


def test_the_same_cards_always_give_the_same_suggestions():
    assert groups_of(CARDS) == groups_of(CARDS)
    assert sorted(map(sorted, groups_of(list(reversed(CARDS))))) == sorted(map(sorted, groups_of(CARDS)))


def test_a_strict_threshold_groups_only_near_duplicates():
    assert groups_of(["Fix flaky tests", "fix the flaky tests", "Too many meetings"], threshold=95) == [
        {"Fix flaky tests", "fix the flaky tests"}]


def test_cards_of_only_filler_words_stay_alone():
    assert groups_of(["Keep doing this", "Keep doing that", "Start doing it"]) == []


def test_unrelated_cards_give_no_suggestions():
    assert groups_of(["Coffee machine is broken", "Quarterly planning", "Release notes"]) == []


def test_no_cards_no_suggestions():
    assert suggest([]) == []


def test_plurals_endings_and_case_meet():
    assert topic_words("More DEMOS for Customers") == ["demo", "customer"]
    assert topic_words("meetings") == topic_words("meeting")
    assert topic_words("The stand-ups") == topic_words("the stand-up") == ["stand-up"]


@pytest.mark.parametrize("bad", [9, 101, "70", 70.5, True])
def test_the_threshold_is_a_whole_number_from_10_to_100(bad):
    with pytest.raises(InvalidInput):
        check_threshold(bad)


def test_the_threshold_has_a_default():
    assert check_threshold(None) == 25
