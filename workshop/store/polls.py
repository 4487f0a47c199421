"""80%-agree polls: rounds of a proposal, answers kept hidden until close.

Before a round closes nobody but the person who answered sees an answer: the
room (facilitators included) hears only how many have answered. On close the
result, the distribution and the sticking points (anonymous unless the poll
says otherwise) go to everyone. Every round is kept; a committed round is a
decision of the workshop.
"""
from __future__ import annotations

import json
import time
import uuid
from typing import Iterable

from ..domain import polls as rules
from ..domain import topics as topic_rules
from ..domain.cards import client_id
from ..domain.errors import Conflict, NotFound
from . import attendance
from .events import Tx
from .workshops import Workshop

_POLL = ("id", "topic_id", "cluster_id", "quorum", "created_at")


def _answered(tx: Tx, round_id: str) -> int:
    return tx.row("SELECT COUNT(*) AS n FROM poll_answers WHERE round_id = ?", [round_id])["n"]


def round_json(tx: Tx, row: dict) -> dict:
    closed = row["closed_at"] is not None
    out = {k: row[k] for k in ("id", "poll_id", "number", "proposal", "opened_at", "closed_at", "result")}
    out["open"] = not closed
    out["answered"] = row["answered"] if closed else _answered(tx, row["id"])
    if closed:
        out.update(present=row["present"], needed=row["needed"], quorum_reached=row["answered"] >= row["needed"],
                   distribution=json.loads(row["distribution"]), sticking=json.loads(row["sticking"]))
    return out


def poll_json(tx: Tx, row: dict) -> dict:
    rounds = [round_json(tx, r) for r in tx.query(
        "SELECT * FROM poll_rounds WHERE poll_id = ? ORDER BY number", [row["id"]])]
    return {**{k: row[k] for k in _POLL}, "anonymous": bool(row["anonymous"]), "rounds": rounds,
            "committed": any(r["result"] == rules.COMMIT for r in rounds)}


def load(tx: Tx, workshop: Workshop, poll_id: object) -> dict:
    row = tx.one("SELECT * FROM polls WHERE id = ? AND workshop_id = ?", [poll_id, workshop.id]) \
        if isinstance(poll_id, str) else None
    if row is None:
        raise NotFound("no such poll in this workshop")
    return row


def load_round(tx: Tx, workshop: Workshop, round_id: object) -> dict:
    row = tx.one("SELECT * FROM poll_rounds WHERE id = ? AND workshop_id = ?", [round_id, workshop.id]) \
        if isinstance(round_id, str) else None
    if row is None:
        raise NotFound("no such poll round in this workshop")
    return row


def open_round_id(tx: Tx, workshop_id: str) -> str | None:
    row = tx.one("SELECT id FROM poll_rounds WHERE workshop_id = ? AND closed_at IS NULL", [workshop_id])
    return row["id"] if row else None


def _new_round(tx: Tx, workshop: Workshop, poll: dict, text: str) -> dict:
    number = tx.row("SELECT COALESCE(MAX(number), 0) + 1 AS n FROM poll_rounds WHERE poll_id = ?",
                    [poll["id"]])["n"]
    tx.db.table("poll_rounds").insert({"id": uuid.uuid4().hex, "workshop_id": workshop.id, "poll_id": poll["id"],
                                       "number": number, "proposal": text, "opened_at": time.time()})
    published = poll_json(tx, load(tx, workshop, poll["id"]))
    tx.publish(workshop.id, "poll:opened", {"poll": published, "round": published["rounds"][-1]})
    return published


def open_poll(tx: Tx, workshop: Workshop, poll_id: object, proposal: object, topic_id: object = None,
              cluster_id: object = None, quorum: object = None, anonymous: object = True) -> dict:
    """Put a proposal to the room: a new poll and its first round."""
    pid = client_id(poll_id)
    existing = tx.one("SELECT * FROM polls WHERE id = ?", [pid])
    if existing:
        if existing["workshop_id"] != workshop.id:
            raise Conflict("that poll id is already taken")
        return poll_json(tx, existing)  # a retry
    text = rules.proposal(proposal)
    share = rules.quorum(quorum)
    anonymous = rules.anonymity(anonymous)
    if topic_id is not None:
        _topic_in(tx, workshop, topic_id)
    rules.require_no_open_round(open_round_id(tx, workshop.id))
    poll = {"id": pid, "workshop_id": workshop.id, "topic_id": topic_id, "quorum": share,
            "cluster_id": topic_rules.cluster_ref(cluster_id), "anonymous": int(anonymous), "created_at": time.time()}
    tx.db.table("polls").insert(poll)
    return _new_round(tx, workshop, poll, text)


def _topic_in(tx: Tx, workshop: Workshop, topic_id: object) -> None:
    if not tx.one("SELECT 1 FROM topics WHERE id = ? AND workshop_id = ?", [topic_id, workshop.id]):
        raise NotFound("no such topic in this workshop")


def reword(tx: Tx, workshop: Workshop, poll_id: object, proposal: object) -> dict:
    """Ask again, in new words: a new round of the same poll."""
    poll = load(tx, workshop, poll_id)
    last = tx.row("SELECT * FROM poll_rounds WHERE poll_id = ? ORDER BY number DESC LIMIT 1", [poll["id"]])
    text = rules.reword(rules.LastRound(last["proposal"], last["closed_at"] is None, last["result"]),
                        proposal, open_round_id(tx, workshop.id))
    if text is None:
        return poll_json(tx, poll)  # a retry
    return _new_round(tx, workshop, poll, text)


def answer(tx: Tx, workshop: Workshop, person: dict, round_id: object, level: object, reason: object) -> dict:
    """Answer or change an answer while the round is open. Only the count is announced."""
    row = load_round(tx, workshop, round_id)
    given = rules.answer(person["id"], level, reason, is_open=row["closed_at"] is None)
    before = _answered(tx, row["id"])
    tx.db.execute("INSERT INTO poll_answers (round_id, participant_id, level, reason, answered_at)"
                  " VALUES (?, ?, ?, ?, ?) ON CONFLICT (round_id, participant_id) DO UPDATE"
                  " SET level = excluded.level, reason = excluded.reason, answered_at = excluded.answered_at",
                  [row["id"], given.participant_id, given.level, given.reason, time.time()])
    answered = _answered(tx, row["id"])
    if answered != before:
        tx.publish(workshop.id, "poll:answered", {"poll_id": row["poll_id"], "round_id": row["id"],
                                                  "answered": answered})
    return {"round_id": row["id"], "level": given.level, "reason": given.reason}


def close(tx: Tx, workshop: Workshop, round_id: object, connected: Iterable[str]) -> dict:
    """Close a round and apply the commit rule, the quorum counting the people present among
    those connected (domain/attendance.py); the result goes to everyone."""
    row = load_round(tx, workshop, round_id)
    poll = load(tx, workshop, row["poll_id"])
    if row["closed_at"] is not None:
        return poll_json(tx, poll)  # a retry
    rows = tx.query("SELECT a.participant_id, a.level, a.reason, p.name FROM poll_answers a "
                    "JOIN participants p ON p.id = a.participant_id WHERE a.round_id = ?", [row["id"]])
    names = {r["participant_id"]: r["name"] for r in rows}
    outcome = rules.close([rules.Answer(r["participant_id"], r["level"], r["reason"]) for r in rows],
                          attendance.present(tx, workshop.id, connected), poll["quorum"])
    sticking = [{"level": a.level, "reason": a.reason, **({} if poll["anonymous"] else {"name": names[a.participant_id]})}
                for a in outcome.sticking]
    tx.db.table("poll_rounds").update(row["id"], {
        "closed_at": time.time(), "result": outcome.result, "answered": outcome.answered,
        "present": outcome.present, "needed": outcome.needed,
        "distribution": json.dumps({str(k): v for k, v in outcome.distribution.items()}),
        "sticking": json.dumps(sticking)})
    published = poll_json(tx, poll)
    closed = next(r for r in published["rounds"] if r["id"] == row["id"])
    tx.publish(workshop.id, "poll:closed", {"poll": published, "round": closed})
    from . import statements  # here: statements puts its sentence to a poll through this module
    statements.poll_closed(tx, workshop, published, closed)
    return published


def close_on_leaving(tx: Tx, workshop: Workshop, connected: Iterable[str]) -> None:
    """The running step ends: a round it left open closes as ``poll:close`` closes it.
    A round belongs to the step it is asked in: left open it would follow the room into
    the next step (every board asking it again), be counted against whoever is present
    there, and keep that step's own poll from opening."""
    round_id = open_round_id(tx, workshop.id)
    if round_id is not None:
        close(tx, workshop, round_id, connected)


def all_polls(tx: Tx, workshop_id: str) -> list[dict]:
    return [poll_json(tx, r) for r in tx.query(
        "SELECT * FROM polls WHERE workshop_id = ? ORDER BY created_at", [workshop_id])]


def my_answers(tx: Tx, workshop_id: str, participant_id: str) -> dict:
    """A participant's own answers to open rounds, so a reload shows what they chose."""
    rows = tx.query("SELECT a.round_id, a.level, a.reason FROM poll_answers a JOIN poll_rounds r ON r.id = a.round_id "
                    "WHERE r.workshop_id = ? AND a.participant_id = ? AND r.closed_at IS NULL",
                    [workshop_id, participant_id])
    return {r["round_id"]: {"level": r["level"], "reason": r["reason"]} for r in rows}
