"""How long full garbage collections hold the loop, with and without BOWTIE_GC_FREEZE.

`python bench/collector.py [--connections N] [--events N] [--keep F] [--churn F]`

The load bench (bench/load.py) sees one or two full collections in a run, the
first of which walks the whole heap whatever the setting: too few to tell the
settings apart. This one builds a heap shaped like the server's at 3,000
connections (each connection ~150 tracked objects that refer to one another,
as eventlet's green threads, timers, queues and websockets do), then works on
it as a workshop does (short-lived objects per event, a board that grows, a
share of the connections closing and coming back) for `--events` events,
under the server's thresholds (700, 10, 100). It prints
each full collection's duration, the objects it walked, and the memory and the
garbage left at the end, once with the plain collector and once with
`workshop.collector.Collector`.
"""
from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop.collector import Collector  # noqa: E402


class Connection:
    """~150 tracked objects in a cycle, like a connection's transport objects."""

    def __init__(self, n: int):
        self.parts = [{"owner": self, "queue": [], "timer": [i]} for i in range(n // 3)]


def event(board: list, keep: float) -> None:
    """One event: short-lived garbage, a cycle among it, sometimes a card that stays."""
    request = {"environ": {"path": "/socket.io/"}, "args": [1, 2, 3]}
    request["self"] = request  # the per-event cycle Werkzeug's matcher leaves
    if random.random() < keep:
        board.append({"text": "keep the weekly demo", "dots": []})


def run(freeze: bool, connections: int, events: int, keep: float, churn: float, seed: int) -> dict:
    random.seed(seed)
    gc.collect()
    gc.set_threshold(700, 10, 100)
    board: list = []
    gc.collect()
    gc.freeze()  # start-up, as server.py does; the room comes after
    collector = Collector().install() if freeze else None
    room = []
    for _ in range(connections):
        room.append(Connection(150))
        if collector:
            collector.connection_opened()
    pauses: list[tuple[float, int]] = []
    started: dict = {}

    # From before every other callback's start to after every other callback's stop:
    # the collector's own work after a collection holds the loop as much as the walk.
    def timer(phase: str, info: dict) -> None:
        if info.get("generation") == 2 and phase == "start":
            started["at"], started["count"] = time.perf_counter(), sum(gc.get_count()) + len(gc.get_objects(2))

    def stopwatch(phase: str, info: dict) -> None:
        if info.get("generation") == 2 and phase == "stop":
            pauses.append((time.perf_counter() - started["at"], started["count"]))

    gc.callbacks.insert(0, timer)
    gc.callbacks.append(stopwatch)
    try:
        for _ in range(events // 1000):
            for _ in range(1000):
                event(board, keep)
            if random.random() < churn:  # a connection closes and another opens
                room[random.randrange(len(room))] = Connection(150)
                if collector:
                    collector.connection_closed()
                    collector.connection_opened()
    finally:
        gc.callbacks.remove(timer)
        gc.callbacks.remove(stopwatch)
        if collector:
            collector.uninstall()
    gc.unfreeze()
    left = gc.collect()
    return {"pauses": pauses, "thaws": collector.thaws if collector else 0, "garbage_at_end": left,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--events", type=int, default=20_000_000)
    parser.add_argument("--keep", type=float, default=0.01, help="share of events that leave a card that stays")
    parser.add_argument("--churn", type=float, default=0.05,
                        help="chance that a connection closes and another opens, per 1,000 events")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}; {args.connections} connections, {args.events:,} events, "
          f"a card kept per {1 / args.keep:.0f} events, churn {args.churn} per 1,000 events")
    for freeze in (False, True):
        result = run(freeze, args.connections, args.events, args.keep, args.churn, args.seed)
        pauses = result["pauses"]
        first, rest = pauses[0], sorted(took for took, _ in pauses[1:]) or [0.0]
        print(f"BOWTIE_GC_FREEZE={int(freeze)}: {len(pauses)} full collections; the first {first[0] * 1000:.0f} ms "
              f"({first[1] // 1000}k objects walked), the others median {rest[len(rest) // 2] * 1000:.0f} ms, "
              f"longest {rest[-1] * 1000:.0f} ms ({max(walked for _, walked in pauses[1:] or [(0, 0)]) // 1000}k)")
        print(f"  thaws {result['thaws']}; unreachable at the end (what a last whole collection frees) "
              f"{result['garbage_at_end']:,} objects; peak memory {result['rss_mb']:.0f} MB")

if __name__ == "__main__":
    main(sys.argv[1:])
