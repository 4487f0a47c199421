"""Suggested clusters: cards whose words overlap, grouped locally.

RapidFuzz's ``token_set_ratio`` scores two cards by their shared words (0–100),
so "More customer demos" and "Demo every sprint" meet on "demo" whatever the
word order or extra words. Average-linkage agglomeration then joins the most
similar groups first while their mean similarity stays at the threshold or
above: no model, no network, and the same cards always give the same answer.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from .errors import InvalidInput

DEFAULT_THRESHOLD = 65
NAME_MAX = 60
# Cards a suggestion looks at: the work grows with the square of their number
# (2,000 cards are 2 million pairs, a second or two of CPU, off the event loop).
# Past this many loose cards the oldest are grouped; as the facilitator
# clusters them, the newer ones come within the cap.
MAX_CARDS = 2_000

# Words that say how (more, less, start, stop) rather than what: cards are grouped by topic.
STOP_WORDS = frozenset("""
a about all also an and any are as at be been being but by can could do does doing done for from get
getting had has have having how i if in into is it its just keep less let lets lot lots make many more
most much need needs new no not of on or our ours out over should so some start stop continue than that
the their them then there these they this those to too us use using very was we were what when where
which while who why will with without would you your better fewer few again still every each
""".split())

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Suggestion:
    name: str
    card_ids: tuple[str, ...]


def _stem(word: str) -> str:
    # Plurals only: enough to meet "demos" with "demo" without a stemmer's surprises.
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def topic_words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


def check_threshold(value: object) -> int:
    if value is None:
        return DEFAULT_THRESHOLD
    if type(value) is not int or not 40 <= value <= 100:
        raise InvalidInput("threshold must be a whole number from 40 to 100")
    return value


def suggest(cards: Sequence[tuple[str, str]], threshold: int = DEFAULT_THRESHOLD) -> list[Suggestion]:
    """Group ``(card_id, text)`` pairs; return groups of two or more cards, largest first.
    Only the first ``MAX_CARDS`` cards are considered (see MAX_CARDS)."""
    cards = cards[:MAX_CARDS]
    words = [topic_words(text) for _, text in cards]
    keys = [" ".join(w) for w in words]
    ids = [i for i, key in enumerate(keys) if key]  # cards of only filler words stay alone
    groups = _agglomerate(_similarities([keys[i] for i in ids]), threshold)
    found = sorted((sorted(ids[i] for i in g) for g in groups if len(g) > 1), key=lambda m: (-len(m), m[0]))
    return [Suggestion(_name([words[i] for i in g], cards[g[0]][1]), tuple(cards[i][0] for i in g))
            for g in found]


def _similarities(keys: list[str]) -> np.ndarray:
    """Every pair's score, computed in C by RapidFuzz (which lets other threads
    run meanwhile, and scores a symmetric matrix once)."""
    return process.cdist(keys, keys, scorer=fuzz.token_set_ratio, processor=None, dtype=np.float64)


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


def _name(words: list[list[str]], first_text: str) -> str:
    """The words most cards share, else the first card's text."""
    counts = Counter(w for ws in words for w in dict.fromkeys(ws))  # first-seen order breaks ties
    shared = [w for w, n in counts.most_common() if n > 1][:3]
    name = " ".join(shared).capitalize() if shared else " ".join(first_text.split())
    return name if len(name) <= NAME_MAX else name[:NAME_MAX - 1].rstrip() + "…"


def suggestions(cards: Sequence[tuple[str, str]], threshold: object = None) -> list[dict]:
    """Suggested clusters of ``(card_id, text)`` pairs, as the wire carries them."""
    found = suggest(cards, check_threshold(threshold))
    return [{"name": s.name, "card_ids": list(s.card_ids)} for s in found]
