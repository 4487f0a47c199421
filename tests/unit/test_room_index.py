"""The indexed client manager keeps rooms exactly as python-socketio's own does,
and a disconnect leaves only the connection's rooms."""
import socketio
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.realtime.room_index import IndexedManager

ROOMS = ["workshop", "group-1", "group-2", "facilitators", "participant-1"]
steps = st.lists(st.tuples(st.sampled_from(["connect", "enter", "leave", "close", "disconnect", "callback"]),
                           st.integers(0, 5), st.sampled_from(ROOMS)), max_size=60)


# One server for every example: building one seeds its ids from `random`, which
# Hypothesis asks tests not to use while it draws.
SERVER = socketio.Server(async_mode="threading")


def managers():
    stock, indexed = socketio.Manager(), IndexedManager()
    for manager in (stock, indexed):
        manager.set_server(SERVER)
        manager.initialize()
    return stock, indexed


def rooms_of(manager) -> dict:
    """Rooms by name, each with its members' connection numbers (sids differ between managers)."""
    sids = {sid: eio for sid, eio in manager.rooms.get("/", {}).get(None, {}).items()}
    return {("<sid>" if room in sids else room): sorted(members.values())
            for room, members in manager.rooms.get("/", {}).items() if room is not None}


def apply(manager, sids: dict, step) -> None:
    action, n, room = step
    eio = f"eio-{n}"
    sid = sids.get(n)
    if action == "connect" and sid is None:
        sids[n] = manager.connect(eio, "/")
    elif sid is None:
        return
    elif action == "enter":
        manager.enter_room(sid, "/", room)
    elif action == "leave":
        manager.leave_room(sid, "/", room)
    elif action == "close":
        manager.close_room(room, "/")
    elif action == "callback":
        manager._generate_ack_id(sid, lambda *a: None)
    elif action == "disconnect":
        manager.disconnect(sid, "/")
        del sids[n]


@settings(max_examples=300, deadline=None)
@given(steps)
def test_rooms_follow_the_stock_manager(sequence):
    stock, indexed = managers()
    stock_sids, indexed_sids = {}, {}
    for step in sequence:
        apply(stock, stock_sids, step)
        apply(indexed, indexed_sids, step)
        assert rooms_of(indexed) == rooms_of(stock)
        assert indexed.rooms.keys() == stock.rooms.keys()
        assert len(indexed.callbacks) == len(stock.callbacks)


def test_a_disconnect_leaves_every_room_of_the_connection_and_no_other():
    _, manager = managers()
    ann, bo = manager.connect("eio-ann", "/"), manager.connect("eio-bo", "/")
    for sid in (ann, bo):
        manager.enter_room(sid, "/", "workshop")
    manager.enter_room(ann, "/", "group-1")
    manager.disconnect(ann, "/")
    assert [sid for sid, _ in manager.get_participants("/", "workshop")] == [bo]
    assert "group-1" not in manager.rooms["/"]
    assert manager._rooms_of == {("/", bo): {None, bo, "workshop"}}
