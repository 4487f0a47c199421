"""Figures of one workshop, computed from its summary (plain dicts, no storage).

Each area contributes a function to ``FIGURES``: ``figure(summary) -> dict`` of
extra analytics keys, computed only from what the summary holds (so that an
export and the summary page always agree).
"""
from __future__ import annotations

from collections import Counter
from typing import Callable

from . import feedback

Figure = Callable[[dict], dict]


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def participation(summary: dict) -> dict:
    people = summary.get("participants", [])
    contributors = sum(1 for p in people if p.get("contributions", 0) > 0)
    return {"participants": len(people), "contributors": contributors,
            "contribution_rate": percent(contributors, len(people))}


def cards(summary: dict) -> dict:
    cards = summary.get("cards", [])
    columns = summary["workshop"]["template"]["columns"]
    by_column = Counter(c["column"] for c in cards)
    per_group = []
    for group in summary.get("groups", []):
        mine = [c for c in cards if c["group_id"] == group["id"]]
        members = [p for p in summary.get("participants", []) if p["group_id"] == group["id"]]
        per_group.append({
            "group": group["name"], "participants": len(members),
            "contributors": sum(1 for p in members if p.get("contributions", 0) > 0),
            "cards": len(mine),
            "columns": {col["key"]: sum(1 for c in mine if c["column"] == col["key"]) for col in columns},
        })
    return {
        "cards": len(cards),
        "cards_per_column": [{"column": col["key"], "title": col["title"], "cards": by_column[col["key"]]}
                             for col in columns],
        "cards_per_group": per_group,
    }


def closing_feedback(summary: dict) -> dict:
    answers = summary.get("feedback", [])
    per_group = []
    for group in summary.get("groups", []):
        scores = [a["score"] for a in answers if a["group_id"] == group["id"]]
        if scores:
            per_group.append({"group": group["name"], **feedback.figures(scores)})
    return {"feedback": {**feedback.figures(a["score"] for a in answers), "per_group": per_group}}


# Later areas (dots, time-boxes, Elmos, polls) append their figures here.
FIGURES: list[Figure] = [participation, cards, closing_feedback]


def figures(summary: dict) -> dict:
    result: dict = {}
    for figure in FIGURES:
        result.update(figure(summary))
    return result
