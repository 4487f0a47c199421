"""Feeding the next stage of a journey: the top items of many sessions, duplicates merged.

Each finished session hands on its top clusters (``next_stage.top_material``).
Across sessions the same theme comes up under different names: the organiser
is shown which items look alike (``similarity``) and chooses which to merge.
Every carried item keeps who raised it: how many sessions, groups and people
wrote a card in it, so the consolidation can say "raised in 3 sessions, by 14 people".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from . import similarity
from .errors import InvalidInput
from .next_stage import Carried

MAX_MERGES = 200

# Who raised a card: (session id, group id or "", person id or ""): the group and the
# person are told only as ids, and counted, never named.
Raiser = tuple[str, str, str]


@dataclass(frozen=True)
class FeedItem:
    key: str  # "<source workshop id>:<source cluster id, or 'loose'>"
    material: Carried
    raised_by: frozenset[Raiser]


@dataclass(frozen=True)
class MergedItem:
    """What becomes one cluster of the next stage's workshop."""
    title: str
    parts: tuple[FeedItem, ...]

    @property
    def raised_by(self) -> frozenset[Raiser]:
        return frozenset().union(*(p.raised_by for p in self.parts))

    def counts(self) -> dict[str, int]:
        return raised_counts(self.raised_by)


def item_key(material: Carried) -> str:
    return f"{material.source_workshop_id}:{material.source_cluster_id or 'loose'}"


def raised_counts(raised_by: Iterable[Raiser]) -> dict[str, int]:
    """Distinct sessions, groups (within their session) and people (within theirs)."""
    raisers = set(raised_by)
    return {"sessions": len({s for s, _, _ in raisers}),
            "groups": len({(s, g) for s, g, _ in raisers if g}),
            "people": len({(s, p) for s, _, p in raisers if p})}


def suggest_merges(items: Sequence[FeedItem], threshold: int = similarity.DEFAULT_THRESHOLD) -> list[list[str]]:
    """Items that look alike and come from more than one session: each a list of keys."""
    named = [(i.key, f"{i.material.title or ''}") for i in items if i.material.title]
    session = {i.key: i.material.source_workshop_id for i in items}
    return [list(s.card_ids) for s in similarity.suggest(named, threshold)
            if len({session[k] for k in s.card_ids}) > 1]


def merged(items: Sequence[FeedItem], merges: object) -> list[MergedItem]:
    """The items as the next stage gets them: each chosen merge as one, the rest alone,
    in the order of their first part (the sessions' ranks kept)."""
    by_key = {i.key: i for i in items}
    groups = _check_merges(merges, by_key)
    home = {key: n for n, group in enumerate(groups) for key in group}
    result: list[MergedItem] = []
    placed: set[int] = set()
    for item in items:
        if item.key not in home:
            result.append(MergedItem(item.material.title, (item,)))
        elif home[item.key] not in placed:
            placed.add(home[item.key])
            parts = tuple(by_key[k] for k in groups[home[item.key]])
            # The merged item takes the name of its most-voted part.
            title = max(parts, key=lambda p: p.material.dots).material.title
            result.append(MergedItem(title, parts))
    return result


def _check_merges(merges: object, by_key: dict[str, FeedItem]) -> list[list[str]]:
    if merges is None:
        return []
    if not isinstance(merges, list) or len(merges) > MAX_MERGES:
        raise InvalidInput(f"merges must list at most {MAX_MERGES} groups of item keys")
    seen: set[str] = set()
    groups = []
    for group in merges:
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(k, str) for k in group):
            raise InvalidInput("each merge lists two or more item keys")
        for key in group:
            if key not in by_key:
                raise InvalidInput(f"no carried item has the key {key!r}")
            if key in seen:
                raise InvalidInput(f"the item {key!r} is in two merges")
            if not by_key[key].material.title:
                raise InvalidInput("loose cards (no cluster) cannot be merged")
            seen.add(key)
        groups.append(list(dict.fromkeys(group)))
    return groups
