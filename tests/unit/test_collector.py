"""BOWTIE_GC_FREEZE: what survives a full collection is left out of the next ones, and is
given back to the collector once enough connections have closed to be worth a whole walk."""
from __future__ import annotations

import gc
import weakref

import pytest

from workshop.collector import Collector
from workshop.config import Config


class Connection:
    """Stands for a closed connection's objects: they refer to one another."""

    def __init__(self):
        self.me = self


@pytest.fixture
def collector():
    collector = Collector(least=3).install()
    yield collector
    collector.uninstall()
    gc.unfreeze()
    gc.collect()


def a_connection_left_behind():
    """A connection that lived through a full collection, then closed: a cycle nobody reaches."""
    connection = Connection()
    gone = weakref.ref(connection)
    gc.collect()
    del connection
    return gone


def test_a_full_collection_freezes_its_survivors_so_the_next_ones_skip_them(collector):
    gone = a_connection_left_behind()
    gc.collect()
    assert gone() is not None  # frozen: the next full collection did not walk it
    assert collector.freezes >= 2


def test_young_collections_freeze_nothing(collector):
    before = collector.freezes
    gc.collect(0)
    gc.collect(1)
    assert collector.freezes == before


def test_once_as_many_connections_closed_as_are_open_the_next_full_collection_frees_them(collector):
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
    assert gone() is None


def test_a_thaw_waits_for_as_many_closed_as_are_open(collector):
    for _ in range(10):
        collector.connection_opened()
    for _ in range(4):
        collector.connection_closed()  # 4 closed, 6 open
    assert collector.thaws == 0
    collector.connection_closed()  # 5 and 5
    assert collector.thaws == 1 and collector.closed_since_thaw == 0


def test_once_the_frozen_heap_has_doubled_the_next_full_collection_walks_it_whole(collector):
    gone = a_connection_left_behind()  # a cycle among long-lived objects, no connection closed
    gc.collect()
    assert gone() is not None and collector.thaws == 0
    grown = [[] for _ in range(gc.get_freeze_count() + 1000)]  # the heap more than doubles
    gc.collect()
    assert collector.thaws == 1
    gc.collect()
    assert gone() is None
    gc.collect()
    assert collector.thaws == 1  # the whole walk set the new measure: one doubling, one walk
    del grown


def test_without_the_collector_a_full_collection_frees_a_closed_connection():
    gone = a_connection_left_behind()
    gc.collect()
    assert gone() is None


def test_the_setting_is_on_unless_turned_off():
    assert Config.from_env({}).gc_freeze is True
    assert Config.from_env({"BOWTIE_GC_FREEZE": "0"}).gc_freeze is False
