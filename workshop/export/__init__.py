"""Exports of a workshop's summary: Markdown, CSV (zipped), JSON, a printable report.

Every renderer reads the summary model built by ``store.summary`` (plain dicts)
and renders the sections that exist, so that a new area of the workshop
appears in the exports by adding its section to each renderer's list.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache

from ..domain.polls import AGREE


def when(stamp: float | None) -> str:
    """A moment as people read it in a report, in UTC (the server's clocks may differ from the room's)."""
    if stamp is None:
        return ""
    return _minute(int(stamp // 60))


@lru_cache(maxsize=4096)
def _minute(minute: int) -> str:
    # Shown to the minute, so each minute is formatted once: an export of 10,000 cards
    # written in a two-hour workshop formats ~120 moments, not 10,000 (issue 17).
    return datetime.fromtimestamp(minute * 60, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def day(stamp: float | None) -> str:
    return "" if stamp is None else datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%d")


def clock(stamp: float | None) -> str:
    return "" if stamp is None else datetime.fromtimestamp(stamp, timezone.utc).strftime("%H:%M:%S")


def minutes(seconds: float | None, signed: bool = False) -> str:
    """A duration as m:ss (``signed``: with + or −, for time over or under plan)."""
    if seconds is None:
        return ""
    whole = round(seconds)
    sign = ("+" if whole >= 0 else "−") if signed else ("−" if whole < 0 else "")
    whole = abs(whole)
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def step_minutes(value: float | None) -> str:
    """A step's planned or actual minutes ("15 min", "13.7 min"); nothing for a step not run."""
    if value is None:
        return ""
    return f"{value:g} min"


# What a step made, by the summary's list of it (store.summary_agenda.MADE).
STEP_ROWS = ("cards", "clusters", "votes", "topics", "polls")


def by_step(summary: dict) -> list[dict]:
    """The agenda's steps in order, then the removed ones, each with what it made
    (``{"step": ..., "cards": [...], "clusters": [...], ...}``): the order of every export.
    Rows of no known step (made before any step ran) come last, under ``step`` None."""
    agenda = summary.get("agenda") or {"steps": [], "removed": []}
    steps = [*agenda["steps"], *agenda["removed"]]
    known = {s["id"] for s in steps}
    # One pass over each list (a workshop may hold 10,000 cards and 40 steps).
    made: dict[str | None, dict[str, list[dict]]] = {}
    for name in STEP_ROWS:
        for row in summary.get(name) or []:
            step_id = row.get("step_id") if row.get("step_id") in known else None
            made.setdefault(step_id, {n: [] for n in STEP_ROWS})[name].append(row)
    nothing: dict[str, list[dict]] = {n: [] for n in STEP_ROWS}
    sections = [{"step": s, **made.get(s["id"], nothing)} for s in steps]
    if None in made:
        sections.append({"step": None, **made[None]})
    for section in sections:
        section["columns"] = card_columns(summary, section["step"], section["cards"])
    return sections


def card_columns(summary: dict, step: dict | None, cards: list[dict]) -> list[dict]:
    """A step's cards by column (``[{key, title, cards}]``), in its card template's order; a column
    the template lacks (an imported card) follows under its key. Columns without cards are left out."""
    columns = [(c["key"], c["title"]) for c in (step or {}).get("columns") or summary["workshop"]["template"]["columns"]]
    known = {key for key, _ in columns}
    columns += [(key, key) for key in dict.fromkeys(c["column"] for c in cards) if key not in known]
    grouped = [{"key": key, "title": title, "cards": [c for c in cards if c["column"] == key]} for key, title in columns]
    return [g for g in grouped if g["cards"]]


def agreement(round_: dict) -> dict:
    """A closed poll round's agreement: how many answered at each level, and at AGREE (80) or more."""
    levels = {int(k): v for k, v in (round_.get("distribution") or {}).items()}
    agree = sum(v for k, v in levels.items() if k >= AGREE)
    return {"levels": levels, "agree": agree, "answered": round_.get("answered") or 0,
            "text": ", ".join(f"{k}%×{v}" for k, v in sorted(levels.items()) if v)}


def figure(value: object, suffix: str = "") -> str:
    """A figure for a report: a dash when there is nothing to show."""
    return "–" if value is None else f"{value}{suffix}"


def filename(summary: dict, extension: str) -> str:
    """``bowtie-<title>-<date>.<ext>``, ASCII only so every browser and shell takes it."""
    workshop = summary["workshop"]
    slug = re.sub(r"[^a-z0-9]+", "-", workshop["title"].lower()).strip("-")[:40] or "workshop"
    return f"bowtie-{slug}-{day(workshop['created_at'])}.{extension}"
