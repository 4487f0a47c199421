"""Suggested clusters: cards whose words overlap, grouped locally.

RapidFuzz's ``token_set_ratio`` scores two cards by their shared words (0–100),
so "More customer demos" and "Demo every sprint" meet on "demo" whatever the
word order or extra words. Average-linkage agglomeration then joins the most
similar groups first while their mean similarity stays at the threshold or
above: no model, no network, and the same cards always give the same answer.
"""
from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Sequence

from rapidfuzz import fuzz

from .errors import InvalidInput

DEFAULT_THRESHOLD = 65
NAME_MAX = 60

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
    """Group ``(card_id, text)`` pairs; return groups of two or more cards, largest first."""
    words = [topic_words(text) for _, text in cards]
    keys = [" ".join(w) for w in words]
    members = {i: [i] for i, key in enumerate(keys) if key}
    sim: dict[int, dict[int, float]] = {i: {} for i in members}
    heap: list[tuple[float, int, int]] = []
    for a, b in combinations(sorted(members), 2):
        score = fuzz.token_set_ratio(keys[a], keys[b], processor=None)
        sim[a][b] = sim[b][a] = score
        if score >= threshold:
            heap.append((-score, a, b))
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members or sim[a][b] != -negative:
            continue  # one side was merged away, or the pair's score has changed since
        _merge(a, b, members, sim, heap, threshold)
    groups = sorted((sorted(m) for m in members.values() if len(m) > 1), key=lambda m: (-len(m), m[0]))
    return [Suggestion(_name([words[i] for i in g], cards[g[0]][1]), tuple(cards[i][0] for i in g))
            for g in groups]


def _merge(a: int, b: int, members: dict[int, list[int]], sim: dict[int, dict[int, float]],
           heap: list, threshold: int) -> None:
    """Fold group b into group a; a's similarity to every other group becomes the
    size-weighted mean of a's and b's (average linkage, Lance–Williams)."""
    na, nb = len(members[a]), len(members[b])
    for k in members:
        if k in (a, b):
            continue
        score = (na * sim[a][k] + nb * sim[b][k]) / (na + nb)
        sim[a][k] = sim[k][a] = score
        del sim[k][b]
        if score >= threshold:
            heapq.heappush(heap, (-score, min(a, k), max(a, k)))
    members[a].extend(members.pop(b))
    del sim[b]
    del sim[a][b]


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
