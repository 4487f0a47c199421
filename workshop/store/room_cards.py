"""Every card of a workshop as participants read it from Cluster on: encoded
once per change of the workshop and shared by every participant's snapshot.

Stepping into Cluster makes every participant take a snapshot with every card
(3,000 people × 3,000 cards: ~740 KB each). Building and encoding the cards per
participant cost the room ~95 CPU-seconds and collapsed the server; now each
snapshot splices in the shared text (``per_change``), re-encoding only the
viewer's own cards (``mine``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..domain import cards as rules
from ..domain.viewer import Viewer
from ..json_text import JSONText, array
from .cards import card_json
from .events import Tx
from .per_change import kept
from .workshops import Workshop


@dataclass(frozen=True)
class Encoded:
    cards: tuple[dict, ...]  # as stored, in the order written
    texts: tuple[str, ...]  # each as a participant who did not write it reads it
    by_author: dict[str, tuple[int, ...]]  # the cards each participant wrote, by position


def _read(tx: Tx, workshop_id: str) -> list[dict]:
    """Every card of the workshop as stored, in the order written."""
    return [card_json(r) for r in tx.query(
        "SELECT id, participant_id, group_id, \"column\", text, created_at, updated_at FROM cards "
        "WHERE workshop_id = ? ORDER BY created_at", [workshop_id])]


def as_seen_by(tx: Tx, workshop: Workshop, viewer: Viewer) -> JSONText:
    """Every card of the workshop as this participant reads it, as JSON text."""
    encoded = kept(tx, workshop, "room cards", lambda: _encode(_read(tx, workshop.id)))
    texts = list(encoded.texts)
    for n in encoded.by_author.get(viewer.participant_id or "", ()):
        texts[n] = _text(rules.as_seen_by(encoded.cards[n], facilitator=False, viewer_id=viewer.participant_id))
    return array(texts)


def _encode(cards: list[dict]) -> Encoded:
    by_author: dict[str, list[int]] = {}
    for n, card in enumerate(cards):
        if card["participant_id"]:
            by_author.setdefault(card["participant_id"], []).append(n)
    return Encoded(tuple(cards), tuple(_text(rules.as_seen_by(c, facilitator=False, viewer_id=None)) for c in cards),
                   {author: tuple(ns) for author, ns in by_author.items()})


def _text(card: dict) -> str:
    return json.dumps(card, separators=(",", ":"))

