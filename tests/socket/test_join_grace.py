"""Sessions that never join (issue 13, item 2): 10,000 idle connections made
newcomers' connects fail. A Socket.IO session that has neither joined nor
facilitated within ``BOWTIE_JOIN_GRACE`` seconds (default 30) is closed."""
from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from workshop import create_app
from workshop.config import Config
from workshop.realtime.doorway import Doorway
from workshop.realtime.join import turn_away


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(app) -> Clock:
    """The app's doorway on a clock the test moves (its sweeper is not needed for these)."""
    clock = Clock()
    app.extensions["bowtie"].doorway = Doorway(30.0, clock=clock)
    return clock


def test_the_grace_is_30_seconds_unless_configured():
    assert Config().join_grace == 30
    assert Config.from_env({"BOWTIE_JOIN_GRACE": "5"}).join_grace == 5


def test_a_session_that_never_joins_is_closed_after_the_grace(app, socketio, clock):
    idle = socketio.test_client(app)
    clock.now += 29
    assert turn_away(app.extensions["bowtie"]) == []
    assert idle.is_connected()
    clock.now += 2
    assert len(turn_away(app.extensions["bowtie"])) == 1
    assert not idle.is_connected()


def test_a_failed_join_does_not_buy_time(app, socketio, clock):
    guesser = socketio.test_client(app)
    assert guesser.emit("join", {"code": "NOPE42", "name": "Eve"}, callback=True)["ok"] is False
    clock.now += 31
    turn_away(app.extensions["bowtie"])
    assert not guesser.is_connected()


def test_participants_and_facilitators_who_joined_stay(app, socketio, clock, make_workshop, join, facilitator_of):
    workshop = make_workshop()
    ann, facilitator = join(workshop, "Ann"), facilitator_of(workshop)
    clock.now += 3600
    assert turn_away(app.extensions["bowtie"]) == []
    assert ann.client.is_connected() and facilitator.client.is_connected()
    assert ann.call("sync", {})["ok"]


@pytest.fixture
def quick_app(config):
    app = create_app(replace(config, join_grace=0.2))
    yield app
    app.extensions["bowtie"].store.close()


def test_the_server_closes_idle_sessions_by_itself(quick_app, monkeypatch):
    """The sweeper, not the test, closes it: a short grace, and a wait for the disconnect."""
    socketio = quick_app.extensions["socketio"]
    closed = threading.Event()
    disconnect = socketio.server.disconnect
    monkeypatch.setattr(socketio.server, "disconnect", lambda *a, **k: (disconnect(*a, **k), closed.set()))
    idle = socketio.test_client(quick_app)
    assert closed.wait(10)
    assert not idle.is_connected()
    assert quick_app.extensions["bowtie"].doorway.next_look() is None  # the sweeper stops once no one waits
