"""Handling an event leaves no garbage cycles behind.

Cycles wait for a full garbage collection, which stops the server for every
participant at once: at 3,000 participants, a storm of 15,000 dots left cycles
that held the loop for 1.4 s (docs/performance.md). Plain data is freed at once
by reference counting."""
import gc

from tests.conftest import new_id


def garbage_after(action) -> int:
    gc.collect()
    gc.disable()
    try:
        action()
        return gc.collect()
    finally:
        gc.enable()


def test_events_leave_no_reference_cycles(collecting, join):
    workshop, facilitator = collecting()
    ann = join(workshop, "Ann")
    ann.add_card("warm up")  # first-use caches fill outside the measurement
    events = 40

    def write_cards():
        for i in range(events):
            assert ann.add_card(f"card {i}")["ok"]

    # A request context kept alive by its NotFound's traceback left 60 objects
    # per event. What remains is Werkzeug's URL matcher, whose recursive inner
    # function refers to itself: 8 small objects per match, not ours to change.
    assert garbage_after(write_cards) <= 8 * events


def test_events_over_a_websocket_leave_no_reference_cycles(app, socketio, make_workshop):
    """The same over a connection that came as a websocket upgrade (its environ
    asks for one, which Flask's URL rules tell apart)."""
    workshop = make_workshop()
    client = socketio.test_client(app, headers={"Upgrade": "websocket", "Connection": "Upgrade"})
    assert client.emit("join", {"code": workshop["code"], "name": "Ann"}, callback=True)["ok"]
    events = 40

    def sync():
        for _ in range(events):
            assert client.emit("sync", {}, callback=True)["ok"]

    assert garbage_after(sync) <= 8 * events
