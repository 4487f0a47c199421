"""Event names the server does not know: answered, and counted by the rate limit."""
from __future__ import annotations

import pytest

from workshop import create_app
from workshop.config import Config


@pytest.mark.parametrize("name", ["card:ad", "vote:cast", "*", "connect_error", "x" * 300])
def test_an_unknown_event_gets_one_clear_error_and_changes_nothing(socketio, app, name):
    client = socketio.test_client(app)
    ack = client.emit(name, {"id": "whatever"}, callback=True)
    assert ack["ok"] is False
    assert ack["error"]["code"] == "unknown_event"
    assert ack["error"]["message"]
    assert client.emit("time", callback=True)["ok"], "the connection stays usable"


def test_an_unknown_event_is_answered_for_a_seated_participant_too(collecting, join):
    workshop, _ = collecting()
    ann = join(workshop)
    assert ann.call("card:ad", {"text": "typo"})["error"]["code"] == "unknown_event"
    assert ann.add_card("no typo")["ok"]


def test_an_unknown_event_with_two_payloads_is_refused_as_invalid(socketio, app):
    client = socketio.test_client(app)
    assert client.emit("nope", {}, {}, callback=True)["error"]["code"] == "invalid"


@pytest.fixture
def slow_app(tmp_path):
    # Practically no refill: only the burst is spent, whatever the test's pace.
    app = create_app(Config(db_path=str(tmp_path / "slow.db"), secret_key="slow" * 8, testing=True,
                            event_burst=5, events_per_second=0.001))
    yield app
    app.extensions["bowtie"].store.close()


def test_unknown_events_spend_the_same_rate_limit_as_known_ones(slow_app):
    client = slow_app.extensions["socketio"].test_client(slow_app)
    unknown = [client.emit(f"made:up{n}", {}, callback=True) for n in range(5)]
    assert [a["error"]["code"] for a in unknown] == ["unknown_event"] * 5
    assert client.emit("time", callback=True)["error"]["code"] == "too_fast"
    assert client.emit("made:up", {}, callback=True)["error"]["code"] == "too_fast"
