"""The summary's agenda: every step in order with its planned and actual minutes,
the steps removed while they held data, and what each step made.

Cards, clusters, votes, topics and polls carry the ``step_id`` of the step
running when they were made; the exports present them under that step, in
agenda order (``export.by_step``).
"""
from __future__ import annotations

from collections import Counter

from ..domain import steps as step_kinds
from ..domain.agenda import Step
from ..domain.timeplan import actual_minutes
from . import card_templates
from .agenda import load
from .events import Tx
from .workshops import Workshop

# What a step made, by the summary's list of it.
MADE = ("cards", "clusters", "votes", "topics", "polls")


def _step_json(step: Step, position: int | None, now: float, columns: dict[str, list[dict]]) -> dict:
    template = getattr(step.settings, "card_template", None)
    return {"id": step.id, "position": position, "kind": step.kind, "kind_title": step_kinds.kind(step.kind).title,
            "title": step.title,
            "planned_minutes": step.planned_minutes, "actual_minutes": actual_minutes(step, now),
            "state": step.state, "started_at": step.started_at, "ended_at": step.ended_at,
            "works_on": step.works_on, "has_data": step.has_data, "removed": position is None,
            "card_template": template, "columns": columns.get(template, []) if template else []}


def _template_columns(tx: Tx, workshop: Workshop, keys: set[str]) -> dict[str, list[dict]]:
    """Column keys and titles of the card templates the collect steps use: the
    workshop's own copy of its template first (the library's may have been
    changed or deleted since), then this server's built-ins and library."""
    found = {workshop.template.key: workshop.template} if workshop.template.key in keys else {}
    for key in sorted(keys - set(found)):
        template = card_templates.lookup(tx, key)
        if template is not None:
            found[key] = template
    return {k: [{"key": c.key, "title": c.title} for c in t.columns] for k, t in found.items()}


def agenda(tx: Tx, workshop: Workshop, model: dict, now: float) -> dict:
    plan = load(tx, workshop.id)
    every = (*plan.steps, *plan.removed)
    columns = _template_columns(tx, workshop, {k for s in every if (k := getattr(s.settings, "card_template", None))})
    steps = [_step_json(s, i + 1, now, columns) for i, s in enumerate(plan.steps)]
    removed = [_step_json(s, None, now, columns) for s in plan.removed]
    _column_titles(model["cards"], steps + removed)
    counts = {name: Counter(row.get("step_id") for row in model.get(name, [])) for name in MADE}
    for step in steps + removed:
        step["made"] = {name: counts[name][step["id"]] for name in MADE}
    current = plan.current
    return {"agenda": {
        "steps": steps, "removed": removed, "current": current.id if current else None,
        "planned_minutes": sum(s["planned_minutes"] for s in steps),
        "actual_minutes": round(sum(s["actual_minutes"] or 0 for s in steps), 1),
    }}


def _column_titles(cards: list[dict], steps: list[dict]) -> None:
    """A card's column title is its own collect step's (two collect steps may use two templates)."""
    titles = {s["id"]: {c["key"]: c["title"] for c in s["columns"]} for s in steps}
    for card in cards:
        card["column_title"] = titles.get(card.get("step_id"), {}).get(card["column"], card["column_title"])
