"""Every card of a workshop as participants read it from Cluster on: encoded
once per change of the workshop and shared by every participant's snapshot.

Stepping into Cluster makes every participant take a snapshot with every card
(3,000 people × 3,000 cards: ~740 KB each). Building and encoding the cards per
participant cost the room ~95 CPU-seconds and collapsed the server; now each
snapshot splices in the shared text (``per_change``), re-encoding only the
viewer's own cards (``mine``).

A client may instead take the shared cards over HTTP (``shared_cards`` in
``join``/``sync``; ``GET /api/workshops/<id>/cards/shared``): its snapshot then
carries only its own cards and the shared text's ``etag``. Every response sends
the same bytes, compressed once, where a snapshot inline is a copy per
participant held until that participant's connection has read it (~3 GB at
3,000 × 3,000, docs/performance.md).
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from .. import compact_json
from ..domain import cards as rules
from ..domain.viewer import Viewer
from ..gzipped import compress
from ..json_text import JSONText, array
from .cards import card_json
from .events import Tx
from .per_change import kept
from .workshops import Workshop

# Compressed texts kept, by etag: the same cards give the same etag across changes of
# the workshop that leave them alone (clustering, voting), so a room's re-syncs share one.
_GZIPPED_KEPT = 16
_gzipped: OrderedDict[str, bytes] = OrderedDict()
_gzip_lock = threading.Lock()


@dataclass(frozen=True)
class Encoded:
    cards: tuple[dict, ...]  # as stored, in the order written
    texts: tuple[str, ...]  # each as a participant who did not write it reads it
    by_author: dict[str, tuple[int, ...]]  # the cards each participant wrote, by position
    body: bytes = field(repr=False)  # the texts as one JSON array, UTF-8
    etag: str = ""  # names the body: equal bodies, equal etags


@dataclass(frozen=True)
class SharedCards:
    """Every card as one participant reads it: ``inline()``, or ``by_reference()`` (own cards + etag)."""
    encoded: Encoded
    own: dict[int, str]  # position -> the viewer's own card as they read it (``mine``)

    def inline(self) -> JSONText:
        texts = list(self.encoded.texts)
        for n, text in self.own.items():
            texts[n] = text
        return array(texts)

    def by_reference(self) -> tuple[JSONText, dict]:
        """The viewer's own cards, and what names the shared rest (``shared_cards``)."""
        return array(list(self.own.values())), {"etag": self.encoded.etag, "count": len(self.encoded.texts)}


def _read(tx: Tx, workshop_id: str) -> list[dict]:
    """Every card of the workshop as stored, in the order written."""
    return [card_json(r) for r in tx.query(
        "SELECT id, participant_id, group_id, \"column\", text, created_at, updated_at FROM cards "
        "WHERE workshop_id = ? ORDER BY created_at", [workshop_id])]


def encoded(tx: Tx, workshop: Workshop) -> Encoded:
    return kept(tx, workshop, "room cards", lambda: _encode(_read(tx, workshop.id)))


def as_seen_by(tx: Tx, workshop: Workshop, viewer: Viewer) -> SharedCards:
    """Every card of the workshop as this participant reads it."""
    shared = encoded(tx, workshop)
    own = {n: _text(rules.as_seen_by(shared.cards[n], facilitator=False, viewer_id=viewer.participant_id))
           for n in shared.by_author.get(viewer.participant_id or "", ())}
    return SharedCards(shared, own)


def gzipped(shared: Encoded) -> bytes:
    """The body compressed, once per etag (``shared_cards`` asks inside a read)."""
    with _gzip_lock:
        packed = _gzipped.get(shared.etag)
        if packed is None:
            packed = _gzipped[shared.etag] = compress(shared.body, level=6)
            while len(_gzipped) > _GZIPPED_KEPT:
                _gzipped.popitem(last=False)
        _gzipped.move_to_end(shared.etag)
        return packed


def _encode(cards: list[dict]) -> Encoded:
    by_author: dict[str, list[int]] = {}
    for n, card in enumerate(cards):
        if card["participant_id"]:
            by_author.setdefault(card["participant_id"], []).append(n)
    texts = tuple(_text(rules.as_seen_by(c, facilitator=False, viewer_id=None)) for c in cards)
    body = array(texts).text.encode("utf-8")
    return Encoded(tuple(cards), texts, {author: tuple(ns) for author, ns in by_author.items()}, body,
                   hashlib.blake2b(body, digest_size=16).hexdigest())


def _text(card: dict) -> str:
    return compact_json.dumps(card)
