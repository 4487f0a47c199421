"""A workshop's rows are found through an index (schema 16): exporting, summarising
or deleting one workshop reads that workshop's rows, not every workshop's."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from tests.golden import fixed_workshop
from workshop.store import Store, schema, tables, transfer


def full_scans(db, table: tables.WorkshopTable) -> list[str]:
    """The tables SQLite would read whole to find one workshop's rows of ``table``."""
    class Reading:  # tables.selection asks only for the database
        pass
    reading = Reading()
    reading.db = db  # type: ignore[attr-defined]
    plan = db.conn.execute(f"EXPLAIN QUERY PLAN {tables.selection(reading, table)}", ["w"]).fetchall()
    return [step[3] for step in plan if step[3].startswith("SCAN")]


def test_no_workshop_table_is_read_whole_to_find_one_workshops_rows(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    try:
        scans = {t.name: full_scans(store.db, t) for t in tables.WORKSHOP_TABLES}
    finally:
        store.close()
    assert {name: found for name, found in scans.items() if found} == {}


def everything(path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: sorted(db.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names if n != "meta"}


@contextmanager
def written_by(version: int, path, monkeypatch) -> Iterator[Store]:
    """A store as an earlier Bowtie wrote it: only migrations 1 to ``version``, with the fixed workshop."""
    with monkeypatch.context() as older:
        older.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:version])
        older.setattr(schema, "SCHEMA_VERSION", version)
        store = Store(str(path))
        try:
            store.write(transfer.restore, fixed_workshop.export())
            yield store
        finally:
            store.close()


def test_a_schema_15_database_keeps_every_row_and_gains_the_indexes(tmp_path, monkeypatch):
    path = tmp_path / "t.db"
    with written_by(15, path, monkeypatch):  # the previous version: migrations 1 to 15
        pass
    before = everything(path)
    assert before["dots"] and before["cards"]  # the fixture holds some
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("15",)
        assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'dots_by_workshop'").fetchall()

    store = Store(str(path))
    try:
        assert store.read(lambda tx: tx.row("SELECT value FROM meta WHERE key = 'schema_version'"))["value"] == str(schema.SCHEMA_VERSION)
        assert {t.name: full_scans(store.db, t) for t in tables.WORKSHOP_TABLES if full_scans(store.db, t)} == {}
        exported = store.read(transfer.dump, fixed_workshop.W)
    finally:
        store.close()
    after = everything(path)  # later migrations may add tables; every row before is kept
    assert {name: after[name] for name in before} == before
    assert exported["tables"]["dots"] == fixed_workshop.export()["tables"]["dots"]
