"""Participants and their groups."""
from __future__ import annotations

import random
import time
import uuid

from ..domain import audiences
from ..domain import groups as rules
from ..domain.errors import Forbidden, NotFound
from ..domain.moderation import check_joining
from ..domain.participants import Arrival
from . import workshops
from .events import Tx
from .workshops import Workshop

PUBLIC_FIELDS = "id, name, role, experience, group_id, joined_at"


def member(row: dict) -> dict:
    return {k: row[k] for k in ("id", "name", "role", "experience", "group_id", "joined_at")}


def participant(tx: Tx, workshop_id: str, participant_id: object) -> dict:
    row = tx.one(
        f"SELECT {PUBLIC_FIELDS}, removed_at FROM participants WHERE id = ? AND workshop_id = ?",
        [participant_id, workshop_id],
    ) if isinstance(participant_id, str) else None
    return _still_here(row)


def _still_here(row: dict | None) -> dict:
    if row is None or row["id"] is None:
        raise NotFound("no such participant in this workshop")
    if row["removed_at"]:
        raise Forbidden("the facilitator removed you from this workshop")
    return member(row)


_PERSON_FIELDS = ("id", "name", "role", "experience", "group_id", "joined_at", "removed_at")
# The workshop and one of its participants in one statement: every event a
# participant sends starts by loading both.
_WITH_WORKSHOP = ("SELECT w.*, " + ", ".join(f"p.{f} AS person_{f}" for f in _PERSON_FIELDS)
                  + " FROM workshops w LEFT JOIN participants p ON p.id = ? AND p.workshop_id = w.id WHERE w.id = ?")


def with_workshop(tx: Tx, workshop_id: str, participant_id: object) -> tuple[Workshop, dict]:
    """The workshop, and the participant as ``participant`` gives them (same errors)."""
    row = tx.one(_WITH_WORKSHOP, [participant_id if isinstance(participant_id, str) else None, workshop_id])
    if row is None:
        raise NotFound("no such workshop")
    return workshops.from_row(row), _still_here({f: row[f"person_{f}"] for f in _PERSON_FIELDS})


def participants(tx: Tx, workshop_id: str) -> list[dict]:
    return [member(r) for r in tx.query(
        f"SELECT {PUBLIC_FIELDS} FROM participants WHERE workshop_id = ? AND removed_at IS NULL ORDER BY joined_at",
        [workshop_id])]


def group_json(row: dict) -> dict:
    """A group as clients see it: SQLite stores ``revealed`` as 0/1, the wire says true/false."""
    return {"id": row["id"], "name": row["name"], "position": row["position"], "revealed": bool(row["revealed"])}


def groups(tx: Tx, workshop_id: str) -> list[dict]:
    return [group_json(r) for r in tx.query(
        "SELECT id, name, position, revealed FROM groups WHERE workshop_id = ? ORDER BY position", [workshop_id])]


def group(tx: Tx, workshop_id: str, group_id: object) -> dict:
    row = tx.one("SELECT id, name, position, revealed FROM groups WHERE id = ? AND workshop_id = ?",
                 [group_id, workshop_id]) if isinstance(group_id, str) else None
    if row is None:
        raise NotFound("no such group in this workshop")
    return group_json(row)


def _new_group(tx: Tx, workshop_id: str) -> dict:
    position = tx.row("SELECT COALESCE(MAX(position), 0) + 1 AS p FROM groups WHERE workshop_id = ?",
                      [workshop_id])["p"]
    row = {"id": uuid.uuid4().hex, "workshop_id": workshop_id, "name": rules.group_name(position),
           "position": position, "revealed": 0}
    tx.db.execute("INSERT INTO groups (id, workshop_id, name, position, revealed)"
                  " VALUES (:id, :workshop_id, :name, :position, :revealed)", row)
    return group_json(row)


def _placements(tx: Tx, workshop_id: str) -> list[rules.Placement]:
    return [rules.Placement(p["id"], p["role"], p["experience"], p["group_id"])
            for p in participants(tx, workshop_id)]


def members(tx: Tx, workshop_id: str, group_id: str) -> list[dict]:
    """The people of one group (a query on the group, not a filter over the workshop)."""
    return [member(r) for r in tx.query(
        f"SELECT {PUBLIC_FIELDS} FROM participants WHERE group_id = ? AND workshop_id = ? AND removed_at IS NULL"
        " ORDER BY joined_at", [group_id, workshop_id])]


def _open_groups(tx: Tx, workshop_id: str, group_size: int) -> tuple[list[str], list[rules.Placement]]:
    """The groups with room, in order, and the people in them: an index range on
    the triggers' seat counts (schema ``_v5_group_seats``), as cheap in the
    six-hundredth group as in the first."""
    rows = tx.query(
        "SELECT g.id AS open_id, p.id, p.role, p.experience, p.group_id FROM group_seats s"
        " JOIN groups g ON g.id = s.group_id"
        " LEFT JOIN participants p ON p.group_id = g.id AND p.workshop_id = s.workshop_id AND p.removed_at IS NULL"
        " WHERE s.workshop_id = ? AND s.seated < ? ORDER BY g.position, p.joined_at", [workshop_id, group_size])
    ids = list(dict.fromkeys(r["open_id"] for r in rows))
    placements = [rules.Placement(p["id"], p["role"], p["experience"], p["group_id"]) for p in rows if p["id"]]
    return ids, placements


def join(tx: Tx, workshop: Workshop, arrival: Arrival) -> dict:
    """Seat a newcomer in the group with room that mixes roles best (or a new one)."""
    check_joining(workshop.settings)
    # Full groups cannot take the newcomer, so the rule only needs the open ones.
    open_ids, placements = _open_groups(tx, workshop.id, workshop.settings.group_size)
    gid = rules.group_for_arrival(placements, open_ids, workshop.settings.group_size, arrival.role)
    new_group = None
    if gid is None:
        new_group = _new_group(tx, workshop.id)
        gid = new_group["id"]
    row = {"id": uuid.uuid4().hex, "workshop_id": workshop.id, "name": arrival.name, "role": arrival.role,
           "experience": arrival.experience, "group_id": gid, "joined_at": time.time()}
    tx.db.execute("INSERT INTO participants (id, workshop_id, name, role, experience, group_id, joined_at)"
                  " VALUES (:id, :workshop_id, :name, :role, :experience, :group_id, :joined_at)", row)
    if new_group:
        tx.publish(workshop.id, "group:created", {"group": new_group}, audience=audiences.FACILITATORS)
    tx.publish(workshop.id, "participant:joined", {"participant": member(row)}, audience=audiences.group(gid))
    return member(row)


def reform(tx: Tx, workshop: Workshop, method: object, seed: int | None = None) -> list[dict]:
    """Re-form all groups at random or balanced by role and experience."""
    placements = _placements(tx, workshop.id)
    dealt = rules.form(method, placements, workshop.settings.group_size, random.Random(seed))
    existing = groups(tx, workshop.id)
    while len(existing) < len(dealt):
        existing.append(_new_group(tx, workshop.id))
    for people, grp in zip(dealt, existing):
        tx.db.conn.executemany("UPDATE participants SET group_id = ? WHERE id = ?", [(grp["id"], pid) for pid in people])
    _drop_empty_groups(tx, workshop.id)
    tx.db.execute("UPDATE cards SET group_id = (SELECT group_id FROM participants p WHERE p.id = cards.participant_id)"
                  " WHERE workshop_id = ? AND participant_id IS NOT NULL", [workshop.id])
    tx.publish(workshop.id, "groups:formed", {"method": method})
    return groups(tx, workshop.id)


def _drop_empty_groups(tx: Tx, workshop_id: str) -> None:
    tx.db.execute(
        "DELETE FROM groups WHERE workshop_id = ? AND id NOT IN "
        "(SELECT group_id FROM participants WHERE workshop_id = ? AND group_id IS NOT NULL AND removed_at IS NULL)"
        " AND id NOT IN (SELECT group_id FROM cards WHERE workshop_id = ? AND group_id IS NOT NULL)",
        [workshop_id, workshop_id, workshop_id])


def move(tx: Tx, workshop: Workshop, participant_id: object, group_id: object) -> dict:
    """Move one person by hand, into an existing group or (group_id None) a new one.
    Their cards move with them, so the new group sees what they wrote."""
    person = participant(tx, workshop.id, participant_id)
    target = _new_group(tx, workshop.id) if group_id is None else group(tx, workshop.id, group_id)
    if target["id"] == person["group_id"]:
        return person
    tx.db.execute("UPDATE participants SET group_id = ? WHERE id = ?", [target["id"], person["id"]])
    tx.db.execute("UPDATE cards SET group_id = ? WHERE participant_id = ?", [target["id"], person["id"]])
    moved = {**person, "group_id": target["id"]}
    tx.publish(workshop.id, "participant:moved",
               {"participant": moved, "from": person["group_id"], "group": target})
    return moved


def rename_group(tx: Tx, workshop: Workshop, group_id: object, name: object) -> dict:
    grp = group(tx, workshop.id, group_id)
    clean = rules.clean_group_name(name)
    tx.db.execute("UPDATE groups SET name = ? WHERE id = ?", [clean, grp["id"]])
    renamed = {**grp, "name": clean}
    tx.publish(workshop.id, "group:renamed", {"group": renamed})
    return renamed


def remove(tx: Tx, workshop: Workshop, participant_id: object) -> dict:
    """Take a person out of the workshop; their cards stay, anonymous to others."""
    person = participant(tx, workshop.id, participant_id)
    tx.db.execute("UPDATE participants SET removed_at = ? WHERE id = ?", [time.time(), person["id"]])
    tx.publish(workshop.id, "participant:removed", {"participant_id": person["id"], "group_id": person["group_id"]})
    return person
