"""The only place that speaks SQLite (through sqlite-utils).

Every change runs inside ``Store.write``: one short ``BEGIN IMMEDIATE``
transaction that applies the domain's rules, records the events it causes with
the workshop's next sequence numbers, and commits before anything is sent, so
an acknowledgement always means "stored".
"""
from __future__ import annotations

import sqlite3
import threading
from typing import Any, Callable, TypeVar

from sqlite_utils import Database

from .events import Event, Tx
from .schema import SCHEMA_VERSION, migrate

T = TypeVar("T")

__all__ = ["Store", "Event", "Tx", "SCHEMA_VERSION"]


def _direct(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)


class Store:
    def __init__(self, path: str, *, synchronous: str = "FULL",
                 offload: Callable[..., Any] | None = None):
        """``offload(fn, *args)`` runs a blocking call; server.py passes
        eventlet's thread pool so that an fsync never stalls the event loop."""
        self.path = path
        self._offload = offload or _direct
        # A real lock under threading, a green one once eventlet has patched the
        # process: either way one transaction at a time on the one connection.
        self._lock = threading.Lock()
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
        self.db = Database(conn)
        self._configure(synchronous)
        with self._lock:
            migrate(self.db)

    def _configure(self, synchronous: str) -> None:
        if synchronous not in {"FULL", "NORMAL", "EXTRA", "OFF"}:
            raise ValueError(f"unknown synchronous setting {synchronous!r}")
        if self.path != ":memory:":
            self.db.enable_wal()
        for pragma in ("foreign_keys = ON", "busy_timeout = 10000", f"synchronous = {synchronous}"):
            self.db.execute(f"PRAGMA {pragma}")

    def write(self, fn: Callable[..., T], *args: Any) -> tuple[T, list[Event]]:
        """Run ``fn(tx, *args)`` in one transaction; return its result and the events
        it recorded. Nothing is kept when ``fn`` raises."""
        with self._lock:
            return self._offload(self._write, fn, args)

    def read(self, fn: Callable[..., T], *args: Any) -> T:
        with self._lock:
            return self._offload(self._read, fn, args)

    def _write(self, fn: Callable[..., T], args: tuple) -> tuple[T, list[Event]]:
        tx = Tx(self.db)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            result = fn(tx, *args)
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        return result, tx.events

    def _read(self, fn: Callable[..., T], args: tuple) -> T:
        # A read transaction gives a consistent snapshot across several queries.
        self.db.execute("BEGIN")
        try:
            return fn(Tx(self.db), *args)
        finally:
            self.db.execute("COMMIT")

    def backup(self, target_path: str) -> None:
        """A consistent copy of the live database, by SQLite's online backup."""
        with self._lock:
            target = sqlite3.connect(target_path)
            try:
                self._offload(self.db.conn.backup, target)
            finally:
                target.close()

    def close(self) -> None:
        with self._lock:
            self.db.close()
