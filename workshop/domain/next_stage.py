"""The next stage of the bowtie: what earlier workshops hand on to a new one.

Leaders consolidate what many groups or sessions found: each earlier
workshop's top clusters (ranked by dots), with their cards, become the starting
material of the new workshop, each marked with where it came from.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import InvalidInput

MAX_SOURCES = 20
MAX_TOP = 50


@dataclass(frozen=True)
class CarriedCard:
    source_card_id: str
    column: str
    text: str
    group: str


@dataclass(frozen=True)
class Carried:
    """One cluster (or, before any clustering, the loose cards) of an earlier workshop."""
    source_workshop_id: str
    source_title: str
    title: str  # the cluster's name; "" for loose cards
    dots: int
    rank: int
    cards: tuple[CarriedCard, ...]
    source_cluster_id: str = ""


def check_sources(value: object) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise InvalidInput("from must list the ids of one or more earlier workshops")
    if len(value) > MAX_SOURCES:
        raise InvalidInput(f"carry from at most {MAX_SOURCES} workshops at once")
    return list(dict.fromkeys(value))


def check_top(value: object) -> int:
    if value is None:
        return 5
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_TOP:
        raise InvalidInput(f"top must be a whole number from 1 to {MAX_TOP}")
    return value


def _card(card: dict) -> CarriedCard:
    return CarriedCard(card["id"], card["column"], card["text"], card.get("group", ""))


def top_material(summary: dict, top: int) -> list[Carried]:
    """The top clusters of one workshop's summary; its loose cards if it has no clusters.

    A card is carried once: a later board's cluster of cards already carried (the
    whole room gathering a group's top item again, as the all-hands agenda does)
    adds only its cards not carried yet, and nothing when it has none."""
    source = summary["workshop"]
    clusters = summary.get("clusters")
    if clusters:
        carried: list[Carried] = []
        seen: set[str] = set()
        for i, c in enumerate(clusters):
            cards = tuple(_card(card) for card in c["cards"] if card["id"] not in seen)
            if not cards and c["cards"]:
                continue
            seen.update(card.source_card_id for card in cards)
            carried.append(Carried(source["id"], source["title"], c["name"], c.get("dots") or 0,
                                   c.get("rank") or i + 1, cards, c["id"]))
            if len(carried) == top:
                break
        return carried
    cards = tuple(_card(c) for c in summary.get("cards", []))
    return [Carried(source["id"], source["title"], "", 0, 1, cards)] if cards else []
