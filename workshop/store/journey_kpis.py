"""What a journey's KPIs are computed from, read in one consistent snapshot.

Not the whole summary of every session: a journey of 50 sessions and 15,000
cards took 1.3 s that way (bench/journey.py). The figures come from the same
functions the summary's analytics use (time spent, Elmos thrown, polls), over
only the rows they need."""
from __future__ import annotations

import json
import time

from ..domain import analytics, journey_compare
from ..domain import journey_kpis as rules
from . import polls, topics
from .events import Tx
from .journeys import load, sessions, teams_of


def _carried_voices(tx: Tx, journey_id: str) -> set[tuple[str, str]]:
    """(session, person) of everyone whose card reached an item of a later stage."""
    voices: set[tuple[str, str]] = set()
    for row in tx.query("SELECT i.raised_by FROM journey_items i JOIN journey_workshops l "
                        "ON l.workshop_id = i.workshop_id WHERE l.journey_id = ?", [journey_id]):
        voices.update((session, person) for session, _, person in json.loads(row["raised_by"]) if person)
    return voices


def _people(tx: Tx, workshop_id: str) -> dict[str, dict]:
    return {r["id"]: r for r in tx.query(
        "SELECT id, role, experience, group_id FROM participants WHERE workshop_id = ? AND removed_at IS NULL "
        "ORDER BY joined_at, id", [workshop_id])}


def _facts(tx: Tx, session: dict, voices: set[tuple[str, str]], now: float) -> rules.SessionFacts:
    wid = session["id"]
    people = _people(tx, wid)
    # Cards people wrote here: material carried in from an earlier stage has no author and is no one's voice.
    by_author = {r["participant_id"]: r["n"] for r in tx.query(
        "SELECT participant_id, COUNT(*) AS n FROM cards WHERE workshop_id = ? AND participant_id IS NOT NULL "
        "GROUP BY participant_id", [wid])}
    written = sum(by_author.values())
    writers = frozenset(p for p in by_author if p in people)
    consensus = analytics.consensus({"polls": polls.all_polls(tx, wid)})
    timed = tx.query("SELECT * FROM topics WHERE workshop_id = ?", [wid])
    return rules.SessionFacts(
        id=wid, title=session["title"], stage=session["stage"], team=session["team"],
        participants=len(people), cards=written, writers=writers,
        carried_writers=frozenset(p for p in writers if (wid, p) in voices),
        scores=tuple(r["score"] for r in tx.query("SELECT score FROM feedback WHERE workshop_id = ?", [wid])),
        polls=consensus["polls"],
        rounds_to_commit=tuple(p["rounds_to_commit"] for p in consensus["poll_rounds"] if p["committed"]),
        topics=tuple((t["planned"], round(topics.timer_of(t).spent_by(now), 1)) for t in timed),
        elmos=sum(topics.elmos_thrown(tx, t["id"]) for t in timed),
        roles=tuple(p["role"] or "" for p in people.values()),
        experience=tuple(p["experience"] or "" for p in people.values()))


def _groups(tx: Tx, session: dict, voices: set[tuple[str, str]]) -> list[journey_compare.GroupFacts]:
    """Every group of a session with its members' roles, cards, feedback and Elmos."""
    wid = session["id"]
    people = _people(tx, wid)
    cards = {r["participant_id"]: r["n"] for r in tx.query(
        "SELECT participant_id, COUNT(*) AS n FROM cards WHERE workshop_id = ? AND participant_id IS NOT NULL "
        "GROUP BY participant_id", [wid])}
    scores: dict[str, list[int]] = {}
    for r in tx.query("SELECT group_id, score FROM feedback WHERE workshop_id = ?", [wid]):
        scores.setdefault(r["group_id"], []).append(r["score"])
    # One Elmo per person and topic, as the session's count has it (domain/topics.py elmos_thrown).
    elmos = {r["group_id"]: r["n"] for r in tx.query(
        "SELECT p.group_id, COUNT(DISTINCT e.topic_id || ':' || e.participant_id) AS n FROM elmos e "
        "JOIN participants p ON p.id = e.participant_id WHERE e.workshop_id = ? GROUP BY p.group_id", [wid])}
    found = []
    for group in tx.query("SELECT id, name FROM groups WHERE workshop_id = ? ORDER BY position, id", [wid]):
        members = [p for p in people.values() if p["group_id"] == group["id"]]
        writers = frozenset(p["id"] for p in members if cards.get(p["id"]))
        found.append(journey_compare.GroupFacts(
            session=wid, name=f"{session['title']}: {group['name']}", team=session["team"],
            roles=tuple(p["role"] or "" for p in members), experience=tuple(p["experience"] or "" for p in members),
            cards=sum(cards.get(p["id"], 0) for p in members), writers=writers,
            carried_writers=frozenset(p for p in writers if (wid, p) in voices),
            scores=tuple(scores.get(group["id"], ())), elmos=elmos.get(group["id"], 0)))
    return found


def facts(tx: Tx, journey_id: str) -> tuple[dict, list[rules.SessionFacts]]:
    journey = load(tx, journey_id)
    voices = _carried_voices(tx, journey_id)
    now = time.time()
    return journey, [_facts(tx, s, voices, now) for s in sessions(tx, journey_id)]


def comparison(tx: Tx, journey_id: str, first: object, second: object) -> dict:
    """Two selections of the journey side by side (domain/journey_compare.py)."""
    journey, found = facts(tx, journey_id)
    voices = _carried_voices(tx, journey_id)
    groups = [g for s in sessions(tx, journey_id) for g in _groups(tx, s, voices)]
    a = journey_compare.select(first, found, groups)
    b = journey_compare.select(second, found, groups)
    return {"journey": journey, **journey_compare.compare(a, b)}


def kpis(tx: Tx, journey_id: str) -> dict:
    journey, found = facts(tx, journey_id)
    return {"journey": journey, **rules.journey_kpis(teams_of(journey), found)}
