"""The only place that speaks SQLite (through sqlite-utils).

Every change runs inside ``Store.write``: the change's function applies the
domain's rules and records the events it causes with the workshop's next
sequence numbers, inside a transaction that commits before anything is sent,
so an acknowledgement always means "stored".

Group commit: writes that arrive while a commit is in progress queue up, and
the next commit takes all of them into one ``BEGIN IMMEDIATE`` transaction, each
change in its own savepoint (a change that raises is rolled back alone and
its caller gets the error), then one ``COMMIT``: one fsync for the batch
instead of one per change. Every caller still returns only after the commit
that holds its change, so the guarantee above is unchanged, and durability
(``synchronous``) is not weakened. Under eventlet the commit runs in a real
thread (``offload``), so the event loop keeps serving while the disk syncs.

Reads use a second connection (WAL lets it read the last commit while a write
is in progress), so a snapshot never waits behind an fsync.

The table API for the schema and rare writes, plain SQL on hot paths.
sqlite-utils' table methods (``db["polls"].insert``, ``.upsert``, ``.update``)
look up the table's structure on every call: a poll answer's ``upsert`` ran 11
statements, 8 of them schema look-ups, to write one row. That reads well for
migrations, imports and a facilitator's occasional change. What a whole room
does at once (joining, adding cards, placing and taking back dots, throwing and
taking back Elmos, answering polls) writes with ``tx.db.execute`` and plain SQL,
and every read goes through ``Tx.query``/``Tx.one``, one statement each.
``bench/statements.py`` prints the statements each of those calls runs, and
``bench/handler_statements.py`` what a whole event costs through its handler.
A read keeps the answers its parts all ask for (the agenda, the running step:
``Tx.once``), so a snapshot asks each once.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from typing import Any, Callable, TypeVar

from sqlite_utils import Database

from . import health
from .events import Event, Tx
from .health import StorageUnfit
from .schema import SCHEMA_VERSION, migrate

T = TypeVar("T")

__all__ = ["Store", "Event", "Tx", "SCHEMA_VERSION", "StorageUnfit"]

# Changes in one transaction at most: bounds how long one commit holds the writer.
MAX_BATCH = 256
# Seconds a write probe's answer stands: /healthz may be polled every few
# milliseconds (bench/export_stalls.py), and each probe is a commit.
PROBE_INTERVAL = 1.0


def _direct(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)


class _Change:
    """One caller's change, waiting for the commit that will hold it."""
    __slots__ = ("fn", "args", "result", "events", "error", "done", "wake")

    def __init__(self, fn: Callable[..., Any], args: tuple):
        self.fn, self.args = fn, args
        self.result: Any = None
        self.events: list[Event] = []
        self.error: BaseException | None = None
        self.done = False
        self.wake = threading.Event()  # set when committed, or when this caller is to lead the next commit


class Store:
    def __init__(self, path: str, *, synchronous: str = "FULL",
                 offload: Callable[..., Any] | None = None):
        """``offload(fn, *args)`` runs a blocking call; server.py passes
        eventlet's thread pool so that an fsync never stalls the event loop."""
        self.path = path
        self._offload = offload or _direct
        # Real locks under threading, green ones once eventlet has patched the
        # process: either way one transaction at a time on each connection.
        self._lock = threading.Lock()        # the write connection
        self._read_lock = threading.Lock()   # the read connection
        self._mutex = threading.Lock()       # guards the queue of changes and _committing
        self._queue: list[_Change] = []
        self._committing = False
        self._probed_at = -PROBE_INTERVAL
        self._write_problem: str | None = None
        self.db = self._connect()
        try:
            self._configure(self.db, synchronous)
            health.check_intact(self.db, path)
            with self._lock:
                migrate(self.db)
            health.check_writable(self.db, path)
        except sqlite3.DatabaseError as exc:  # e.g. "file is not a database", before quick_check can say more
            self.db.close()
            raise StorageUnfit(f"the database {path} cannot be opened ({exc})") from exc
        except StorageUnfit:
            self.db.close()
            raise
        # An in-memory database exists once per connection: read through the writer's.
        self._shared = path == ":memory:"
        self.reader = self.db if self._shared else self._connect()
        if not self._shared:
            self._configure(self.reader, synchronous)
            self.reader.execute("PRAGMA query_only = ON")

    def _connect(self) -> Database:
        return Database(sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10))

    def _configure(self, db: Database, synchronous: str) -> None:
        if synchronous not in {"FULL", "NORMAL", "EXTRA", "OFF"}:
            raise ValueError(f"unknown synchronous setting {synchronous!r}")
        if self.path != ":memory:":
            db.enable_wal()
        for pragma in ("foreign_keys = ON", "busy_timeout = 10000", f"synchronous = {synchronous}"):
            db.execute(f"PRAGMA {pragma}")

    def write(self, fn: Callable[..., T], *args: Any) -> tuple[T, list[Event]]:
        """Run ``fn(tx, *args)`` in a committed transaction; return its result and
        the events it recorded. Nothing of it is kept when ``fn`` raises."""
        change = _Change(fn, args)
        with self._mutex:
            self._queue.append(change)
            leads = not self._committing
            self._committing = True
        if not leads:
            # Sleep until either our change is committed, or the previous leader
            # hands us the next commit. Only those changes are woken: with
            # thousands queued (a vote storm), waking everyone on every commit
            # would cost more than the commits themselves.
            change.wake.wait()
        if not change.done:
            self._lead(change)
        if change.error is not None:
            raise change.error
        return change.result, change.events

    def _lead(self, change: _Change) -> None:
        """Commit everything queued so far (``change`` is at its head), wake those
        callers, then hand the next commit to the first caller still waiting."""
        with self._mutex:
            batch = self._queue[:MAX_BATCH]
            del self._queue[:MAX_BATCH]
        try:
            with self._lock:
                self._offload(self._commit, batch)
        finally:
            for waiting in batch:
                if not waiting.done:  # the commit was interrupted before it finished
                    waiting.error = waiting.error or RuntimeError("the commit was interrupted")
                    waiting.done = True
                if waiting is not change:
                    waiting.wake.set()
            with self._mutex:
                if self._queue:
                    self._queue[0].wake.set()
                else:
                    self._committing = False

    def read(self, fn: Callable[..., T], *args: Any) -> T:
        if self._shared:
            with self._lock:
                return self._offload(self._read, self.db, fn, args)
        with self._read_lock:
            return self._offload(self._read, self.reader, fn, args)

    def write_problem(self) -> str | None:
        """Why a write would fail right now, or None: a real commit through the
        write path (at most one per PROBE_INTERVAL)."""
        if time.monotonic() - self._probed_at >= PROBE_INTERVAL:
            try:
                self.write(health.probe)
                self._write_problem = None
            except Exception as exc:
                self._write_problem = f"the database cannot be written ({exc})"
            self._probed_at = time.monotonic()
        return self._write_problem

    def offload(self, fn: Callable[..., T], *args: Any) -> T:
        """Run CPU-heavy work that needs no connection (an export's rendering)
        the way the store runs its blocking calls: under eventlet in a real
        thread, so the event loop keeps serving (it gets the GIL back every
        switch interval) instead of stalling for the whole of it."""
        return self._offload(fn, *args)

    def _commit(self, batch: list[_Change]) -> None:
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
            for change in batch:
                tx = Tx(db)
                db.execute("SAVEPOINT change")
                try:
                    change.result = change.fn(tx, *change.args)
                    change.events = tx.events
                    db.execute("RELEASE change")
                except Exception as exc:
                    db.execute("ROLLBACK TO change")
                    db.execute("RELEASE change")
                    change.error = exc
            db.execute("COMMIT")
        except BaseException as exc:
            # The commit itself failed (disk full, I/O error, interrupted): nothing
            # of this batch is stored, so every caller in it gets the error.
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            for change in batch:
                if change.error is None:
                    change.error = exc
                change.result, change.events = None, []
            if not isinstance(exc, Exception):
                raise
        finally:
            for change in batch:
                change.done = True

    @staticmethod
    def _read(db: Database, fn: Callable[..., T], args: tuple) -> T:
        # A read transaction gives a consistent snapshot across several queries.
        db.execute("BEGIN")
        try:
            return fn(Tx(db, kept={}), *args)
        finally:
            db.execute("COMMIT")

    def close(self) -> None:
        with self._lock, self._read_lock:
            if not self._shared:
                self.reader.close()
            self.db.close()
