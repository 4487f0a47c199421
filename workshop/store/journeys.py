"""Journeys: their rows, organiser keys, the workshops of each stage, the bowtie."""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import uuid

from ..domain import journeys as rules
from ..domain import workshop as workshop_rules
from ..domain.polls import COMMIT
from . import library, workshops
from .events import Tx


def _hash_key(key: str) -> str:
    return hashlib.sha256(b"bowtie.journey:" + key.encode()).hexdigest()


def create(tx: Tx, new: rules.NewJourney) -> dict:
    """Store a journey; return its id and (once only) its organiser key, 192 bits."""
    key = secrets.token_urlsafe(24)
    journey_id = uuid.uuid4().hex
    tx.db.execute("INSERT INTO journeys (id, title, purpose, teams, organiser_key_hash, created_at) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
                  [journey_id, new.title, new.purpose, json.dumps([t.__dict__ for t in new.teams]),
                   _hash_key(key), time.time()])
    return {"id": journey_id, "organiser_key": key}


def load(tx: Tx, journey_id: object) -> dict:
    row = tx.one("SELECT id, title, purpose, teams, created_at FROM journeys WHERE id = ?",
                 [journey_id]) if isinstance(journey_id, str) else None
    if row is None:
        raise rules.JourneyNotFound("no such journey")
    return {**row, "teams": json.loads(row["teams"])}


def teams_of(journey: dict) -> tuple[rules.Team, ...]:
    return tuple(rules.Team(t["name"], t["expected"]) for t in journey["teams"])


def is_organiser_key(tx: Tx, journey_id: str, key: object) -> bool:
    row = tx.one("SELECT organiser_key_hash FROM journeys WHERE id = ?", [journey_id])
    return row is not None and isinstance(key, str) and hmac.compare_digest(row["organiser_key_hash"], _hash_key(key))


def listing(tx: Tx, journey_ids: list[str] | None) -> list[dict]:
    """These journeys (None: all of them, for the admin), newest first."""
    sql = ("SELECT j.id, j.title, j.created_at, (SELECT COUNT(*) FROM journey_workshops w "
           "WHERE w.journey_id = j.id) AS workshops FROM journeys j")
    if journey_ids is None:
        return tx.query(f"{sql} ORDER BY j.created_at DESC, j.id")
    if not journey_ids:
        return []
    marks = ", ".join("?" for _ in journey_ids)
    return tx.query(f"{sql} WHERE j.id IN ({marks}) ORDER BY j.created_at DESC, j.id", list(journey_ids))


def journey_of(tx: Tx, workshop_id: str) -> dict | None:
    """The journey a workshop belongs to, with its stage; None when it belongs to none."""
    return tx.one("SELECT j.id, j.title, w.stage, w.team FROM journey_workshops w JOIN journeys j "
                  "ON j.id = w.journey_id WHERE w.workshop_id = ?", [workshop_id])


def link_workshop(tx: Tx, journey: dict, stage_key: str, workshop_id: str, team: object) -> None:
    """Put a workshop in a stage of the journey (the stage has room; the team is the journey's)."""
    held = tx.one("SELECT COUNT(*) AS n FROM journey_workshops WHERE journey_id = ? AND stage = ?",
                  [journey["id"], stage_key])
    rules.check_room(stage_key, held["n"] if held else 0)
    tx.db.execute("INSERT INTO journey_workshops (workshop_id, journey_id, stage, team, added_at) "
                  "VALUES (?, ?, ?, ?, ?)",
                  [workshop_id, journey["id"], stage_key, rules.check_team_of_session(team, teams_of(journey)),
                   time.time()])


def add_new(tx: Tx, journey_id: str, stage_key: str, new: workshop_rules.NewWorkshop, team: object) -> dict:
    """A new workshop in a stage (the caller chose its agenda: the stage's, unless asked otherwise)."""
    journey = load(tx, journey_id)
    created = workshops.create(tx, new)
    link_workshop(tx, journey, rules.stage(stage_key).key, created["id"], team)
    return created


def attach(tx: Tx, journey_id: str, stage_key: str, workshop_id: str, team: object) -> dict:
    journey = load(tx, journey_id)
    workshop = workshops.load(tx, workshop_id)
    current = journey_of(tx, workshop.id)
    rules.check_not_attached(current["title"] if current else None)
    link_workshop(tx, journey, rules.stage(stage_key).key, workshop.id, team)
    return {"id": workshop.id, "title": workshop.title, "stage": stage_key}


def detach(tx: Tx, journey_id: str, workshop_id: str) -> dict:
    """Take a workshop out of the journey; the workshop itself stays."""
    load(tx, journey_id)
    gone = tx.db.execute("DELETE FROM journey_workshops WHERE journey_id = ? AND workshop_id = ?",
                         [journey_id, workshop_id]).rowcount
    if not gone:
        raise rules.NotInStage("that workshop is not in this journey")
    return {"id": workshop_id}


def delete_workshop(tx: Tx, workshop_id: str, confirm: object, leave_journey: object) -> dict[str, int]:
    """Delete a workshop; one of a journey only once the organiser said it leaves it."""
    current = journey_of(tx, workshop_id)
    rules.confirm_leaving(current["title"] if current else None, leave_journey)
    counts = library.delete(tx, workshop_id, confirm)
    # The link and carried counts go with the workshop (ON DELETE CASCADE); counted here to tell.
    counts["journey_workshops"] = 1 if current else 0
    return counts


_SESSIONS = f"""
SELECT w.id, w.title, w.code, w.archived_at, l.stage, l.team, l.added_at,
  (SELECT kind FROM steps s WHERE s.workshop_id = w.id AND s.state = 'running' AND s.removed = 0) AS running_kind,
  (SELECT COUNT(*) FROM steps s WHERE s.workshop_id = w.id AND s.started_at IS NOT NULL AND s.removed = 0) AS started,
  (SELECT COUNT(*) FROM steps s WHERE s.workshop_id = w.id AND s.state = 'done' AND s.removed = 0) AS done,
  (SELECT COUNT(*) FROM participants p WHERE p.workshop_id = w.id AND p.removed_at IS NULL) AS participants,
  (SELECT COUNT(*) FROM cards c WHERE c.workshop_id = w.id) AS cards,
  (SELECT COUNT(DISTINCT r.poll_id) FROM poll_rounds r WHERE r.workshop_id = w.id AND r.result = '{COMMIT}')
    AS decisions
FROM journey_workshops l JOIN workshops w ON w.id = l.workshop_id
WHERE l.journey_id = ? ORDER BY l.added_at, w.id"""


def sessions(tx: Tx, journey_id: str) -> list[dict]:
    """Every workshop of the journey with its stage, state and counts, in the order added."""
    rows = tx.query(_SESSIONS, [journey_id])
    for row in rows:
        row["state"] = rules.workshop_state(row.pop("running_kind"), row.pop("started"), row.pop("done"),
                                            row["participants"], row.pop("archived_at") is not None)
    return rows


def carried_items(tx: Tx, journey_id: str) -> dict[str, list[dict]]:
    """Per workshop fed from an earlier stage: its carried items and who raised each (counts only)."""
    rows = tx.query("SELECT i.workshop_id, i.item_id, i.title, i.sessions, i.groups, i.people, i.merged_from "
                    "FROM journey_items i JOIN journey_workshops l ON l.workshop_id = i.workshop_id "
                    "WHERE l.journey_id = ? ORDER BY i.people DESC, i.sessions DESC, i.title", [journey_id])
    found: dict[str, list[dict]] = {}
    for row in rows:
        merged = len(json.loads(row.pop("merged_from")))
        found.setdefault(row.pop("workshop_id"), []).append({**row, "merged": merged})
    return found


def bowtie(tx: Tx, journey_id: str) -> dict:
    """The journey page's model: the stages left to right, each with its workshops."""
    journey = load(tx, journey_id)
    held = sessions(tx, journey_id)
    carried = carried_items(tx, journey_id)
    for workshop in held:
        workshop["carried"] = carried.get(workshop["id"], [])
    stages = [{"key": s.key, "title": s.title, "about": s.about, "agenda": s.agenda,
               "workshops": [w for w in held if w["stage"] == s.key]} for s in rules.STAGES]
    return {"journey": journey, "stages": stages}


def rename(tx: Tx, journey_id: str, title: object, purpose: object, teams: object) -> dict:
    """Change the title, purpose or expected head counts; what is not sent stays."""
    journey = load(tx, journey_id)
    current = rules.NewJourney(journey["title"], journey["purpose"], teams_of(journey))
    used = [r["team"] for r in tx.query("SELECT DISTINCT team FROM journey_workshops WHERE journey_id = ?",
                                        [journey_id])]
    changed = rules.renamed(current, title, purpose, teams, used)
    tx.db.execute("UPDATE journeys SET title = ?, purpose = ?, teams = ? WHERE id = ?",
                  [changed.title, changed.purpose, json.dumps([t.__dict__ for t in changed.teams]), journey_id])
    return load(tx, journey_id)


def delete(tx: Tx, journey_id: str, confirm: object) -> dict[str, int]:
    """The journey, its links to workshops and its share links go; the workshops stay."""
    journey = load(tx, journey_id)
    rules.confirm_delete(journey["title"], confirm)
    counts = {table: len(tx.query(f"SELECT 1 FROM {table} WHERE journey_id = ?", [journey_id]))
              for table in ("journey_workshops", "briefing_shares", "journey_projects", "key_result_readings")}
    # The links, share links, projects and key results' readings go with it (ON DELETE CASCADE); counted above to tell.
    tx.db.execute("DELETE FROM journeys WHERE id = ?", [journey_id])
    return {"journeys": 1, **counts}


def export(tx: Tx, journey_id: str) -> dict:
    """The journey as JSON: its stages, which workshop sits in which (and for which
    team), and which stage feeds which; not the workshops' content."""
    journey = load(tx, journey_id)
    held = sessions(tx, journey_id)
    stages = [{"key": s.key, "title": s.title, "agenda": s.agenda,
               "workshops": [w["id"] for w in held if w["stage"] == s.key]} for s in rules.STAGES]
    feeds = [{"from": a.key, "to": b.key} for a, b in zip(rules.STAGES, rules.STAGES[1:])]
    workshops_held = [{"id": w["id"], "title": w["title"], "code": w["code"], "stage": w["stage"],
                       "team": w["team"], "added_at": w["added_at"], "state": w["state"]} for w in held]
    return {"format": "bowtie-journey", "version": 1, "journey": journey, "stages": stages, "links": feeds,
            "workshops": workshops_held}
