"""A journey's projects by pillar: their rows, and the pillars they may serve.

The pillars are the formulate stage's, read from its workshops as they are
now; a project keeps its pillar's id, so a pillar renamed at the offsite
shows its new name here, and one removed leaves its projects marked. So with
the key results: those of the objectives presented or accepted there, as they
are now.
"""
from __future__ import annotations

import time

from ..domain import projects as rules
from . import journeys
from .events import Tx

_COLUMNS = "id, title, team, pillar_id, key_result_id"


def pillars_of(tx: Tx, journey_id: str) -> list[dict]:
    """The pillars a project may serve: every formulate workshop's, in the strategy's order."""
    return tx.query(
        "SELECT p.id, p.name, w.title AS workshop_title, w.id AS workshop_id FROM journey_workshops l "
        "JOIN workshops w ON w.id = l.workshop_id JOIN pillars p ON p.workshop_id = w.id "
        "WHERE l.journey_id = ? AND l.stage = 'formulate' ORDER BY l.added_at, w.id, p.step_id, p.position",
        [journey_id])


def key_results_of(tx: Tx, journey_id: str) -> list[dict]:
    """The key results a project may move (and a reading measure: store/progress.py): the
    formulate stage's objectives presented or accepted, each key result with its objective,
    that objective's pillar and ``started``, the day the offsite last settled the objective
    (UTC, as due dates are), in the order the offsite wrote them."""
    return tx.query(
        "SELECT k.id, k.statement, k.metric, k.unit, k.baseline, k.target, k.due, k.owner, o.pillar_id, "
        "o.id AS objective_id, o.text AS objective, date(o.updated_at, 'unixepoch') AS started "
        "FROM journey_workshops l "
        "JOIN objectives o ON o.workshop_id = l.workshop_id JOIN key_results k ON k.objective_id = o.id "
        "WHERE l.journey_id = ? AND l.stage = 'formulate' AND o.state IN (?, ?) "
        "ORDER BY l.added_at, o.workshop_id, o.created_at, o.id, k.position",
        [journey_id, *rules.MEASURED])


def _strategy(tx: Tx, journey_id: str) -> rules.Strategy:
    return rules.Strategy.of(pillars_of(tx, journey_id), key_results_of(tx, journey_id))


def _rows(tx: Tx, journey_id: str) -> list[dict]:
    return tx.query(f"SELECT {_COLUMNS} FROM journey_projects WHERE journey_id = ? "
                    "ORDER BY position, created_at, id", [journey_id])


def portfolio(tx: Tx, journey_id: str) -> dict:
    """The journey's projects grouped by the pillar they serve, and how far they carry
    the strategy (domain/projects.py)."""
    journeys.load(tx, journey_id)
    pillars = pillars_of(tx, journey_id)
    groups = rules.portfolio(pillars, _rows(tx, journey_id), key_results_of(tx, journey_id))
    return {"pillars": pillars, "groups": groups, "adoption": rules.adoption(groups)}


def _load(tx: Tx, journey_id: str, project_id: object) -> rules.Project:
    row = tx.one(f"SELECT {_COLUMNS} FROM journey_projects WHERE id = ? AND journey_id = ?",
                 [project_id, journey_id]) if isinstance(project_id, str) else None
    if row is None:
        raise rules.ProjectNotFound("no such project in this journey")
    return rules.Project(**row)


def _last(tx: Tx, journey_id: str) -> int:
    return tx.row("SELECT COALESCE(MAX(position), -1) + 1 AS next FROM journey_projects WHERE journey_id = ?",
                  [journey_id])["next"]


def add(tx: Tx, journey_id: str, project_id: str, title: object, team: object, pillar_id: object,
        key_result_id: object = None) -> dict:
    """A new project, last of its pillar; sent again with the same id, the one stored."""
    journeys.load(tx, journey_id)
    if tx.one("SELECT 1 FROM journey_projects WHERE id = ? AND journey_id = ?", [project_id, journey_id]):
        return _load(tx, journey_id, project_id).__dict__
    if tx.one("SELECT 1 FROM journey_projects WHERE id = ?", [project_id]):
        raise rules.ProjectIdTaken("that project id belongs to another journey: make a new one")
    how_many = tx.row("SELECT COUNT(*) AS n FROM journey_projects WHERE journey_id = ?", [journey_id])["n"]
    project = rules.new_project(project_id, title, team, pillar_id, key_result_id, _strategy(tx, journey_id),
                                how_many)
    tx.db.execute("INSERT INTO journey_projects (id, journey_id, title, team, pillar_id, key_result_id, "
                  "position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  [project.id, journey_id, project.title, project.team, project.pillar_id, project.key_result_id,
                   _last(tx, journey_id), time.time()])
    return project.__dict__


def change(tx: Tx, journey_id: str, project_id: object, title: object, team: object, pillar_id: object,
           position: object, key_result_id: object = None) -> dict:
    """Rename, reassign to another pillar (last there), name the key result it moves,
    or move within its pillar."""
    journeys.load(tx, journey_id)
    before = _load(tx, journey_id, project_id)
    pillars = pillars_of(tx, journey_id)
    strategy = rules.Strategy.of(pillars, key_results_of(tx, journey_id))
    after = rules.changed(before, title, team, pillar_id, key_result_id, strategy)
    if position is not None:
        rules.place(position)  # checked before anything is written
    moved_pillar = after.pillar_id != before.pillar_id
    tx.db.execute("UPDATE journey_projects SET title = ?, team = ?, pillar_id = ?, key_result_id = ?, "
                  "position = CASE WHEN ? THEN ? ELSE position END WHERE id = ?",
                  [after.title, after.team, after.pillar_id, after.key_result_id, moved_pillar,
                   _last(tx, journey_id), after.id])
    if position is not None:
        _place(tx, journey_id, pillars, after.id, position)
    return after.__dict__


def _place(tx: Tx, journey_id: str, pillars: list[dict], project_id: str, position: object) -> None:
    """Renumber the project's group (as the portfolio shows it) with the project at ``position``."""
    groups = rules.portfolio(pillars, _rows(tx, journey_id))
    group = next(g for g in groups if any(p["id"] == project_id for p in g["projects"]))
    order = rules.moved([p["id"] for p in group["projects"]], project_id, position)
    tx.db.conn.executemany("UPDATE journey_projects SET position = ? WHERE id = ?",
                      [(place, pid) for place, pid in enumerate(order)])


def remove(tx: Tx, journey_id: str, project_id: object) -> dict:
    journeys.load(tx, journey_id)
    project = _load(tx, journey_id, project_id)
    tx.db.execute("DELETE FROM journey_projects WHERE id = ?", [project.id])
    return project.__dict__


def export(tx: Tx, journey_id: str) -> list[dict]:
    """For the journey's export: every project with its pillar's name and its key result's
    statement (None: none, or gone)."""
    names = {p["id"]: p["name"] for p in pillars_of(tx, journey_id)}
    statements = {k["id"]: k["statement"] for k in key_results_of(tx, journey_id)}
    return [{**row, "pillar": names.get(row["pillar_id"]), "key_result": statements.get(row["key_result_id"])}
            for row in _rows(tx, journey_id)]
