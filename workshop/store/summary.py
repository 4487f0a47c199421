"""The whole of one workshop as plain dicts, in one consistent read.

The summary page, every export and the analytics are built from this model
alone. Each area of the workshop contributes its part through
``SUMMARY_SECTIONS``: ``section(tx, workshop, model) -> dict`` of extra keys,
anonymous where the workshop was (cards name their group, never their author;
feedback and poll reasons name no one).
"""
from __future__ import annotations

import time
from typing import Callable

from ..domain import analytics
from . import step_elmos
from .events import Tx
from .strategy import section as strategy
from .summary_agenda import agenda
from .summary_discussion import discussion
from .summary_results import clusters_and_votes
from .workshops import Workshop, load

SummarySection = Callable[[Tx, Workshop, dict], dict]


def workshop_json(workshop: Workshop) -> dict:
    return {**workshop.public(), "created_at": workshop.created_at, "archived_at": workshop.archived_at}


def _people(tx: Tx, workshop: Workshop, model: dict) -> dict:
    groups = tx.query("SELECT id, name, position FROM groups WHERE workshop_id = ? ORDER BY position, id",
                      [workshop.id])
    names = {g["id"]: g["name"] for g in groups}
    # Cards per author in one pass over the workshop's cards: a count per participant
    # (a subquery per row) scans without an index and took seconds at 10,000 cards.
    written = {r["participant_id"]: r["n"] for r in tx.query(
        "SELECT participant_id, COUNT(*) AS n FROM cards WHERE workshop_id = ? GROUP BY participant_id",
        [workshop.id])}
    people = tx.query(
        "SELECT p.id, p.name, p.role, p.experience, p.group_id "
        "FROM participants p WHERE p.workshop_id = ? AND p.removed_at IS NULL ORDER BY p.joined_at, p.id",
        [workshop.id])
    members: dict = {}
    for person in people:
        person["cards"] = written.get(person["id"], 0)
        person["group"] = names.get(person["group_id"], "")
        person["contributions"] = person["cards"]
        members.setdefault(person["group_id"], []).append(person["name"])
    for group in groups:
        group["members"] = members.get(group["id"], [])
    return {"groups": groups, "participants": people}


def _cards(tx: Tx, workshop: Workshop, model: dict) -> dict:
    order = {key: i for i, key in enumerate(workshop.template.column_keys)}
    titles = {c.key: c.title for c in workshop.template.columns}
    position = {g["id"]: g["position"] for g in model["groups"]}
    names = {g["id"]: g["name"] for g in model["groups"]}
    origins = {o["item_id"]: o for o in tx.query(
        "SELECT item_id, source_workshop_id, source_title, source_cluster, source_group, dots, rank "
        "FROM origins WHERE workshop_id = ? AND kind = 'card'", [workshop.id])}
    rows = tx.query('SELECT id, group_id, "column", text, created_at, step_id FROM cards WHERE workshop_id = ?',
                    [workshop.id])
    cards = [{**r, "group": names.get(r["group_id"], ""), "column_title": titles.get(r["column"], r["column"]),
              "cluster_id": None, "cluster": "", "origin": _origin(origins.get(r["id"]))} for r in rows]
    cards.sort(key=lambda c: (position.get(c["group_id"], 0), order.get(c["column"], 99), c["created_at"], c["id"]))
    return {"cards": cards}


def _origin(row: dict | None) -> dict | None:
    return None if row is None else {k: v for k, v in row.items() if k != "item_id"}


def _feedback(tx: Tx, workshop: Workshop, model: dict) -> dict:
    names = {g["id"]: g["name"] for g in model["groups"]}
    position = {g["id"]: g["position"] for g in model["groups"]}
    rows = tx.query("SELECT group_id, score, worked, did_not_work, given_at FROM feedback WHERE workshop_id = ? "
                    "ORDER BY given_at, id", [workshop.id])
    for row in rows:
        row["group"] = names.get(row["group_id"], "")
    rows.sort(key=lambda r: position.get(r["group_id"], 0))
    return {"feedback": rows}


def _carried(tx: Tx, workshop: Workshop, model: dict) -> dict:
    sources = tx.query(
        "SELECT source_workshop_id, source_title, COUNT(*) AS cards FROM origins WHERE workshop_id = ? "
        "AND kind = 'card' GROUP BY source_workshop_id, source_title ORDER BY MIN(rank), source_title",
        [workshop.id])
    return {"carried_from": sources}


# In the order they build on each other: clusters take the cards, topics name clusters.
SUMMARY_SECTIONS: list[SummarySection] = [_people, _cards, clusters_and_votes, discussion, _feedback, _carried,
                                          strategy, step_elmos.summary]


def summary(tx: Tx, workshop_id: str, now: float | None = None) -> dict:
    """``now``: the moment the running step's actual time is counted to (the clock, unless given)."""
    workshop = load(tx, workshop_id)
    model: dict = {"workshop": workshop_json(workshop)}
    for section in SUMMARY_SECTIONS:
        model.update(section(tx, workshop, model))
    # Last: it counts what each step made, from every section's rows.
    model.update(agenda(tx, workshop, model, time.time() if now is None else now))
    model["analytics"] = analytics.figures(model)
    return model
