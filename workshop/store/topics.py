"""Topics under discussion: the current topic, its stored time-box and its Elmos.

The timer is stored as its state and deadline (see domain.timebox); nothing on
the server counts down. "People present" for the Elmo threshold are those
connected (the transport edge says who, and passes them in) who are here in
the running step (see domain/attendance.py); the count last used is kept on
the topic so that a snapshot shows the same threshold.
"""
from __future__ import annotations

import time
import uuid
from typing import Iterable

from ..domain import timebox
from ..domain import topics as rules
from ..domain.cards import client_id
from ..domain.errors import Conflict, NotFound
from . import attendance, topic_plan, votes
from .events import Tx
from .workshops import Workshop

_TIMER = ("state", "length", "deadline", "remaining", "spent", "since")


def timer_of(row: dict) -> timebox.Timer:
    return timebox.Timer(**{k: row[f"timer_{k}"] for k in _TIMER})


def _timer_columns(timer: timebox.Timer) -> dict:
    return {f"timer_{k}": getattr(timer, k) for k in _TIMER}


def load(tx: Tx, workshop: Workshop, topic_id: object) -> dict:
    row = tx.one("SELECT * FROM topics WHERE id = ? AND workshop_id = ?", [topic_id, workshop.id]) \
        if isinstance(topic_id, str) else None
    if row is None:
        raise NotFound("no such topic in this workshop")
    return row


def current_id(tx: Tx, workshop_id: str) -> str | None:
    row = tx.once(("discussed", workshop_id),
                  lambda: tx.one("SELECT topic_id FROM discussions WHERE workshop_id = ?", [workshop_id]))
    return row["topic_id"] if row else None


def elmo_count(tx: Tx, row: dict) -> rules.ElmoCount:
    # One per person, and only of people still in the workshop: a removed person's
    # Elmo stops counting, so the count never passes the people who can throw one.
    active = tx.row(
        "SELECT COUNT(DISTINCT e.participant_id) AS n FROM elmos e JOIN participants p ON p.id = e.participant_id"
        " WHERE e.topic_id = ? AND e.withdrawn_at IS NULL AND p.removed_at IS NULL", [row["id"]])["n"]
    return rules.count_elmos(active, row["present"], row["elmo_threshold"])


def elmo_log(tx: Tx, topic_id: str) -> list[dict]:
    """Every Elmo thrown on the topic and when (never by whom)."""
    return tx.query("SELECT thrown_at, withdrawn_at FROM elmos WHERE topic_id = ? ORDER BY id", [topic_id])


def elmos_thrown(tx: Tx, topic_id: str) -> int:
    throwers = [r["participant_id"] for r in tx.query("SELECT participant_id FROM elmos WHERE topic_id = ?", [topic_id])]
    return rules.elmos_thrown(throwers)


def topic_json(tx: Tx, row: dict, now: float | None = None) -> dict:
    now = time.time() if now is None else now
    return {
        "id": row["id"], "title": row["title"], "cluster_id": row["cluster_id"], "position": row["position"],
        "planned": row["planned"], "fixed": bool(row["fixed"]), "timer": timer_of(row).public(now),
        "elmo": elmo_count(tx, row).public(), "elmo_log": elmo_log(tx, row["id"]),
        "notes": {k: row[k] for k in rules.NOTE_FIELDS},
    }


def all_topics(tx: Tx, workshop_id: str) -> list[dict]:
    rows = tx.query("SELECT * FROM topics WHERE workshop_id = ? ORDER BY position, created_at", [workshop_id])
    now = time.time()
    return [topic_json(tx, r, now) for r in rows]


def save(tx: Tx, workshop: Workshop, topic_id: object, title: object, cluster_id: object = None,
         planned: object = None, position: object = None, fixed: object = None, *, replan: bool = True) -> dict:
    """Create a topic (a new client id) or change it. On a change, the fields
    not sent (None) stay as they are; an empty cluster_id unties the cluster.
    A planned time sent is set by hand, so the time plan keeps it (``fixed``),
    unless ``fixed`` says otherwise; ``fixed=False`` gives the topic back to the plan."""
    tid = client_id(topic_id)
    existing = tx.one("SELECT * FROM topics WHERE id = ?", [tid])
    if existing and existing["workshop_id"] != workshop.id:
        raise Conflict("that topic id is already taken")
    clean: dict[str, object] = {"title": rules.title(title)}
    if cluster_id is not None:
        clean["cluster_id"] = rules.cluster_ref(cluster_id)
    if planned is not None or not existing:
        clean["planned"] = rules.planned(planned)
    if position is not None:
        clean["position"] = rules.position(position)
    if fixed is not None or planned is not None or not existing:
        clean["fixed"] = rules.fixed(fixed, planned)
    if existing:
        if all(existing[k] == v for k, v in clean.items()):
            return topic_json(tx, existing)
        tx.db.table("topics").update(tid, clean)
    else:
        if "position" not in clean:
            clean["position"] = tx.row("SELECT COALESCE(MAX(position), 0) + 1 AS p FROM topics WHERE workshop_id = ?",
                                       [workshop.id])["p"]
        tx.db.table("topics").insert({"id": tid, "workshop_id": workshop.id, "created_at": time.time(), **clean})
    topic = topic_json(tx, load(tx, workshop, tid))
    tx.publish(workshop.id, "topic:saved", {"topic": topic})
    if replan:
        topic_plan.publish(tx, workshop.id)
    return topic


def delete(tx: Tx, workshop: Workshop, topic_id: object) -> str:
    try:
        row = load(tx, workshop, client_id(topic_id))
    except NotFound:
        return client_id(topic_id)  # already gone: a retry
    for table in ("elmos", "actions"):
        tx.db.execute(f"DELETE FROM {table} WHERE topic_id = ?", [row["id"]])
    tx.db.execute("UPDATE polls SET topic_id = NULL WHERE topic_id = ?", [row["id"]])
    tx.db.execute("DELETE FROM discussions WHERE topic_id = ?", [row["id"]])
    tx.db.execute("DELETE FROM topics WHERE id = ?", [row["id"]])
    tx.publish(workshop.id, "topic:deleted", {"topic_id": row["id"]})
    topic_plan.publish(tx, workshop.id)
    return row["id"]


def open_topic(tx: Tx, workshop: Workshop, topic_id: object, connected: Iterable[str]) -> dict:
    """Make a topic the one under discussion. A timer still running on the
    previous topic stops there, so its time spent is recorded."""
    row = load(tx, workshop, topic_id)
    previous_id = current_id(tx, workshop.id)
    if previous_id == row["id"]:
        return topic_json(tx, row)
    stopped = _settle(tx, previous_id, time.time()) if previous_id else None
    tx.db.table("discussions").upsert({"workshop_id": workshop.id, "topic_id": row["id"]}, pk="workshop_id")
    tx.db.execute("UPDATE topics SET present = ? WHERE id = ?",
                  [attendance.present(tx, workshop.id, connected), row["id"]])
    topic = topic_json(tx, load(tx, workshop, row["id"]))
    tx.publish(workshop.id, "topic:opened", {"topic_id": row["id"], "topic": topic, "stopped": stopped})
    topic_plan.publish(tx, workshop.id)
    return topic


# -- the time-box -----------------------------------------------------------------

TIMER_ACTIONS = {
    "start": lambda t, arg, now: timebox.start(t, arg, now),
    "pause": lambda t, _arg, now: timebox.pause(t, now),
    "resume": lambda t, _arg, now: timebox.resume(t, now),
    "add": lambda t, arg, now: timebox.add_time(t, arg, now),
    "stop": lambda t, _arg, now: timebox.stop(t, now),
}


def change_timer(tx: Tx, workshop: Workshop, topic_id: object, action: str, arg: object = None,
                 now: float | None = None) -> dict:
    """Start, pause, resume, add time to or stop the current topic's time-box."""
    now = time.time() if now is None else now
    row = load(tx, workshop, topic_id)
    rules.require_current(row["id"], current_id(tx, workshop.id))
    if action == "start" and arg is None:
        arg = row["planned"]
    timer = TIMER_ACTIONS[action](timer_of(row), arg, now)
    tx.db.table("topics").update(row["id"], _timer_columns(timer))
    public = timer.public(now)
    tx.publish(workshop.id, "timer:changed", {"topic_id": row["id"], "timer": public, "action": action})
    topic_plan.publish(tx, workshop.id)
    return public


def _settle(tx: Tx, topic_id: str, now: float) -> dict | None:
    row = tx.one("SELECT * FROM topics WHERE id = ?", [topic_id])
    timer = timebox.settle(timer_of(row), now) if row else None
    if timer is None:
        return None
    tx.db.table("topics").update(topic_id, _timer_columns(timer))
    return {"topic_id": topic_id, "timer": timer.public(now)}


def stop_on_leaving(tx: Tx, workshop_id: str) -> None:
    """The step changes: the current topic's time-box stops, so its time spent stays put."""
    topic_id = current_id(tx, workshop_id)
    stopped = _settle(tx, topic_id, time.time()) if topic_id else None
    if stopped:
        tx.publish(workshop_id, "timer:changed", {**stopped, "action": "stop"})


# -- Elmo ---------------------------------------------------------------------

def _standing(tx: Tx, topic_id: str, participant_id: str) -> dict | None:
    return tx.one("SELECT id FROM elmos WHERE topic_id = ? AND participant_id = ? AND withdrawn_at IS NULL",
                  [topic_id, participant_id])


def throw_elmo(tx: Tx, workshop: Workshop, person: dict, topic_id: object, connected: Iterable[str]) -> dict:
    """One Elmo per person per topic: throwing again while one stands changes nothing."""
    row = load(tx, workshop, topic_id)
    rules.require_current(row["id"], current_id(tx, workshop.id))
    if _standing(tx, row["id"], person["id"]):
        return {"topic_id": row["id"], "mine": True, **elmo_count(tx, row).public()}  # a retry
    tx.db.execute("INSERT INTO elmos (workshop_id, topic_id, participant_id, thrown_at) VALUES (?, ?, ?, ?)",
                  [workshop.id, row["id"], person["id"], time.time()])
    return {"topic_id": row["id"], "mine": True, **_elmo_changed(tx, workshop, row, connected)}


def withdraw_elmo(tx: Tx, workshop: Workshop, person: dict, topic_id: object, connected: Iterable[str]) -> dict:
    row = load(tx, workshop, topic_id)
    standing = _standing(tx, row["id"], person["id"])
    if not standing:
        return {"topic_id": row["id"], "mine": False, **elmo_count(tx, row).public()}  # a retry
    tx.db.execute("UPDATE elmos SET withdrawn_at = ? WHERE id = ?", [time.time(), standing["id"]])
    return {"topic_id": row["id"], "mine": False, **_elmo_changed(tx, workshop, row, connected)}


def set_threshold(tx: Tx, workshop: Workshop, topic_id: object, threshold: object, connected: Iterable[str]) -> dict:
    row = load(tx, workshop, topic_id)
    fixed = rules.fixed_threshold(threshold)
    tx.db.table("topics").update(row["id"], {"elmo_threshold": fixed})
    return _elmo_changed(tx, workshop, {**row, "elmo_threshold": fixed}, connected)


def _elmo_changed(tx: Tx, workshop: Workshop, row: dict, connected: Iterable[str]) -> dict:
    """Keep the count of people present that the threshold used, and tell the room (``row`` is the topic as stored)."""
    present = attendance.present(tx, workshop.id, connected)
    tx.db.execute("UPDATE topics SET present = ? WHERE id = ?", [present, row["id"]])
    elmo = elmo_count(tx, {**row, "present": present}).public()
    tx.publish(workshop.id, "elmo:changed", {"topic_id": row["id"], "elmo": elmo, "elmo_log": elmo_log(tx, row["id"])})
    return elmo


def my_elmos(tx: Tx, workshop_id: str, participant_id: str) -> list[str]:
    return [r["topic_id"] for r in tx.query(
        "SELECT topic_id FROM elmos WHERE workshop_id = ? AND participant_id = ? AND withdrawn_at IS NULL",
        [workshop_id, participant_id])]


def discuss_clusters(tx: Tx, workshop: Workshop, clusters: list[dict], planned: object = None) -> list[dict]:
    """Topics for ranked clusters (``[{"id", "title"}]``, best first): one per
    cluster that has none yet, appended in rank order. Calling it again adds
    nothing twice, so "discuss the top N" can be pressed safely more than once."""
    taken = {r["cluster_id"] for r in tx.query(
        "SELECT cluster_id FROM topics WHERE workshop_id = ? AND cluster_id IS NOT NULL", [workshop.id])}
    made = []
    for cluster in clusters:
        if cluster["id"] in taken:
            continue
        taken.add(cluster["id"])
        made.append(save(tx, workshop, str(uuid.uuid4()), cluster["title"], cluster["id"], planned, fixed=False,
                         replan=False))
    if made:
        topic_plan.publish(tx, workshop.id)
    return made


def discuss_top(tx: Tx, workshop: Workshop, count: object, planned: object = None) -> list[dict]:
    """Topics for the top ``count`` places of the latest closed vote (ties at the
    last place come along), best first; places already on the agenda are skipped."""
    places = rules.agenda_count(count)
    vote = votes.latest(tx, workshop.id)
    if vote is not None and vote["group_id"] is not None:
        # A vote in groups: each group's top places, group after group.
        group_votes = tx.query("SELECT * FROM votes WHERE workshop_id = ? AND step_id IS ? AND group_id IS NOT NULL"
                               " ORDER BY rowid", [workshop.id, vote["step_id"]])
        top = [place for row in group_votes
               for place in rules.top_places(votes.vote_json(row)["ranking"], places)]
        return discuss_clusters(tx, workshop, top, planned)
    top = rules.top_places(votes.vote_json(vote)["ranking"] if vote else None, places)
    return discuss_clusters(tx, workshop, top, planned)

