"""bench/collector.py times a full collection from before every callback's start to
after every callback's stop: the collector's own work after a collection holds the
loop as much as the walk. It once stopped the clock before that work, and printed
1 ms for pauses of ~60 ms.

Runs in a fresh interpreter: the bench sets the collector's thresholds and freezes
the heap, which would reach into every other test."""
from __future__ import annotations

import multiprocessing
import time


def pauses_with_a_second_of_collector_work() -> None:
    import bench.collector as bench
    from workshop.collector import Collector

    held = [0.0]  # seconds the collector's callback "took", on the bench's clock
    after = Collector.after_collection

    def slow(self, phase: str, info: dict) -> None:
        after(self, phase, info)
        if phase == "stop" and info.get("generation") == 2:
            held[0] += 1.0

    class Clock:
        @staticmethod
        def perf_counter() -> float:
            return time.perf_counter() + held[0]

    Collector.after_collection = slow  # type: ignore[method-assign]
    bench.time = Clock  # type: ignore[assignment]
    pauses = bench.run(True, connections=300, events=3_000_000, keep=0.01, churn=0.05, seed=1)["pauses"]
    assert pauses, "no full collection in the run"
    assert all(took >= 1.0 for took, _ in pauses), pauses


def test_a_full_collections_pause_includes_the_collectors_own_work():
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pool.apply(pauses_with_a_second_of_collector_work)
