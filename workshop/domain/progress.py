"""Key results, measured: where each stands after the offsite.

A key result is a number to move from its baseline to its target by a due date
(domain/okrs.py; seed 000: "key results as numbers"). In the months after the
offsite the organiser records readings: the figure on a day, with a short note.
A key result then stands somewhere on its way: the share of the way from
baseline to target its latest reading has made, against the share of the time
gone from the day the offsite settled its objective to its due date. It is on
track while the way made keeps up with the time gone.

Only the key results the strategy shows can be measured: those of objectives
the offsite presented or accepted (as for projects). A reading keeps its key
result by id, so a key result that goes later keeps its readings in the export.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from . import okrs, text
from .errors import Conflict, InvalidInput, NotFound
from .projects import UnknownKeyResult

NOTE_MAX = 200
READINGS_MAX = 200  # per key result: a reading a week for almost four years

NO_READING, REACHED, ON_TRACK, BEHIND, PAST_DUE = "no_reading", "reached", "on_track", "behind", "past_due"
# How every screen names a key result's standing, served with the board (never copied into the browser).
STATUS_LABELS = {NO_READING: "No reading yet", REACHED: "Reached", ON_TRACK: "On track", BEHIND: "Behind",
                 PAST_DUE: "Past due"}


class ReadingNotNumber(InvalidInput):
    code = "value_not_number"


class BadReadingDate(InvalidInput):
    code = "bad_reading_date"


class ReadingInFuture(InvalidInput):
    code = "reading_in_future"


class ReadingNotFound(NotFound):
    code = "no_such_reading"


class ReadingIdTaken(Conflict):
    code = "reading_id_taken"


class TooManyReadings(Conflict):
    code = "too_many_readings"


@dataclass(frozen=True)
class Reading:
    id: str
    key_result_id: str
    value: float
    taken_on: str  # ISO date, yyyy-mm-dd
    note: str


def _taken_on(value: object, today: dt.date) -> str:
    """The day the figure was read: today when none is given; never a day still to come."""
    if value is None or value == "":
        return today.isoformat()
    try:
        day = dt.date.fromisoformat(value.strip()) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise BadReadingDate("the reading's date must be a date such as 2027-03-31", field="taken_on")
    if day > today:
        raise ReadingInFuture(f"a reading is of a day that has come (today is {today.isoformat()})",
                              field="taken_on")
    return day.isoformat()


def new_reading(reading_id: str, key_result_id: object, value: object, taken_on: object, note: object, *,
                measured: Iterable[str], how_many: int, today: dt.date) -> Reading:
    """A reading of one of the ``measured`` key results, which holds ``how_many`` already."""
    if not isinstance(key_result_id, str) or key_result_id not in set(measured):
        raise UnknownKeyResult("that key result is not one of this journey's (its objectives presented or "
                               "accepted at the offsite)", field="key_result_id")
    if how_many >= READINGS_MAX:
        raise TooManyReadings(f"a key result holds at most {READINGS_MAX} readings")
    figure = okrs.number(value, field="the reading", error=ReadingNotNumber)
    return Reading(reading_id, key_result_id, figure, _taken_on(taken_on, today),
                   text.optional(note, field="note", max_len=NOTE_MAX))


def share_of_way(baseline: float, target: float, value: float) -> int:
    """How far ``value`` is from baseline to target, in percent (below 0: it went the other way;
    over 100: past the target). Baseline and target always differ (okrs.BaselineIsTarget)."""
    return round(100 * (value - baseline) / (target - baseline))


def share_of_time(started: dt.date, due: dt.date, today: dt.date) -> int:
    """How much of the time from ``started`` to ``due`` is gone, in percent (0 to 100)."""
    if today >= due or due <= started:
        return 100
    return max(0, round(100 * (today - started).days / (due - started).days))


def status(way: int | None, time: int, due: dt.date, today: dt.date) -> str:
    if way is None:
        return NO_READING
    if way >= 100:
        return REACHED
    if today > due:
        return PAST_DUE
    return ON_TRACK if way >= time else BEHIND


def _latest_first(reading: dict) -> tuple:
    return reading["taken_on"], reading["created_at"]


def standing(key_result: dict, readings: Iterable[dict], today: dt.date) -> dict:
    """The key result (its row, with ``started``: the ISO day its objective was settled) with its
    readings (oldest first), its latest figure, the way made and the time gone, and its status."""
    found = sorted(readings, key=_latest_first)
    latest = found[-1] if found else None
    due = dt.date.fromisoformat(key_result["due"])
    way = None if latest is None else share_of_way(key_result["baseline"], key_result["target"], latest["value"])
    time = share_of_time(dt.date.fromisoformat(key_result["started"]), due, today)
    state = status(way, time, due, today)
    return {**key_result, "move": okrs.move_text(key_result["baseline"], key_result["target"], key_result["unit"]),
            "baseline_shown": okrs.figure_text(key_result["baseline"], key_result["unit"]),
            "target_shown": okrs.figure_text(key_result["target"], key_result["unit"]),
            "readings": [{**{k: r[k] for k in ("id", "value", "taken_on", "note")},
                          "shown": okrs.figure_text(r["value"], key_result["unit"])} for r in found],
            "latest": latest and latest["value"], "latest_on": latest and latest["taken_on"],
            "latest_shown": latest and okrs.figure_text(latest["value"], key_result["unit"]),
            "way_percent": way, "time_percent": time, "status": state, "status_label": STATUS_LABELS[state]}


def board(pillars: Iterable[dict], key_results: Iterable[dict], readings: Iterable[dict],
          today: dt.date) -> list[dict]:
    """Each pillar (in the strategy's order) with where its key results stand; pillars
    without key results are left out. ``key_results`` carry their ``pillar_id``."""
    by_result: dict[str, list[dict]] = {}
    for reading in readings:
        by_result.setdefault(reading["key_result_id"], []).append(reading)
    by_pillar: dict[str, list[dict]] = {}
    for kr in key_results:
        by_pillar.setdefault(kr["pillar_id"], []).append(standing(kr, by_result.get(kr["id"], []), today))
    return [{"pillar": p, "key_results": by_pillar[p["id"]]} for p in pillars if p["id"] in by_pillar]


def summary(groups: Iterable[dict]) -> dict:
    """How the strategy's measures stand: how many key results, how many have a reading,
    and how many are reached, on track (reached included), behind or past due."""
    states = [kr["status"] for g in groups for kr in g["key_results"]]
    return {"key_results": len(states), "measured": sum(s != NO_READING for s in states),
            "reached": states.count(REACHED), "on_track": states.count(REACHED) + states.count(ON_TRACK),
            "behind": states.count(BEHIND), "past_due": states.count(PAST_DUE)}
