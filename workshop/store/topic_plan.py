"""The topic plan of a discuss step: each open topic's share of the time left.

The plan is never stored: it is a pure function (``domain.timeplan.plan_topics``)
of the step's time left, the open topics in order with their dots, their
hand-set times and the time spent on the topic under way. Every change that
moves it publishes ``topics:planned`` with the whole plan, so one computation
on the server is the only source of truth; the snapshot carries it too.

Which topics: every topic of the workshop whose time-box is not stopped (a
stopped topic is closed: its time is spent, and the step's time left says so).
Which step: the running discuss step, else the first discuss step not yet run
(so a plan is there while the topics are prepared). Dots: each topic's
``cluster_id`` in the ranking of the vote the step works on, else of the
latest closed vote; a topic made by hand has none.
"""
from __future__ import annotations

import json
import time

from ..domain import timebox, timeplan
from ..domain.agenda import RUNNING, Step
from ..domain.errors import Conflict
from ..domain.steps.discuss import DiscussSettings
from ..domain.viewer import Viewer
from . import agenda, topics
from .events import Tx
from .workshops import Workshop


class Unknown:
    """No plan was read before the change."""


UNKNOWN = Unknown()


def discuss_step(tx: Tx, workshop_id: str) -> Step | None:
    steps = agenda.load(tx, workshop_id)
    current = steps.current
    if current is not None and current.kind == "discuss":
        return current
    return next((s for s in steps.steps if s.kind == "discuss" and not s.has_run), None)


def dots_by_item(tx: Tx, workshop_id: str, step: Step) -> dict[str, int]:
    """The dots of each ranked item, from the vote the step works on (else the latest closed one)."""
    query = "SELECT ranking FROM votes WHERE workshop_id = ? AND status = 'closed' {} ORDER BY closed_at DESC LIMIT 1"
    row = tx.one(query.format("AND step_id = ?"), [workshop_id, step.works_on]) if step.works_on else None
    row = row or tx.one(query.format(""), [workshop_id])
    ranking = json.loads(row["ranking"]) if row and row["ranking"] else []
    return {item["id"]: item["dots"] for item in ranking}


def _demands(tx: Tx, workshop_id: str, step: Step, now: float) -> list[timeplan.TopicDemand]:
    dots = dots_by_item(tx, workshop_id, step)
    current = topics.current_id(tx, workshop_id)
    rows = tx.query("SELECT * FROM topics WHERE workshop_id = ? AND timer_state != ? ORDER BY position, created_at",
                    [workshop_id, timebox.STOPPED])
    return [timeplan.TopicDemand(
        id=r["id"], dots=dots.get(r["cluster_id"], 0), fixed_seconds=r["planned"] if r["fixed"] else None,
        spent_seconds=int(topics.timer_of(r).spent_by(now)) if r["id"] == current else 0) for r in rows]


def plan(tx: Tx, workshop_id: str, now: float | None = None) -> dict | None:
    """The plan as every screen reads it, or None when the agenda has no discuss step to plan."""
    now = time.time() if now is None else now
    step = discuss_step(tx, workshop_id)
    if step is None:
        return None
    settings = step.settings if isinstance(step.settings, DiscussSettings) else DiscussSettings()
    minimum = settings.min_topic_minutes * timeplan.MINUTE
    planned = timeplan.plan_topics(timeplan.seconds_left_in(step, now), _demands(tx, workshop_id, step, now),
                                   minimum_seconds=minimum)
    running = step.state == RUNNING and step.started_at is not None
    ends_at = step.started_at + step.planned_minutes * timeplan.MINUTE if running and step.started_at else None
    return {"step_id": step.id, "at": now, "running": running, "ends_at": ends_at, "minimum": minimum,
            **planned.public()}


def publish(tx: Tx, workshop_id: str, before: dict | None | Unknown = UNKNOWN) -> dict | None:
    """Tell every screen the plan after a change, when what they show of it moved
    (its own event: one source of truth). Told only then, so that a step move or a
    control screen asking every half minute does not wake the whole room for nothing.
    ``before``: the plan before the change, when the caller read it; else the last one told."""
    public = plan(tx, workshop_id)
    if isinstance(before, Unknown):
        last = tx.one("SELECT data FROM events WHERE workshop_id = ? AND kind = 'topics:planned'"
                      " ORDER BY seq DESC LIMIT 1", [workshop_id])
        moved = last is None or _shown(json.loads(last["data"])["plan"]) != _shown(public)
    else:
        moved = _shown(before) != _shown(public)
    if moved:
        tx.publish(workshop_id, "topics:planned", {"plan": public})
    return public


def replan(tx: Tx, workshop: Workshop) -> dict | None:
    """The plan again, for a screen that saw time move it (the topic under way overran,
    or time passed between topics): nothing on the server ticks."""
    return publish(tx, workshop.id)


def _shown(public: dict | None) -> object:
    """What a screen shows of a plan: each topic's share, the cut line, and the
    step's time left (its end while it runs: a screen counts down to it)."""
    if public is None:
        return None
    slots = [(s["id"], s["seconds"], s["reached"], s["fixed"]) for s in public["slots"]]
    return slots, public["cut"], public["step_id"], public["ends_at"] or public["seconds_left"]


def accept(tx: Tx, workshop: Workshop) -> dict:
    """Give each topic above the cut line its allotment as its planned time-box (hand-set ones keep theirs)."""
    public = plan(tx, workshop.id)
    if public is None:
        raise Conflict("the agenda has no discuss step to plan")
    changed = []
    for slot in public["slots"]:
        if slot["reached"] and not slot["fixed"]:
            row = tx.one("SELECT * FROM topics WHERE id = ?", [slot["id"]])
            if row and row["planned"] != slot["seconds"]:
                tx.db.table("topics").update(slot["id"], {"planned": slot["seconds"]})
                changed.append(topics.topic_json(tx, {**row, "planned": slot["seconds"]}))
    if changed:
        tx.publish(workshop.id, "topics:plan_accepted", {"topics": changed})
    return {"topics": changed, "plan": public}


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """The snapshot's part: the plan for every viewer (it holds nobody's words)."""
    return {"topic_plan": plan(tx, workshop.id)}
