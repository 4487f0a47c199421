"""How long the event loop is held, for the benchmark (``BOWTIE_LOOP_LAG_PROBE=1``).

A background task asks to sleep ``INTERVAL`` over and over; whatever it
oversleeps is time the loop was busy elsewhere (a handler, a broadcast, a
garbage collection). ``GET /bench/loop-lag`` answers the longest overshoot
since the previous request and over the whole run, then starts a new window,
so that bench/load.py can print one per scenario. Off by default: a server in
use neither runs the task nor has the route.
"""
from __future__ import annotations

import time
from typing import Callable

from flask import Flask, jsonify

INTERVAL = 0.010  # seconds the probe asks to sleep
LONG = 0.050  # an overshoot this long counts as a pause people could notice


class LoopLag:
    """The probe's record: the longest overshoot in this window and ever."""

    def __init__(self) -> None:
        self.window_max = self.overall_max = 0.0
        self.window_long = self.overall_long = self.window_ticks = 0

    def record(self, overshoot: float) -> None:
        overshoot = max(0.0, overshoot)
        self.window_ticks += 1
        self.window_max = max(self.window_max, overshoot)
        self.overall_max = max(self.overall_max, overshoot)
        if overshoot > LONG:
            self.window_long += 1
            self.overall_long += 1

    def take(self) -> dict:
        """This window's figures (milliseconds), and start the next one."""
        figures = {"window_max_ms": self.window_max * 1000, "window_over_50ms": self.window_long,
                   "window_ticks": self.window_ticks, "overall_max_ms": self.overall_max * 1000,
                   "overall_over_50ms": self.overall_long}
        self.window_max, self.window_long, self.window_ticks = 0.0, 0, 0
        return figures


def init_app(app: Flask, sleep: Callable[[float], None], start: Callable[[Callable[[], None]], object]) -> LoopLag:
    """Start the probe with the app's own ``sleep`` and background task (eventlet's green
    thread under server.py), and serve its record at ``/bench/loop-lag``."""
    lag = LoopLag()

    def probe() -> None:
        while True:
            began = time.perf_counter()
            sleep(INTERVAL)
            lag.record(time.perf_counter() - began - INTERVAL)

    start(probe)
    app.add_url_rule("/bench/loop-lag", "loop_lag", lambda: jsonify(lag.take()))
    return lag
