"""Dot voting: each participant spends a few dots on clusters and loose cards."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from .errors import DomainError, InvalidInput, NoDotsLeft, NotFound, VoteClosed, WrongPhase

if TYPE_CHECKING:  # the agenda's steps import these settings: only the type here
    from .agenda import Step


class TooManyOnItem(DomainError):
    code = "too_many_on_item"


class OwnItem(DomainError):
    code = "own_item"


@dataclass(frozen=True)
class VoteSettings:
    dots_per_participant: int = 5
    max_per_item: int = 3
    own_items: bool = True  # may a participant vote on an item made only of their own cards?

    @classmethod
    def from_choices(cls, dots_per_participant: object = None, max_per_item: object = None,
                     own_items: object = None) -> "VoteSettings":
        dots = cls.dots_per_participant if dots_per_participant is None else dots_per_participant
        if type(dots) is not int or not 1 <= dots <= 100:
            raise InvalidInput("dots per participant must be a whole number from 1 to 100")
        most = min(cls.max_per_item, dots) if max_per_item is None else max_per_item
        own = cls.own_items if own_items is None else own_items
        if type(most) is not int or not 1 <= most <= dots:
            raise InvalidInput("most dots on one item must be a whole number from 1 to the dots per participant")
        if type(own) is not bool:
            raise InvalidInput("own_items must be true or false")
        return cls(dots, most, own)


@dataclass(frozen=True)
class Item:
    """One thing to vote on: a cluster, or a card that is in no cluster."""
    id: str
    kind: str  # "cluster" or "card"
    name: str
    card_ids: tuple[str, ...]
    author_ids: frozenset[str]

    def public(self) -> dict:
        # Authors stay on the server: participants see what an item says, not who wrote it.
        return {"id": self.id, "kind": self.kind, "name": self.name, "card_ids": list(self.card_ids)}


def items_for(clusters: Sequence[dict], cards: Sequence[dict]) -> list[Item]:
    """The ballot: every non-empty cluster, then every card in no cluster.

    ``clusters``: ``{id, name, card_ids}``; ``cards``: ``{id, text, participant_id}``."""
    by_id = {c["id"]: c for c in cards}
    clustered: set[str] = set()
    items = []
    for cluster in clusters:
        ids = [cid for cid in cluster["card_ids"] if cid in by_id]
        if ids:
            clustered.update(ids)
            items.append(Item(cluster["id"], "cluster", cluster["name"], tuple(ids),
                              frozenset(by_id[i]["participant_id"] for i in ids)))
    for card in cards:
        if card["id"] not in clustered:
            items.append(Item(card["id"], "card", card["text"], (card["id"],),
                              frozenset({card["participant_id"]})))
    return items


def check_open(step: Step | None, items: Sequence[Item], already_open: bool) -> None:
    """May the facilitator open a vote in this step (the running one) on these items?"""
    if step is None:
        raise WrongPhase("cannot open a vote before the workshop has started")
    step.require("open_vote", facilitator=True, doing="open a vote")
    if already_open:
        raise VoteClosed("a vote is already open; close it first")
    if not items:
        raise InvalidInput("there is nothing to vote on yet: no cards and no clusters")


# Items on one ballot at most. People cannot weigh more in a vote, and every client receives the
# ballot when the vote opens and the ranking when it closes: at 3,000 loose cards that was ~400 KB
# and ~1 MB to each of 3,000 people (issue 17). More cards than this is what clustering is for.
BALLOT_MAX = 500


def check_ballot(items: Sequence[Item]) -> None:
    """Is one board's ballot small enough to vote on? (after ``check_open``)"""
    if len(items) > BALLOT_MAX:
        raise InvalidInput(f"a vote holds at most {BALLOT_MAX} items and this board has {len(items)}: "
                           "cluster the cards first, then vote on the clusters")


def check_dot(step: Step | None, status: str | None, settings: VoteSettings, items: Sequence[Item], item_id: object,
              voter_id: str, my_items: Iterable[str]) -> Item:
    """May this voter put one more dot on ``item_id``? ``my_items``: the item of
    each dot they have placed already. Returns the item."""
    if status is None:
        raise VoteClosed("no vote is open yet")
    if status != "open":
        raise VoteClosed("the vote is closed")
    _require(step, "place_dots", "place dots")
    item = next((i for i in items if i.id == item_id), None)
    if item is None:
        raise NotFound("no such item in this vote")
    if not settings.own_items and item.author_ids == {voter_id}:
        raise OwnItem("in this vote you cannot put dots on items made only of your own cards")
    mine = Counter(my_items)
    if sum(mine.values()) >= settings.dots_per_participant:
        raise NoDotsLeft(f"you have placed all {settings.dots_per_participant} of your dots")
    if mine[item.id] >= settings.max_per_item:
        raise TooManyOnItem(f"at most {settings.max_per_item} dots on one item")
    return item


def check_take_back(step: Step | None, status: str) -> None:
    if status != "open":
        raise VoteClosed("the vote is closed")
    _require(step, "place_dots", "take back dots")


def _require(step: Step | None, capability: str, doing: str) -> None:
    """The running step must let participants do this (``wrong_phase`` otherwise)."""
    if step is None:
        raise WrongPhase(f"cannot {doing} before the workshop has started")
    step.require(capability, doing=doing)


def dots_left(settings: VoteSettings, placed: int) -> int:
    return max(0, settings.dots_per_participant - placed)


def ranking(items: Sequence[Item], dots: Iterable[str]) -> list[dict]:
    """Items by dots, most first; equal dots share a rank ("1", "1", "3").
    ``dots``: the item id of every dot placed. Ties keep ballot order."""
    totals = Counter(dots)
    ordered = sorted(enumerate(items), key=lambda pair: (-totals[pair[1].id], pair[0]))
    ranked: list[dict] = []
    for place, (_, item) in enumerate(ordered):
        count = totals[item.id]
        rank = ranked[-1]["rank"] if ranked and ranked[-1]["dots"] == count else place + 1
        ranked.append({**item.public(), "dots": count, "rank": rank})
    return ranked
