"""BOWTIE_GC_FREEZE: what survives a full collection is left out of the next ones, and is
given back to the collector once enough connections have closed, or the heap has grown
enough, to be worth a whole walk. The room is frozen before the first full collection
would walk it.

Each case runs in a fresh interpreter: a full collection in the test session's own heap
(millions of objects by the end of the suite) would take seconds, and freezing it would
reach into every other test."""
from __future__ import annotations

import gc
import multiprocessing
import weakref

from workshop.collector import Collector
from workshop.config import Config


class Connection:
    """Stands for a closed connection's objects: they refer to one another."""

    def __init__(self):
        self.me = self


def in_a_fresh_interpreter(case) -> None:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pool.apply(case)  # an AssertionError in the case is raised here


def a_connection_left_behind():
    """A connection that lived through a full collection, then closed: a cycle nobody reaches."""
    connection = Connection()
    gone = weakref.ref(connection)
    gc.collect()
    del connection
    return gone


def survivors_are_frozen():
    collector = Collector(least=3).install()
    gone = a_connection_left_behind()
    gc.collect()
    assert gone() is not None, "the next full collection walked a frozen object"
    assert collector.freezes >= 2


def young_collections_freeze_nothing():
    gc.set_threshold(700, 10, 100)  # the server's: no full collection due after these two
    gc.collect()
    collector = Collector(least=3).install()
    gc.collect(0)
    gc.collect(1)
    assert collector.freezes == 0


def closed_connections_thaw():
    collector = Collector(least=3).install()
    for _ in range(4):
        collector.connection_opened()
    gone = a_connection_left_behind()
    for _ in range(2):
        collector.connection_closed()  # 2 open, 2 closed: no thaw yet (least is 3)
    gc.collect()
    assert gone() is not None and collector.thaws == 0
    collector.connection_closed()  # 3 closed, 1 open
    assert collector.thaws == 1
    gc.collect()
    assert gone() is None, "a thaw did not give the closed connection back"


def a_thaw_waits_for_as_many_closed_as_open():
    small = Collector()
    for _ in range(10):
        small.connection_opened()
    for _ in range(10):
        small.connection_closed()
    assert small.thaws == 0, "ten closed connections are not worth a whole walk"
    collector = Collector()
    for _ in range(300):
        collector.connection_opened()
    for _ in range(149):
        collector.connection_closed()  # 149 closed, 151 open
    assert collector.thaws == 0
    collector.connection_closed()  # 150 and 150
    assert collector.thaws == 1 and collector.closed_since_thaw == 0


def a_doubled_heap_thaws():
    collector = Collector().install()
    gone = a_connection_left_behind()  # a cycle among long-lived objects, no connection closed
    gc.collect()
    assert gone() is not None and collector.thaws == 0
    grown = [[] for _ in range(gc.get_freeze_count() + 1000)]  # the heap more than doubles
    gc.collect()
    assert collector.thaws == 1
    gc.collect()
    assert gone() is None, "the whole walk after the thaw did not free the cycle"
    gc.collect()
    assert collector.thaws == 1, "the whole walk did not set the new measure: one doubling, one walk"
    del grown


def the_frozen_are_counted_as_they_are_frozen():
    gc.freeze()  # as start-up does, before the collector is installed
    collector = Collector(least=3).install()
    kept = []
    for _ in range(3):
        kept.append([[] for _ in range(500)])  # survivors of the next full collection
        gc.collect()
        assert close_to(collector)
    for _ in range(4):
        collector.connection_opened()
    for _ in range(3):
        collector.connection_closed()  # a thaw
    assert collector.frozen == gc.get_freeze_count() == 0
    gc.collect()
    assert close_to(collector) and collector.walked == collector.frozen > 0


def the_room_is_frozen_ahead_of_the_first_full_collection():
    gc.set_threshold(700, 10, 100)
    gc.collect()
    collector = Collector().install()
    room = [[] for _ in range(20_000)]  # joined since start-up
    gc.collect(1)  # the room outlives a middle collection: the oldest generation
    assert collector.freezes == 0, "frozen with no full collection due"
    gc.set_threshold(700, 10, gc.get_count()[2] + 1)
    gc.collect(1)  # the next middle collection would be the first full one
    assert collector.freezes == 1 and gc.get_freeze_count() >= len(room), "the room was not frozen"
    assert len(gc.get_objects(generation=2)) < 1_000, "the first full collection would walk the whole room"
    assert collector.walked == collector.frozen and close_to(collector)
    gc.collect()
    assert collector.freezes == 2 and collector.thaws == 0


def after_a_thaw_the_whole_walk_still_comes():
    gc.set_threshold(700, 10, 3)
    collector = Collector(least=3).install()
    for _ in range(4):
        collector.connection_opened()
    for _ in range(3):
        collector.connection_closed()  # a thaw before any full collection
    connection = Connection()
    gone = weakref.ref(connection)
    gc.collect(1)  # it outlives a middle collection: the oldest generation
    del connection
    for _ in range(3):
        gc.collect(1)
    gc.collect()
    assert gone() is None, "the walk the thaw asked for was skipped"


def close_to(collector: Collector) -> bool:
    """The kept count misses only the collections' own young objects (the callbacks'
    ``info``): a few per freeze, against tens of thousands frozen."""
    return 0 <= gc.get_freeze_count() - collector.frozen <= 3 * collector.freezes


def without_the_collector_a_cycle_is_freed():
    gone = a_connection_left_behind()
    gc.collect()
    assert gone() is None


def test_a_full_collection_freezes_its_survivors_so_the_next_ones_skip_them():
    in_a_fresh_interpreter(survivors_are_frozen)


def test_young_collections_freeze_nothing():
    in_a_fresh_interpreter(young_collections_freeze_nothing)


def test_once_as_many_connections_closed_as_are_open_the_next_full_collection_frees_them():
    in_a_fresh_interpreter(closed_connections_thaw)


def test_a_thaw_waits_for_as_many_closed_as_are_open_and_at_least_a_hundred():
    in_a_fresh_interpreter(a_thaw_waits_for_as_many_closed_as_open)


def test_once_the_frozen_heap_has_doubled_the_next_full_collection_walks_it_whole():
    in_a_fresh_interpreter(a_doubled_heap_thaws)


def test_the_collector_counts_what_it_freezes_without_walking_the_frozen_heap():
    in_a_fresh_interpreter(the_frozen_are_counted_as_they_are_frozen)


def test_the_first_full_collection_finds_the_room_already_frozen():
    in_a_fresh_interpreter(the_room_is_frozen_ahead_of_the_first_full_collection)


def test_after_a_thaw_the_first_full_collection_still_walks_and_frees():
    in_a_fresh_interpreter(after_a_thaw_the_whole_walk_still_comes)


def test_without_the_collector_a_full_collection_frees_a_closed_connection():
    in_a_fresh_interpreter(without_the_collector_a_cycle_is_freed)


def test_the_setting_is_on_unless_turned_off():
    assert Config.from_env({}).gc_freeze is True
    assert Config.from_env({"BOWTIE_GC_FREEZE": "0"}).gc_freeze is False
