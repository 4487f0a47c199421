"""Suggested themes on sixty realistic cards: the themes a facilitator would make,
named by their telling words, never by the filler cards happen to share."""
from __future__ import annotations

import pytest

from tests.fixtures.cards60 import CARDS, FILLER_ONLY, THEMES
from workshop.domain.similarity import Suggestion, fresh, suggest, topic_words
from workshop.domain.stop_words import guess_language

TEXTS = [text for _, text in CARDS]
IDS = {text: f"card-{i}" for i, text in enumerate(TEXTS)}
TEXT_OF = {card_id: text for text, card_id in IDS.items()}


@pytest.fixture(scope="module")
def themes() -> list[tuple[str, set[str]]]:
    return [(s.name, {TEXT_OF[i] for i in s.card_ids}) for s in suggest([(IDS[t], t) for t in TEXTS])]


def theme_named(themes, word: str) -> set[str]:
    (cards,) = [cards for name, cards in themes if word in name.lower()]
    return cards


@pytest.mark.parametrize("word", sorted(THEMES))
def test_each_theme_a_facilitator_would_make_is_suggested_under_its_word(themes, word):
    core = THEMES[word]
    cards = theme_named(themes, word)
    assert len(cards & core) >= len(core) - 2, f"{word}: {sorted(core - cards)} left out"
    others = set().union(*(c for w, c in THEMES.items() if w != word))
    assert not cards & others, f"{word} took another theme's cards: {sorted(cards & others)}"


def test_themes_have_more_than_two_cards_when_the_cards_do(themes):
    assert [len(cards) for name, cards in themes[:6]] == [6, 6, 6, 5, 4, 3]


def test_no_theme_is_named_by_filler_the_cards_share(themes):
    for name, _ in themes:
        assert not {"week", "five", "time", "team", "start", "stop"} & set(name.lower().split()), name


def test_cards_that_share_only_filler_are_not_a_theme(themes):
    for name, cards in themes:
        assert len(cards & FILLER_ONLY) < 2, f"{name}: {sorted(cards & FILLER_ONLY)}"


def test_a_card_is_suggested_in_one_theme_at_most(themes):
    every = [card for _, cards in themes for card in cards]
    assert len(every) == len(set(every))


def test_themes_are_named_by_their_telling_words(themes):
    names = [name for name, _ in themes]
    assert "Customer feedback" in names and "Code reviews" in names and "CI pipeline" in names


@pytest.mark.parametrize("text, language", [
    ("Stop the long meetings and start the demos", "en"),
    ("Weniger Meetings und mehr Zeit für die Kunden", "de"),
    ("Moins de réunions et plus de temps pour les clients", "fr"),
    ("Menos reuniones y más tiempo con los clientes", "es"),
    ("Minder vergaderingen en meer tijd voor de klanten", "nl"),
])
def test_the_language_of_the_cards_is_guessed_from_their_common_words(text, language):
    assert guess_language(text.lower().split()) == language


def test_stop_words_of_the_cards_language_are_ignored():
    assert topic_words("Weniger Meetings und mehr Zeit für die Kunden", "de") == ["meeting", "kunden"]
    assert topic_words("Moins de réunions et plus de temps pour les clients", "fr") == ["réunion", "client"]


def test_german_cards_are_grouped_on_their_topics_not_their_articles():
    cards = [("1", "Weniger Meetings am Freitag"), ("2", "Die Meetings ohne Agenda"),
             ("3", "Die Kunden früher fragen"), ("4", "Mehr Feedback von den Kunden"),
             ("5", "Die Dokumentation ist veraltet")]
    assert sorted(s.card_ids for s in suggest(cards)) == [("1", "2"), ("3", "4")]


def test_a_suggestion_drops_the_cards_clustered_since():
    found = [Suggestion("Meetings", ("a", "b", "c")), Suggestion("Demos", ("d", "e"))]
    assert fresh(found, loose={"a", "c", "d", "e"}) == [Suggestion("Meetings", ("a", "c")), Suggestion("Demos", ("d", "e"))]


def test_a_suggestion_left_with_one_loose_card_is_dropped():
    found = [Suggestion("Meetings", ("a", "b")), Suggestion("Demos", ("d", "e"))]
    assert fresh(found, loose={"a", "d", "e"}) == [Suggestion("Demos", ("d", "e"))]
