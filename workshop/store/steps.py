"""A workshop's steps as rows of the ``steps`` table (see agenda.py for changing them).

Kept apart from agenda.py, which moves the workshop's phase, so that creating a
workshop and the schema's migration can write steps too.
"""
from __future__ import annotations

import json
import sqlite3
import time
import uuid
from functools import lru_cache
from typing import Callable, Hashable, Protocol, TypeVar

from sqlite_utils import Database

from ..domain import workshop as rules
from ..domain.agenda import Agenda, Step, step_from_dict
from ..domain.agenda_templates import migrated_agenda
from ..domain.votes import VoteSettings

T = TypeVar("T")


class Reader(Protocol):
    @property
    def reading(self) -> bool: ...

    def one(self, sql: str, params: list) -> dict | None: ...

    def query(self, sql: str, params: list) -> list[dict]: ...

    def once(self, key: Hashable, ask: Callable[[], T]) -> T: ...


# The table of each kind of row, by the Team-retrospective step that made it.
STEP_TABLES = {"collect": "cards", "cluster": "clusters", "vote": "votes", "discuss": "topics", "decide": "polls"}
# Step ids given to a workshop made before agendas follow from its id, so that
# importing the same old export twice (on two servers) gives the same steps.
_MIGRATED = uuid.UUID("6f1c2b5e-0d3a-4e47-9a51-b0b71e5a9e01")

_COLUMNS = ("id", "workshop_id", "position", "kind", "title", "planned_minutes", "settings", "works_on",
            "state", "started_at", "ended_at", "has_data", "removed")


def agenda_of(tx: "Reader", workshop_id: str) -> Agenda:
    """The workshop's steps, in order, and the removed ones (asked once per read)."""
    return tx.once(("agenda", workshop_id), lambda: _agenda_of(tx, workshop_id))


def _agenda_of(tx: "Reader", workshop_id: str) -> Agenda:
    rows = tx.query("SELECT * FROM steps WHERE workshop_id = ? ORDER BY removed, position", [workshop_id])
    return Agenda(tuple(step_of(r) for r in rows if not r["removed"]),
                  tuple(step_of(r) for r in rows if r["removed"]))


def running_step(tx: "Reader", workshop_id: str) -> Step | None:
    """The workshop's running step (None before the first starts): what the rules ask.
    A read takes it from the agenda its snapshot loads anyway; a write asks for the one row."""
    if tx.reading:
        return agenda_of(tx, workshop_id).current
    return _running_step(tx, workshop_id)


def _running_step(tx: "Reader", workshop_id: str) -> Step | None:
    row = tx.one("SELECT * FROM steps WHERE workshop_id = ? AND state = 'running' AND removed = 0", [workshop_id])
    return step_of(row) if row else None


# The running step as one JSON object, for a statement that reads it along with other rows.
RUNNING_STEP_JSON = """(SELECT json_object('id', s.id, 'kind', s.kind, 'title', s.title,
        'planned_minutes', s.planned_minutes, 'settings', json(s.settings), 'works_on', s.works_on, 'state', s.state)
   FROM steps s WHERE s.workshop_id = {workshop} AND s.state = 'running' AND s.removed = 0)"""


# Steps are immutable and the same few rows are read by every event of a room (a
# dot checks the running step): each stored form is checked and built once, not
# per event (it was 6% of a vote storm's samples).
_STEPS_KEPT = 512


def step_of_json(text: str | None) -> Step | None:
    return _step_of_json(text) if text else None


@lru_cache(maxsize=_STEPS_KEPT)
def _step_of_json(text: str) -> Step:
    return step_from_dict(json.loads(text))


_STEP_FIELDS = ("id", "kind", "title", "planned_minutes", "settings", "works_on", "state", "started_at",
                "ended_at", "has_data")


def step_of(row: dict) -> Step:
    return _step_of_fields(tuple(row[k] for k in _STEP_FIELDS))


@lru_cache(maxsize=_STEPS_KEPT)
def _step_of_fields(values: tuple) -> Step:
    row = dict(zip(_STEP_FIELDS, values))
    return step_from_dict({**row, "settings": json.loads(row["settings"] or "{}"), "has_data": bool(row["has_data"])})


def _rows(workshop_id: str, agenda: Agenda) -> list[tuple]:
    def row(step: Step, position: int, removed: int) -> tuple:
        return (step.id, workshop_id, position, step.kind, step.title, step.planned_minutes,
                json.dumps(step.settings.public()), step.works_on, step.state, step.started_at, step.ended_at,
                int(step.has_data), removed)
    return ([row(s, i, 0) for i, s in enumerate(agenda.steps)]
            + [row(s, i, 1) for i, s in enumerate(agenda.removed)])


def insert_steps(conn: sqlite3.Connection, workshop_id: str, agenda: Agenda) -> None:
    conn.executemany(f"INSERT INTO steps ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                     _rows(workshop_id, agenda))




def give_migrated_agenda(db: Database, workshop: dict) -> None:
    """A workshop made before agendas (the schema's migration, an old export
    imported): the *Team retrospective* in its phase, and every card, cluster,
    vote, topic and poll attached to the step of its kind."""
    wid = workshop["id"]
    vote = next(db.query("SELECT dots_per_participant, max_per_item, own_items FROM votes WHERE workshop_id = ?"
                         " ORDER BY opened_at DESC LIMIT 1", [wid]), None)
    agenda = migrated_agenda(
        workshop["phase"], card_template=workshop["template"],
        settings=rules.Settings.from_dict(json.loads(workshop["settings"] or "{}")),
        vote=VoteSettings(vote["dots_per_participant"], vote["max_per_item"], bool(vote["own_items"])) if vote else None,
        now=time.time(), new_id=lambda template_id: uuid.uuid5(_MIGRATED, f"{wid}:{template_id}").hex)
    for step in agenda.steps:
        table = STEP_TABLES.get(step.kind)
        if table:
            db.execute(f"UPDATE {table} SET step_id = ? WHERE workshop_id = ?", [step.id, wid])
            if db.execute(f"SELECT 1 FROM {table} WHERE workshop_id = ? LIMIT 1", [wid]).fetchone():
                agenda = agenda.record_data(step.id)
    insert_steps(db.conn, wid, agenda)
