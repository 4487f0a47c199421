"""How big and how slow a participant's snapshot is for a large workshop:
`python bench/snapshot_size.py [--cards N ...] [--text-length L] [--runs R]`.

From Cluster on every participant's snapshot carries every card of the
workshop, so a workshop's cards bound it (issue 13, item 7: one participant
stored 2,000 cards of 500 characters, and every snapshot was 1.5 MB). Builds
the workshop of ``bench/exports.py`` (300 participants, clusters, a closed
vote, topics, polls; phase Summary, which carries every section) with N cards,
then prints the snapshot's JSON size and the median time to read and encode it,
for a participant and a facilitator. ``--text-length 500`` gives every card
the longest text allowed: the worst case at a given number of cards.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.exports import build, more_cards  # noqa: E402
from workshop import create_app  # noqa: E402
from workshop.config import Config  # noqa: E402
from workshop.domain.cards import CARD_MAX  # noqa: E402
from workshop.domain.steps.collect import CARDS_PER_WORKSHOP  # noqa: E402
from workshop.domain.viewer import Viewer  # noqa: E402
from workshop.realtime import wire  # noqa: E402
from workshop.store import transfer  # noqa: E402
from workshop.store.snapshot import snapshot  # noqa: E402


def workshop_of(cards: int, text_length: int | None) -> dict:
    data = build(random.Random(7))
    more_cards(data, cards)
    if text_length:
        for n, card in enumerate(data["tables"]["cards"]):
            card["text"] = (f"Card {n} " + "x" * text_length)[:text_length]
    return data


def measure(store, viewer: Viewer, runs: int) -> tuple[int, float]:
    """The snapshot's size as JSON (bytes, as Socket.IO sends it) and the median ms to read and encode it
    (with Socket.IO's codec, which splices in the cards every participant shares)."""
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(wire.dumps(store.read(snapshot, viewer), separators=(",", ":")).encode())
        times.append(1000 * (time.perf_counter() - start))
    return size, statistics.median(times)


def run(cards: int, text_length: int | None, runs: int) -> None:
    data = workshop_of(cards, text_length)
    wid = data["workshop"]["id"]
    someone = data["tables"]["participants"][0]
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Config(db_path=f"{tmp}/bench.db", secret_key="bench" * 8, log_level="WARNING"))
        store = app.extensions["bowtie"].store
        store.write(transfer.restore, data)
        texts = f"{text_length}-character texts" if text_length else "short texts (about 40 characters)"
        for who, viewer in (("participant", Viewer(wid, someone["id"], someone["group_id"])),
                            ("facilitator", Viewer(wid, facilitator=True))):
            size, ms = measure(store, viewer, runs)
            print(f"{cards:>6,} cards, {texts:<34} {who:<12} {size / 1024:8.0f} KB {ms:8.1f} ms (median of {runs})")
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, nargs="+", default=[3000, CARDS_PER_WORKSHOP],
                        help=f"cards in the workshop (each at least 3,000; the cap is {CARDS_PER_WORKSHOP:,})")
    parser.add_argument("--text-length", type=int, nargs="+", default=[0, CARD_MAX],
                        help="characters in every card's text (0: the builder's short texts)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for cards in args.cards:
        for length in args.text_length:
            run(cards, length or None, args.runs)


if __name__ == "__main__":
    main()
