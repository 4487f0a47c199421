"""Suggesting clusters is seconds of CPU for thousands of cards: it runs where the
store runs blocking work (eventlet's thread pool in production), so the server
keeps answering everyone else meanwhile."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.socket.sorting import cluster
from workshop import create_app
from workshop.domain import similarity

OFFLOAD = "offload"


@pytest.fixture
def app(config):
    """An app whose blocking work runs on a pool of named threads, as under eventlet."""
    pool = ThreadPoolExecutor(4, thread_name_prefix=OFFLOAD)
    app = create_app(config, offload=lambda fn, *args: pool.submit(fn, *args).result())
    yield app
    app.extensions["bowtie"].store.close()
    pool.shutdown()


def test_others_are_answered_while_a_suggestion_is_being_computed(board, facilitator_of, monkeypatch):
    b = board()
    colleague = facilitator_of(b.workshop)
    started, release = threading.Event(), threading.Event()
    seen: dict = {}
    real = similarity.suggest

    def slow_suggest(cards, threshold):
        seen["thread"] = threading.current_thread().name
        started.set()
        assert release.wait(10), "the test never released the suggestion"
        return real(cards, threshold)

    monkeypatch.setattr(similarity, "suggest", slow_suggest)
    asking = threading.Thread(target=lambda: seen.update(ack=b.facilitator.call("clusters:suggest", {})))
    asking.start()
    assert started.wait(10), "the suggestion never started"

    # The suggestion is still running: other people's events are answered, and stored, meanwhile.
    assert b.people[0].call("time")["ok"]
    assert cluster(colleague, b.cards["Too many meetings"], name="Meetings")["ok"]
    assert "ack" not in seen
    release.set()
    asking.join(10)

    assert seen["ack"]["ok"] and seen["ack"]["suggestions"]
    assert seen["thread"].startswith(OFFLOAD), "the suggestion ran on the thread that handles events"
