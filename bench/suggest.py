"""How long suggesting clusters takes: `python bench/suggest.py [--cards 3000]`.

Times ``similarity.suggestions`` (what `clusters:suggest` runs, off the event
loop) on that many loose cards written from a retro's usual vocabulary; then
again beside a thread that spins without pause, the worst case of an event
loop that is busy meanwhile, and how much of its own pace that thread keeps.

``--server``: also on a real `server.py` (eventlet, as bench/export_stalls.py
starts it): a workshop with that many loose cards, `clusters:suggest` asked
three times while a second client polls `/healthz` every 5 ms; the latency of
`/healthz` is how long the event loop was held.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import socketio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import export_stalls  # noqa: E402

from workshop.domain import similarity  # noqa: E402

TOPICS = ("demo customer", "meeting agenda", "pair programming", "flaky test", "onboarding doc", "release train",
          "code review", "standup", "coffee machine", "deploy pipeline", "estimate", "retro action", "wiki",
          "focus time", "support ticket", "design system", "incident", "on-call", "roadmap", "budget")
FILLER = ("more", "fewer", "keep", "stop", "every", "sprint", "week", "team", "our", "the", "better", "friday",
          "please", "again", "new", "hires", "slow", "broken", "clear", "shared")


def card(rng: random.Random) -> str:
    words = rng.choice(TOPICS).split() + rng.sample(FILLER, rng.randint(1, 4))
    rng.shuffle(words)
    return " ".join(words).capitalize()


def pace_kept(work) -> tuple[float, float]:
    """Run ``work`` on a thread; return its seconds and the share of its own
    pace that this thread kept meanwhile."""
    def spin(seconds: float) -> int:
        n, end = 0, time.perf_counter() + seconds
        while time.perf_counter() < end:
            n += 1
        return n
    alone = spin(0.5) / 0.5
    done = threading.Event()
    took: list[float] = []

    def run() -> None:
        start = time.perf_counter()
        work()
        took.append(time.perf_counter() - start)
        done.set()
    worker = threading.Thread(target=run)
    start = time.perf_counter()
    worker.start()
    spins = 0
    while not done.is_set():
        spins += spin(0.05)
    elapsed = time.perf_counter() - start
    worker.join()
    return took[0], spins / elapsed / alone


def on_server(loose: int) -> None:
    data = export_stalls.workshop(loose)  # 3,000 cards at least
    data["workshop"]["phase"] = "cluster"
    tables = data["tables"]
    tables["cluster_cards"] = []  # every card loose
    rng = random.Random(11)
    tables["cards"] = [{**c, "text": card(rng)} for c in tables["cards"]][:loose]
    wid = data["workshop"]["id"]
    with tempfile.TemporaryDirectory() as workdir:
        server, url = export_stalls.start(Path(__file__).resolve().parent.parent, workdir)
        try:
            created = requests.post(url + "/api/workshops/import", data=json.dumps(data), timeout=300,
                                    headers={"Content-Type": "application/json"})
            assert created.status_code == 201, created.text[:300]
            client = socketio.Client()
            client.connect(url, transports=["websocket"])
            assert client.call("facilitate", {"workshop_id": wid, "key": export_stalls.KEY})["ok"]
            done, latencies = threading.Event(), []
            poller = threading.Thread(target=export_stalls.poll, args=(url, done, latencies))
            poller.start()
            took = []
            for _ in range(3):
                start = time.perf_counter()
                ack = client.call("clusters:suggest", {}, timeout=120)
                took.append(time.perf_counter() - start)
                assert ack["ok"], ack
            done.set()
            poller.join()
            client.disconnect()
        finally:
            server.terminate()
            server.wait(10)
    latencies.sort()
    print(f"server: clusters:suggest over {loose:,} loose cards: {min(took):.2f} s best of 3; /healthz meanwhile "
          f"n={len(latencies)} p50={latencies[len(latencies) // 2] * 1000:.1f} ms "
          f"p99={latencies[int(0.99 * (len(latencies) - 1))] * 1000:.1f} ms max={latencies[-1] * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=3000)
    parser.add_argument("--server", action="store_true", help="also measure /healthz on a real server meanwhile")
    args = parser.parse_args()
    rng = random.Random(11)
    cards = [(f"card-{i}", card(rng)) for i in range(args.cards)]
    start = time.perf_counter()
    found = similarity.suggestions(cards)
    alone = time.perf_counter() - start
    busy, kept = pace_kept(lambda: similarity.suggestions(cards))
    considered = min(args.cards, similarity.MAX_CARDS)
    print(f"suggest: {args.cards:,} loose cards ({considered:,} considered, cap {similarity.MAX_CARDS:,}): "
          f"{alone:.2f} s, {len(found)} suggestions")
    print(f"  beside a thread that never waits (a saturated event loop): {busy:.2f} s, "
          f"and that thread kept {kept:.0%} of its pace")
    if args.server:
        on_server(args.cards)


if __name__ == "__main__":
    main()
