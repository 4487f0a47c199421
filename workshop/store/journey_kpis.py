"""What a journey's KPIs are computed from, read in one consistent snapshot."""
from __future__ import annotations

import json

from ..domain import journey_kpis as rules
from .events import Tx
from .journeys import load, sessions, teams_of
from .summary import summary


def _carried_voices(tx: Tx, journey_id: str) -> set[tuple[str, str]]:
    """(session, person) of everyone whose card reached an item of a later stage."""
    voices: set[tuple[str, str]] = set()
    for row in tx.query("SELECT i.raised_by FROM journey_items i JOIN journey_workshops l "
                        "ON l.workshop_id = i.workshop_id WHERE l.journey_id = ?", [journey_id]):
        voices.update((session, person) for session, _, person in json.loads(row["raised_by"]) if person)
    return voices


def _facts(tx: Tx, session: dict, voices: set[tuple[str, str]]) -> rules.SessionFacts:
    model = summary(tx, session["id"])
    figures = model["analytics"]
    writers = frozenset(p["id"] for p in model["participants"] if p["cards"] > 0)
    return rules.SessionFacts(
        id=session["id"], title=session["title"], stage=session["stage"], team=session["team"],
        participants=len(model["participants"]), cards=len(model["cards"]), writers=writers,
        carried_writers=frozenset(p for p in writers if (session["id"], p) in voices),
        scores=tuple(f["score"] for f in model["feedback"]), polls=figures["polls"],
        rounds_to_commit=tuple(p["rounds_to_commit"] for p in figures["poll_rounds"] if p["committed"]),
        topics=tuple((t["planned"], t["spent"]) for t in figures["time_per_topic"]), elmos=figures["elmos"])


def facts(tx: Tx, journey_id: str) -> tuple[dict, list[rules.SessionFacts]]:
    journey = load(tx, journey_id)
    voices = _carried_voices(tx, journey_id)
    return journey, [_facts(tx, s, voices) for s in sessions(tx, journey_id)]


def kpis(tx: Tx, journey_id: str) -> dict:
    journey, found = facts(tx, journey_id)
    return {"journey": journey, **rules.journey_kpis(teams_of(journey), found)}
