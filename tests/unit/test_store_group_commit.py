"""Group commit in the store: concurrent changes share one transaction, yet each
caller returns only once its change is committed, and a failing change is
rolled back alone."""
from __future__ import annotations

import sqlite3
import threading

import pytest

from workshop.domain.errors import InvalidInput
from workshop.store import Store


def _note(tx, workshop_id, n):
    tx.db.execute("INSERT INTO workshops (id, code, title, template, phase, facilitator_key_hash, seq, created_at)"
                  " VALUES (?, ?, 't', 'start-stop-continue', 'lobby', 'h', 0, 0)", [workshop_id, f"C{n:05d}"])
    return tx.publish(workshop_id, "noted", {"n": n}).seq


def _fail(tx, workshop_id):
    _note(tx, workshop_id, 99999)
    raise InvalidInput("no")


class SlowFirstCommit:
    """An offload that holds the first commit until other writers have queued up."""

    def __init__(self, queued: threading.Event):
        self.queued = queued
        self.calls = 0

    def __call__(self, fn, *args):
        self.calls += 1
        if self.calls == 1:
            self.queued.wait(5)
        return fn(*args)


def test_concurrent_writes_are_all_committed_in_fewer_transactions(tmp_path):
    queued = threading.Event()
    offload = SlowFirstCommit(queued)
    store = Store(str(tmp_path / "s.db"), offload=offload)
    results, errors = {}, []

    def writer(n):
        try:
            results[n] = store.write(_note, f"w{n}", n)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(20)]
    threads[0].start()
    while not store._committing:
        pass  # the first writer is inside its commit
    for t in threads[1:]:
        t.start()
    while len(store._queue) < 19:
        pass
    queued.set()
    for t in threads:
        t.join(10)
    store.close()

    assert errors == []
    assert sorted(results) == list(range(20))
    assert all(events[0].seq == 1 for _, events in results.values())
    # The nineteen that queued behind the first commit shared the second one.
    assert offload.calls == 2
    check = sqlite3.connect(tmp_path / "s.db")
    assert check.execute("SELECT COUNT(*) FROM workshops").fetchone()[0] == 20


def test_a_failing_change_in_a_batch_is_rolled_back_alone(tmp_path):
    queued = threading.Event()
    store = Store(str(tmp_path / "s.db"), offload=SlowFirstCommit(queued))
    outcome = {}

    def run(name, fn, *args):
        try:
            outcome[name] = store.write(fn, *args)[0]
        except InvalidInput as exc:
            outcome[name] = exc

    first = threading.Thread(target=run, args=("first", _note, "a", 1))
    first.start()
    while not store._committing:
        pass
    others = [threading.Thread(target=run, args=("bad", _fail, "b")),
              threading.Thread(target=run, args=("good", _note, "c", 3))]
    for t in others:
        t.start()
    while len(store._queue) < 2:
        pass
    queued.set()
    for t in [first, *others]:
        t.join(10)

    assert isinstance(outcome["bad"], InvalidInput)
    assert outcome["first"] == 1 and outcome["good"] == 1
    ids = store.read(lambda tx: [r["id"] for r in tx.query("SELECT id FROM workshops ORDER BY id")])
    assert ids == ["a", "c"]
    store.close()


def test_a_returned_write_is_visible_to_a_fresh_connection(tmp_path):
    store = Store(str(tmp_path / "s.db"))
    store.write(_note, "x", 1)
    check = sqlite3.connect(tmp_path / "s.db")
    assert check.execute("SELECT seq FROM workshops WHERE id = 'x'").fetchone()[0] == 1
    assert store.read(lambda tx: tx.one("SELECT seq FROM workshops WHERE id = 'x'"))["seq"] == 1
    store.close()


def test_an_error_leaves_the_store_usable(tmp_path):
    store = Store(str(tmp_path / "s.db"))
    with pytest.raises(InvalidInput):
        store.write(_fail, "b")
    assert store.write(_note, "y", 2)[0] == 1
    store.close()
