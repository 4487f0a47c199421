"""Handling an event leaves no request context for the garbage collector.

Cycles wait for a full garbage collection, which stops the server for every
participant at once: at 3,000 participants, a storm of 15,000 dots left cycles
through each event's Flask request context that held the loop for 1.3-1.6 s
(docs/performance.md, *Garbage collection*). Reference counting frees what is
not in a cycle at once."""
import gc

from flask.ctx import RequestContext
from werkzeug.exceptions import HTTPException

from tests.conftest import new_id


def cycles_left_by(action) -> dict[str, int]:
    """Request contexts and routing errors that only the cycle collector would
    free. (Other garbage of the test process, a thread of another test, is not
    this test's business.)"""
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        action()
        gc.collect()
        found = {"request contexts": sum(isinstance(o, RequestContext) for o in gc.garbage),
                 "routing errors": sum(isinstance(o, HTTPException) for o in gc.garbage)}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    return found


NONE = {"request contexts": 0, "routing errors": 0}


def test_events_leave_no_request_context_in_a_cycle(collecting, join):
    workshop, _ = collecting()
    ann = join(workshop, "Ann")

    def write_cards():
        for i in range(40):
            assert ann.add_card(f"card {i}", ("start", "stop")[i % 2], card_id=new_id())["ok"]  # 30 a column

    assert cycles_left_by(write_cards) == NONE


def test_events_over_a_websocket_leave_no_request_context_in_a_cycle(app, socketio, make_workshop):
    """The same over a connection that came as a websocket upgrade (its environ
    asks for one, which Flask's URL rules tell apart)."""
    workshop = make_workshop()
    client = socketio.test_client(app, headers={"Upgrade": "websocket", "Connection": "Upgrade"})
    assert client.emit("join", {"code": workshop["code"], "name": "Ann"}, callback=True)["ok"]

    def sync():
        for _ in range(40):
            assert client.emit("sync", {}, callback=True)["ok"]

    assert cycles_left_by(sync) == NONE
