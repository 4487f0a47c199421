"""Suggested themes: loose cards grouped by the telling words they share, named by those words.

Each card becomes its content words (stop words of the board's language
dropped, plurals and "-ing" folded), weighted by how rare they are on the
board (tf-idf): a word on two cards of sixty ties them far more than one on
twenty, and a word on one card ties nothing, so it is left out. Cards are
compared by the cosine of those weights, and average-linkage agglomeration
joins the most similar groups first while their mean similarity stays at the
threshold or above: themes of any size, no model, no network, and the same
cards always give the same answer. A theme is named by the words that set its
cards apart from the rest of the board, not by the ones every card uses.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .errors import InvalidInput
from .stop_words import guess_language, stop_words

DEFAULT_THRESHOLD = 25
THRESHOLD_RANGE = (10, 100)
NAME_MAX = 60
NAME_WORDS = 2
# A theme is at least this many cards: one card is not a theme.
THEME_MIN = 2
# Cards a suggestion looks at: the work grows with the square of their number
# (2,000 cards are 4 million pairs, a second or two of CPU, off the event loop).
# Past this many loose cards the oldest are grouped; as the facilitator
# clusters them, the newer ones come within the cap.
MAX_CARDS = 2_000

# Words, with hyphenated ones kept whole ("stand-up", "follow-up"): split, they meet on halves.
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Suggestion:
    name: str
    card_ids: tuple[str, ...]


@dataclass(frozen=True)
class Word:
    """A content word of a card: ``stem`` is what cards meet on, ``shown`` what a name prints."""
    stem: str
    shown: str


def _stem(word: str, english: bool) -> str:
    """Fold the endings that split one topic in two ("meeting", "meetings"), no more:
    a full stemmer's surprises ("news" → "new") cost more than they bring here."""
    if english and len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if english and len(word) > 6 and word.endswith("ing"):
        return word[:-3]
    if english and len(word) > 5 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    return word


def card_words(text: str, stop: Collection[str], english: bool = True) -> list[Word]:
    """A card's content words in order: no stop words, no numbers, no single letters."""
    found = []
    for raw in _WORD.findall(text):
        lower = raw.lower()
        if len(lower) < 2 or lower.isdigit() or lower in stop:
            continue
        found.append(Word(_stem(lower, english), raw if raw.isupper() else lower))
    return found


def topic_words(text: str, language: str = "en") -> list[str]:
    """The stems a card is compared on."""
    return [w.stem for w in card_words(text, stop_words(language), english=language == "en")]


def board_language(texts: Iterable[str]) -> str:
    return guess_language(w.lower() for text in texts for w in _WORD.findall(text))


def check_threshold(value: object) -> int:
    low, high = THRESHOLD_RANGE
    if value is None:
        return DEFAULT_THRESHOLD
    if type(value) is not int or not low <= value <= high:
        raise InvalidInput(f"threshold must be a whole number from {low} to {high}")
    return value


def suggest(cards: Sequence[tuple[str, str]], threshold: int = DEFAULT_THRESHOLD) -> list[Suggestion]:
    """Group ``(card_id, text)`` pairs into themes of two or more cards, largest first.
    Only the first ``MAX_CARDS`` cards are considered (see MAX_CARDS)."""
    cards = cards[:MAX_CARDS]
    language = board_language(text for _, text in cards)
    stop = stop_words(language)
    words = [card_words(text, stop, english=language == "en") for _, text in cards]
    rarity = _rarity([{w.stem for w in ws} for ws in words])
    vectors = _vectors([{w.stem for w in ws} for ws in words], rarity)
    ids = [i for i, v in enumerate(vectors) if v.any()]  # cards sharing no telling word stay alone
    groups = _agglomerate(_similarities(vectors[ids]), threshold) if ids else []
    found = sorted((sorted(ids[i] for i in g) for g in groups if len(g) >= THEME_MIN),
                   key=lambda m: (-len(m), m[0]))
    return [Suggestion(_name([words[i] for i in g], rarity), tuple(cards[i][0] for i in g))
            for g in found]


def _rarity(stems: list[set[str]]) -> dict[str, float]:
    """Inverse document frequency of every stem on two cards or more (one card's alone ties nothing)."""
    counts = Counter(s for card in stems for s in card)
    n = len(stems)
    return {s: math.log((n + 1) / c) for s, c in sorted(counts.items()) if c >= THEME_MIN}


def _vectors(stems: list[set[str]], rarity: dict[str, float]) -> np.ndarray:
    """Each card's unit vector of rarities over the board's shared stems."""
    column = {s: i for i, s in enumerate(rarity)}
    vectors = np.zeros((len(stems), len(column)))
    for row, card in enumerate(stems):
        for s in card:
            if s in column:
                vectors[row, column[s]] = rarity[s]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def _similarities(vectors: np.ndarray) -> np.ndarray:
    """Every pair's cosine, as 0–100."""
    return np.asarray(vectors @ vectors.T * 100, dtype=np.float64)


def _agglomerate(sim: np.ndarray, threshold: int) -> list[list[int]]:
    """Average-linkage agglomeration: join the most similar pair of groups while
    their mean similarity is at the threshold or above; of equal pairs, the one
    with the lowest indices, so the same cards always give the same groups.

    Each group remembers its most similar partner (lowest index on a tie), so a
    join costs a few rows of numpy work rather than a search of every pair."""
    n = len(sim)
    members = {i: [i] for i in range(n)}
    if n < 2:
        return list(members.values())
    sizes = np.ones(n)
    np.fill_diagonal(sim, -np.inf)  # a group is never its own partner; merged-away ones get -inf too
    partner = sim.argmax(axis=1)
    best = sim[np.arange(n), partner]
    while True:
        top = best.max()
        if top < threshold:
            break
        rows = np.flatnonzero(best == top)
        low, high = np.minimum(rows, partner[rows]), np.maximum(rows, partner[rows])
        first = np.lexsort((high, low))[0]
        a, b = int(low[first]), int(high[first])
        # Lance–Williams: the joined group's similarity to every other group is
        # the size-weighted mean of its two parts'.
        merged = (sizes[a] * sim[a] + sizes[b] * sim[b]) / (sizes[a] + sizes[b])
        sim[a], sim[:, a] = merged, merged
        sim[b], sim[:, b] = -np.inf, -np.inf
        sizes[a] += sizes[b]
        members[a].extend(members.pop(b))
        best[b], partner[b] = -np.inf, b
        closer = (merged > best) | ((merged == best) & (a < partner))
        partner[closer], best[closer] = a, merged[closer]
        stale = np.flatnonzero(((partner == a) | (partner == b)) & ~closer & np.isfinite(best))
        stale = np.union1d(stale, [a])
        partner[stale] = sim[stale].argmax(axis=1)
        best[stale] = sim[stale, partner[stale]]
    return list(members.values())


def _name(words: list[list[Word]], rarity: dict[str, float]) -> str:
    """The theme's most telling words: shared by most of its cards and rare elsewhere
    (the share of the theme's cards with the word, times its rarity on the board),
    in the order the cards say them."""
    shared = Counter(s for ws in words for s in {w.stem for w in ws})
    score = {s: n / len(words) * rarity.get(s, 0.0) for s, n in shared.items() if n >= THEME_MIN}
    if not score:
        return _shorten(" ".join(w.shown for w in words[0]))
    best = max(score.values())
    chosen = sorted((s for s in score if score[s] >= best * 0.8), key=lambda s: (-score[s], s))[:NAME_WORDS]
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[str, list[float]] = defaultdict(list)
    first: dict[str, int] = {}
    for ws in words:
        for place, w in enumerate(ws):
            if w.stem in chosen:
                shown[w.stem][w.shown] += 1
                places[w.stem].append(place / len(ws))
                first.setdefault(w.stem, len(first))
    ordered = sorted(chosen, key=lambda s: (sum(places[s]) / len(places[s]), first[s]))
    name = " ".join(shown[s].most_common(1)[0][0] for s in ordered)
    return _shorten(name[:1].upper() + name[1:])


def _shorten(name: str) -> str:
    return name if len(name) <= NAME_MAX else name[:NAME_MAX - 1].rstrip() + "…"


def fresh(found: Sequence[Suggestion], loose: Collection[str]) -> list[Suggestion]:
    """Suggestions as they stand now: cards clustered (or gone) since are left out,
    and a suggestion left with fewer than ``THEME_MIN`` loose cards is dropped."""
    kept = [Suggestion(s.name, tuple(i for i in s.card_ids if i in loose)) for s in found]
    return [s for s in kept if len(s.card_ids) >= THEME_MIN]


def suggestions(cards: Sequence[tuple[str, str]], threshold: object = None) -> list[dict]:
    """Suggested themes of ``(card_id, text)`` pairs, as the wire carries them."""
    found = suggest(cards, check_threshold(threshold))
    return [{"name": s.name, "card_ids": list(s.card_ids)} for s in found]
