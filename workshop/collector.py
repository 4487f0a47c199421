"""Full garbage collections that do not walk the whole room again (``BOWTIE_GC_FREEZE``).

At 3,000 connections the heap holds ~450,000 long-lived objects, nearly all of
them the transport's (each connection's green threads, timers, queues, socket,
websocket), and a full collection walks every one of them with the event loop
stopped: 340-450 ms (docs/performance.md). Most of them outlive many
collections. So whatever survives a full collection is frozen (`gc.freeze()`):
the next full collection walks only what came since.

The price: a frozen object that later becomes part of a reference cycle that
nothing else reaches (a closed connection: its green thread, socket and
websocket refer to one another) is not freed while it stays frozen. So once as
many connections have closed since the last thaw as are open now (and at least
``least``), everything is thawed: the next full collection walks the whole
heap once, frees them and freezes the survivors again. What a churn of
connections can hold back is bounded by about the size of the room itself.
Other cycles that form among long-lived objects are bounded the same way by
the heap's growth: once the frozen objects are twice as many as after the last
whole walk, everything is thawed too.

The first full collection after start-up would walk the whole room once, to free
next to nothing (16-32 objects after a join storm of 3,000, in 380-460 ms with the
loop stopped). So it is not left to walk it: when a middle collection has just
moved its survivors into the oldest generation and the next would be a full one,
the oldest generation is frozen as it is. What that holds back is what the walk
would have freed then, and it goes at the first thaw. After a thaw the whole walk
is the point (it frees the closed connections), and it is left to happen.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass


@dataclass
class Collector:
    """Freezes the survivors of each full collection; thaws after enough connections closed."""

    least: int = 100  # closed connections below which no thaw is worth a whole-heap walk
    open: int = 0
    closed_since_thaw: int = 0
    freezes: int = 0
    thaws: int = 0
    walked: int = 0  # objects frozen after the last whole-heap walk (0: that walk is still to come)
    frozen: int = 0  # objects frozen now, counted as they are frozen

    def install(self) -> "Collector":
        self.frozen = gc.get_freeze_count()  # what start-up froze: walked once, here
        gc.callbacks.append(self.after_collection)
        return self

    def uninstall(self) -> None:
        if self.after_collection in gc.callbacks:
            gc.callbacks.remove(self.after_collection)

    def after_collection(self, phase: str, info: dict) -> None:
        # Called by the interpreter once a collection is over: a full one has just merged
        # every generation into the oldest and freed what it could, so what is left is
        # exactly what survived it. A middle one has just moved its survivors there.
        if phase != "stop":
            return
        generation = info.get("generation")
        if generation == 1 and self.first_walk_ahead():
            self.freeze()
            self.walked = self.frozen  # the room as the walk would have found it
        elif generation == 2:
            self.freeze()
            if not self.walked:
                self.walked = self.frozen
            elif self.frozen > 2 * self.walked:
                self.thaw()

    def first_walk_ahead(self) -> bool:
        """Whether the next middle collection would be the first full one since start-up."""
        if self.freezes or self.thaws:
            return False
        return gc.get_count()[2] >= gc.get_threshold()[2]

    def freeze(self) -> None:
        # What survived is in the oldest generation, and only that is about to be frozen:
        # counting it walks what the collection just walked (or, ahead of the first walk, a
        # list of the room, not its references). gc.get_freeze_count() walks every frozen
        # object (~660,000 after a join storm of 3,000, scattered over the heap), and added
        # tens of milliseconds to every full collection's pause.
        self.frozen += len(gc.get_objects(generation=2))
        gc.freeze()
        self.freezes += 1

    def connection_opened(self) -> None:
        self.open += 1

    def connection_closed(self) -> None:
        self.open = max(0, self.open - 1)
        self.closed_since_thaw += 1
        if self.closed_since_thaw >= max(self.least, self.open):
            self.thaw()

    def thaw(self) -> None:
        gc.unfreeze()
        self.frozen = 0
        self.closed_since_thaw = 0
        self.walked = 0
        self.thaws += 1
