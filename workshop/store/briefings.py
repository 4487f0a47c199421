"""Share back: the briefings' share links and the two briefings' models.

A share link is ``/briefings/<share id>/<secret>``: the secret (192 bits) is
shown once, only its hash is kept, and it is compared in constant time. The
briefings are read from the journey's workshops as they are now, so a link
opened after a late decision shows it.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import uuid

from ..domain import briefings as rules
from ..domain import okrs as okr_rules
from ..domain import polls as poll_rules
from ..domain import topics as topic_rules
from ..domain.errors import NotFound
from . import journeys, okrs, pillars, polls, progress, projects, statements
from .events import Tx


def _hash(secret: str) -> str:
    return hashlib.sha256(b"bowtie.briefing:" + secret.encode()).hexdigest()


# -- share links ----------------------------------------------------------------------

def publish(tx: Tx, journey_id: str, new: rules.NewShare) -> dict:
    """A new share link of one briefing; its secret is returned this once."""
    journeys.load(tx, journey_id)
    share_id, secret = uuid.uuid4().hex, secrets.token_urlsafe(24)
    tx.db.execute("INSERT INTO briefing_shares (id, journey_id, kind, secret_hash, created_at, expires_at) "
                  "VALUES (?, ?, ?, ?, ?, ?)", [share_id, journey_id, new.kind, _hash(secret), time.time(),
                                                new.expires_at])
    return {**_one(tx, journey_id, share_id), "secret": secret}


def shares(tx: Tx, journey_id: str, now: float | None = None) -> list[dict]:
    """Every share link of the journey, newest first, with its state and how often it was opened."""
    now = time.time() if now is None else now
    rows = tx.query("SELECT id, kind, created_at, expires_at, revoked_at, opened, last_opened_at "
                    "FROM briefing_shares WHERE journey_id = ? ORDER BY created_at DESC, id", [journey_id])
    for row in rows:
        row["state"] = rules.share_state(row["revoked_at"], row["expires_at"], now)
        row["title"] = rules.KINDS.get(row["kind"], row["kind"])
    return rows


def _one(tx: Tx, journey_id: str, share_id: object) -> dict:
    found = [s for s in shares(tx, journey_id) if s["id"] == share_id]
    if not found:
        raise NotFound("no such share link in this journey")
    return found[0]


def revoke(tx: Tx, journey_id: str, share_id: object) -> dict:
    share = _one(tx, journey_id, share_id)
    if share["revoked_at"] is None:
        tx.db.execute("UPDATE briefing_shares SET revoked_at = ? WHERE id = ?", [time.time(), share["id"]])
    return _one(tx, journey_id, share["id"])


def is_secret(tx: Tx, share_id: object, secret: object) -> bool:
    row = tx.one("SELECT secret_hash FROM briefing_shares WHERE id = ?", [share_id]) \
        if isinstance(share_id, str) else None
    return row is not None and isinstance(secret, str) and hmac.compare_digest(row["secret_hash"], _hash(secret))


def open_share(tx: Tx, share_id: str) -> dict:
    """Count one opening of a share link whose secret was proved; refused once revoked or expired."""
    now = time.time()
    row = tx.row("SELECT id, journey_id, kind, expires_at, revoked_at FROM briefing_shares WHERE id = ?", [share_id])
    rules.check_open(row["revoked_at"], row["expires_at"], now)
    tx.db.execute("UPDATE briefing_shares SET opened = opened + 1, last_opened_at = ? WHERE id = ?", [now, share_id])
    return row


# -- the briefings ----------------------------------------------------------------------

def _workshops(tx: Tx, journey_id: str, stage: str) -> list[dict]:
    return tx.query("SELECT w.id, w.title FROM journey_workshops l JOIN workshops w ON w.id = l.workshop_id "
                    "WHERE l.journey_id = ? AND l.stage = ? ORDER BY l.added_at, w.id", [journey_id, stage])


def _statements(tx: Tx, workshop_id: str) -> list[dict]:
    """The consolidation's statements (its discussion topics) with their briefing notes."""
    rows = tx.query("SELECT id, title, " + ", ".join(topic_rules.NOTE_FIELDS) + " FROM topics "
                    "WHERE workshop_id = ? ORDER BY position, created_at, id", [workshop_id])
    raised = {i["title"].casefold(): i for i in tx.query(
        "SELECT title, sessions, people FROM journey_items WHERE workshop_id = ?", [workshop_id])}
    if not rows:  # not discussed yet: the statements are what was carried in
        return [{"title": i["title"], "notes": [], "raised": i} for i in raised.values() if i["title"]]
    return [{"title": r["title"], "raised": raised.get(r["title"].casefold()),
             "notes": [{"field": label, "text": r[key]} for key, label in topic_rules.NOTE_FIELDS.items() if r[key]]}
            for r in rows]


def _decisions(tx: Tx, workshop_id: str) -> list[dict]:
    topic_titles = {r["id"]: r["title"] for r in tx.query("SELECT id, title FROM topics WHERE workshop_id = ?",
                                                          [workshop_id])}
    out = []
    for poll in polls.all_polls(tx, workshop_id):
        rounds = [{"number": r["number"], "proposal": r["proposal"],
                   "result": poll_rules.RESULT_WORDS.get(r["result"] or "", "open"),
                   "answered": r["answered"], "sticking": rules.nameless_sticking(r.get("sticking") or [])}
                  for r in poll["rounds"]]
        out.append({"topic": topic_titles.get(poll["topic_id"] or "", ""), "committed": poll["committed"],
                    "rounds": rounds})
    return out


def _strategy(tx: Tx, workshop_id: str) -> dict:
    """Strategy on a page without the owners of key results (a briefing names nobody)."""
    shown = [o for o in okrs.objectives(tx, workshop_id) if o["state"] in (okr_rules.PRESENTED, okr_rules.ACCEPTED)]
    strategy_pillars = []
    for pillar in pillars.pillars(tx, workshop_id):
        objectives = [{"text": o["text"], "horizon": o["horizon_label"],
                       "key_results": [{"id": kr["id"], "statement": kr["statement"], "metric": kr["metric"],
                                        "move": kr["move"],
                                        "due": kr["due"]} for kr in o["key_results"]]}
                      for o in shown if o["pillar_id"] == pillar["id"]]
        strategy_pillars.append({"id": pillar["id"], "name": pillar["name"], "description": pillar["description"] or "",
                                 "snippets": [s["text"] for s in pillar["snippets"]], "objectives": objectives})
    return {**statements.committed_sentences(tx, workshop_id), "pillars": strategy_pillars}


def _merged_strategy(tx: Tx, journey_id: str) -> dict:
    """The formulate stage's strategy: its workshops' pillars together, the latest purpose and
    vision; each pillar with the projects that serve it, first priority first (team, not who)."""
    merged: dict = {"purpose": None, "vision": None, "pillars": []}
    for workshop in _workshops(tx, journey_id, "formulate"):
        one = _strategy(tx, workshop["id"])
        merged["purpose"] = one["purpose"] or merged["purpose"]
        merged["vision"] = one["vision"] or merged["vision"]
        merged["pillars"] += one["pillars"]
    serving = {g["pillar"]["id"]: g["projects"] for g in projects.portfolio(tx, journey_id)["groups"] if g["pillar"]}
    measured = {kr["id"]: kr for g in progress.board(tx, journey_id)["groups"] for kr in g["key_results"]}
    for pillar in merged["pillars"]:
        pillar["projects"] = [{"title": p["title"], "team": p["team"], "key_result": p["key_result"]}
                              for p in serving.get(pillar["id"], [])]
        for kr in (kr for o in pillar["objectives"] for kr in o["key_results"]):
            kr["standing"] = _standing(measured.get(kr["id"]))
    return merged


def _standing(measured: dict | None) -> dict | None:
    """Where a key result stands since the offsite, as everyone may read it: its latest figure,
    the way made and its standing; not the readings' notes (an organiser's words)."""
    if measured is None or measured["latest"] is None:
        return None
    return {key: measured[key] for key in ("latest_shown", "latest_on", "way_percent", "status", "status_label")}


def leadership(tx: Tx, journey_id: str) -> dict:
    journey = journeys.load(tx, journey_id)
    consolidations = [{"title": w["title"], "statements": _statements(tx, w["id"]), "decisions": _decisions(tx, w["id"])}
                      for w in _workshops(tx, journey_id, "narrow")]
    offsites = [{"title": w["title"], "decisions": _decisions(tx, w["id"])}
                for w in _workshops(tx, journey_id, "formulate")]
    return {"kind": rules.LEADERSHIP, "title": rules.KINDS[rules.LEADERSHIP], "journey": _journey(journey),
            "consolidations": consolidations, "offsites": offsites,
            "strategy": _merged_strategy(tx, journey_id)}


def organisation(tx: Tx, journey_id: str) -> dict:
    journey = journeys.load(tx, journey_id)
    items = [i for per in journeys.carried_items(tx, journey_id).values() for i in per]
    return {"kind": rules.ORGANISATION, "title": rules.KINDS[rules.ORGANISATION], "journey": _journey(journey),
            "strategy": _merged_strategy(tx, journey_id), "themes": rules.top_themes(items)}


def _journey(journey: dict) -> dict:
    return {"title": journey["title"], "purpose": journey["purpose"]}


BRIEFINGS = {rules.LEADERSHIP: leadership, rules.ORGANISATION: organisation}


def briefing(tx: Tx, journey_id: str, kind: str) -> dict:
    return BRIEFINGS[kind](tx, journey_id)
