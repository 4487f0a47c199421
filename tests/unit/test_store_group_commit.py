"""Group commit in the store: concurrent changes share one transaction, yet each
caller returns only once its change is committed, and a failing change is
rolled back alone."""
from __future__ import annotations

import sqlite3
import threading
import time

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


def eventually(condition, within: float = 10.0) -> None:
    """Wait for a condition another thread brings about, failing (not hanging) if it never comes."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "the other writers never queued up"
        time.sleep(0.001)


class SlowFirstCommit:
    """An offload that holds the first commit until other writers have queued up."""

    def __init__(self, queued: threading.Event):
        self.queued = queued
        self.entered = threading.Event()  # the first commit has begun
        self.calls = 0

    def __call__(self, fn, *args):
        self.calls += 1
        if self.calls == 1:
            self.entered.set()
            assert self.queued.wait(10), "the test never released the first commit"
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
    assert offload.entered.wait(10)  # the first writer is inside its commit
    for t in threads[1:]:
        t.start()
    eventually(lambda: len(store._queue) == 19)
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
    offload = SlowFirstCommit(queued)
    store = Store(str(tmp_path / "s.db"), offload=offload)
    outcome = {}

    def run(name, fn, *args):
        try:
            outcome[name] = store.write(fn, *args)[0]
        except InvalidInput as exc:
            outcome[name] = exc

    first = threading.Thread(target=run, args=("first", _note, "a", 1))
    first.start()
    assert offload.entered.wait(10)
    others = [threading.Thread(target=run, args=("bad", _fail, "b")),
              threading.Thread(target=run, args=("good", _note, "c", 3))]
    for t in others:
        t.start()
    eventually(lambda: len(store._queue) == 2)
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


class FailingSecondCommit(SlowFirstCommit):
    """Holds the first commit like SlowFirstCommit; the second one fails at COMMIT
    (as a full disk or an I/O error would), after every change in it ran."""

    def __init__(self, queued: threading.Event, store_box: list):
        super().__init__(queued)
        self.store_box = store_box

    def __call__(self, fn, *args):
        if self.calls != 1:
            return super().__call__(fn, *args)
        self.calls += 1
        db = self.store_box[0].db
        real = db.execute

        def execute(sql, *params):
            if sql == "COMMIT":
                raise sqlite3.OperationalError("disk I/O error")
            return real(sql, *params)
        db.execute = execute
        try:
            return fn(*args)
        finally:
            db.execute = real


def test_a_failed_commit_reaches_every_caller_of_the_batch_and_stores_none_of_it(tmp_path):
    queued, box = threading.Event(), []
    offload = FailingSecondCommit(queued, box)
    store = Store(str(tmp_path / "s.db"), offload=offload)
    box.append(store)
    outcome = {}

    def run(name, fn, *args):
        try:
            outcome[name] = store.write(fn, *args)[0]
        except Exception as exc:
            outcome[name] = exc

    first = threading.Thread(target=run, args=("first", _note, "a", 1))
    first.start()
    assert offload.entered.wait(10)
    batch = [threading.Thread(target=run, args=(f"w{n}", _note, f"w{n}", 10 + n)) for n in range(3)]
    batch.append(threading.Thread(target=run, args=("bad", _fail, "b")))
    for t in batch:
        t.start()
    eventually(lambda: len(store._queue) == 4)
    queued.set()
    for t in [first, *batch]:
        t.join(10)

    assert outcome["first"] == 1
    for n in range(3):
        assert isinstance(outcome[f"w{n}"], sqlite3.OperationalError), outcome[f"w{n}"]
    assert isinstance(outcome["bad"], InvalidInput)  # its own error, not the commit's
    ids = store.read(lambda tx: [r["id"] for r in tx.query("SELECT id FROM workshops ORDER BY id")])
    assert ids == ["a"]
    assert store.write(_note, "after", 5)[0] == 1  # the store is usable again
    store.close()
