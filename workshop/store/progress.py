"""Key results, measured: a journey's readings, and the key results they measure.

The key results are the formulate stage's, as projects see them (store/projects.py):
those of objectives presented or accepted, read as they are now. A reading keeps
its key result's id; one whose key result went stays in the export only.
"""
from __future__ import annotations

import time

from ..domain import progress as rules
from . import journeys
from .events import Tx
from .okrs import today
from .projects import key_results_of, pillars_of

_COLUMNS = "id, key_result_id, value, taken_on, note, created_at"


def _readings(tx: Tx, journey_id: str) -> list[dict]:
    return tx.query(f"SELECT {_COLUMNS} FROM key_result_readings WHERE journey_id = ? "
                    "ORDER BY taken_on, created_at, id", [journey_id])


def board(tx: Tx, journey_id: str) -> dict:
    """Where each of the journey's key results stands, by pillar, the count of each standing,
    and the server's day (by which a reading is not of a day to come)."""
    journeys.load(tx, journey_id)
    day = today()
    groups = rules.board(pillars_of(tx, journey_id), key_results_of(tx, journey_id), _readings(tx, journey_id), day)
    return {"groups": groups, "summary": rules.summary(groups), "statuses": rules.STATUS_LABELS,
            "today": day.isoformat()}


def _load(tx: Tx, journey_id: str, reading_id: object) -> dict:
    row = tx.one(f"SELECT {_COLUMNS} FROM key_result_readings WHERE id = ? AND journey_id = ?",
                 [reading_id, journey_id]) if isinstance(reading_id, str) else None
    if row is None:
        raise rules.ReadingNotFound("no such reading in this journey")
    return row


def add(tx: Tx, journey_id: str, reading_id: str, key_result_id: object, value: object, taken_on: object,
        note: object) -> dict:
    """A reading of one of the journey's key results; sent again with the same id, the one stored."""
    journeys.load(tx, journey_id)
    if tx.one("SELECT 1 FROM key_result_readings WHERE id = ? AND journey_id = ?", [reading_id, journey_id]):
        return _load(tx, journey_id, reading_id)
    if tx.one("SELECT 1 FROM key_result_readings WHERE id = ?", [reading_id]):
        raise rules.ReadingIdTaken("that reading id belongs to another journey: make a new one")
    how_many = tx.row("SELECT COUNT(*) AS n FROM key_result_readings WHERE journey_id = ? AND key_result_id = ?",
                      [journey_id, key_result_id])["n"] if isinstance(key_result_id, str) else 0
    reading = rules.new_reading(reading_id, key_result_id, value, taken_on, note,
                                measured=[k["id"] for k in key_results_of(tx, journey_id)], how_many=how_many,
                                today=today())
    tx.db.execute(f"INSERT INTO key_result_readings ({_COLUMNS}, journey_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  [reading.id, reading.key_result_id, reading.value, reading.taken_on, reading.note, time.time(),
                   journey_id])
    return _load(tx, journey_id, reading.id)


def remove(tx: Tx, journey_id: str, reading_id: object) -> dict:
    journeys.load(tx, journey_id)
    reading = _load(tx, journey_id, reading_id)
    tx.db.execute("DELETE FROM key_result_readings WHERE id = ?", [reading["id"]])
    return reading


def export(tx: Tx, journey_id: str) -> list[dict]:
    """For the journey's export: every reading, oldest first, with its key result's statement
    (None: that key result is gone)."""
    statements = {k["id"]: k["statement"] for k in key_results_of(tx, journey_id)}
    return [{**row, "key_result": statements.get(row["key_result_id"])} for row in _readings(tx, journey_id)]
