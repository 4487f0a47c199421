"""SQL statements per client event as the Socket.IO handler runs it: `python bench/handler_statements.py`.

``bench/statements.py`` counts a store function's own statements; this counts
everything one event costs the database through its handler (the wrapper's
loading of the workshop and the person, attendance, the change, and any read
that follows, such as a newcomer's snapshot), on both of the store's
connections, with ``sqlite3``'s trace callback. A write that fires triggers is
reported again for each trigger step: those repeats are counted once.
"""
from __future__ import annotations

import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop import create_app  # noqa: E402
from workshop.config import Config  # noqa: E402

PEOPLE = 30


def _writes(statement: str) -> bool:
    return statement.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}


class Counter:
    def __init__(self, store):
        self.store = store
        self.said: dict[str, list[str]] = {"write": [], "read": []}

    def __enter__(self):
        for name in self.said:
            self.said[name] = []
        self.store.db.conn.set_trace_callback(self.said["write"].append)
        self.store.reader.conn.set_trace_callback(self.said["read"].append)
        return self

    def __exit__(self, *_exc):
        self.store.db.conn.set_trace_callback(None)
        self.store.reader.conn.set_trace_callback(None)

    def figures(self) -> str:
        counts = {}
        for name, said in self.said.items():
            counts[name] = len([s for n, s in enumerate(said) if not (n and s == said[n - 1] and _writes(s))])
        return f"{counts['write'] + counts['read']:>3} statements ({counts['write']} write, {counts['read']} read)"


def main() -> None:
    verbose = "-v" in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        config = Config(db_path=str(Path(folder) / "bench.db"), secret_key="bench-secret-of-at-least-32-bytes-long",
                        testing=True, events_per_second=1000, event_burst=1000, vote_progress_interval=0,
                        room_interval=0, person_events_per_second=1000, person_event_burst=1000)
        app = create_app(config)
        store = app.extensions["bowtie"].store
        socketio = app.extensions["socketio"]
        count = Counter(store)
        try:
            for name, counter in measure(app, socketio, count):
                print(f"{name:<28} {counter.figures()}")
                if verbose:
                    for side, said in counter.said.items():
                        for s in said:
                            print(f"    {side}: {' '.join(s.split())[:160]}")
        finally:
            store.close()


def measure(app, socketio, count: Counter):
    http = app.test_client()
    workshop = http.post("/api/workshops", json={"title": "Statements", "blind_writing": False}).json
    facilitator = socketio.test_client(app)
    assert facilitator.emit("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]},
                            callback=True)["ok"]
    assert facilitator.emit("phase:set", {"phase": "collect"}, callback=True)["ok"]

    def join(name: str, **extra) -> dict:
        client = socketio.test_client(app)
        ack = client.emit("join", {"code": workshop["code"], "name": name, **extra}, callback=True)
        assert ack["ok"], ack
        return {"client": client, **ack}

    people = [join(f"Person {n}") for n in range(PEOPLE)]
    with count:
        join("Newcomer")
    yield "join (opens a group)", count
    with count:
        join("Second newcomer")
    yield "join (a seat in a group)", count
    with count:
        join("Person 0 again", token=people[0]["participant"]["token"])
    yield "join (with a token)", count

    ann = people[0]["client"]
    card = str(uuid.uuid4())
    with count:
        assert ann.emit("card:add", {"id": card, "column": "start", "text": "An idea"}, callback=True)["ok"]
    yield "card:add", count
    assert facilitator.emit("phase:set", {"phase": "vote"}, callback=True)["ok"]
    assert facilitator.emit("vote:open", {"id": str(uuid.uuid4())}, callback=True)["ok"]
    dot = str(uuid.uuid4())
    with count:
        ack = ann.emit("dot:place", {"id": dot, "item_id": card}, callback=True)
        assert ack["ok"], ack
    yield "dot:place", count
    with count:
        assert ann.emit("dot:place", {"id": str(uuid.uuid4()), "item_id": card}, callback=True)["ok"]
    yield "dot:place (a second)", count
    with count:
        assert ann.emit("dot:take_back", {"id": dot}, callback=True)["ok"]
    yield "dot:take_back", count


if __name__ == "__main__":
    main()
