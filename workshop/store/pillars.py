"""Strategic pillars: their rows, snippets, links to their sources, and the poll
that commits each.

A change to the pillars themselves (few, and rare) publishes ``pillars:changed``
with every pillar of the workshop; a snippet, the hot path, publishes only
itself (``snippet:added``, ``snippet:removed``).
"""
from __future__ import annotations

import time
import uuid

from ..domain import pillars as rules
from ..domain.agenda import Step
from ..domain.cards import client_id
from ..domain.errors import Conflict, NotFound
from ..domain.steps import BadReference
from ..domain.viewer import Viewer
from . import polls
from .agenda import record_data
from .events import Tx
from .steps import RUNNING_STEP_JSON, running_step, step_of_json
from .workshops import Workshop

# Pillar ids made from a cluster's, so turning clusters into pillars twice makes them once.
_FROM_CLUSTER = uuid.UUID("5b0f4c7e-9d8a-4a62-8f3e-2f4d1c9b7a10")


def pillars(tx: Tx, workshop_id: str) -> list[dict]:
    """Every pillar of the workshop in step and position order, with its snippets
    (most added first) and its links: three reads, whatever the number of pillars."""
    rows = tx.query("SELECT id, step_id, name, description, position, poll_id FROM pillars WHERE workshop_id = ? "
                    "ORDER BY step_id, position", [workshop_id])
    snippets: dict[str, list[dict]] = {r["id"]: [] for r in rows}
    links: dict[str, list[dict]] = {r["id"]: [] for r in rows}
    for s in tx.query("SELECT id, pillar_id, text, count FROM snippets WHERE workshop_id = ? "
                      "ORDER BY count DESC, created_at, id", [workshop_id]):
        snippets[s["pillar_id"]].append({"id": s["id"], "text": s["text"], "count": s["count"]})
    for link in tx.query("SELECT pillar_id, source_kind, source_id FROM pillar_links WHERE workshop_id = ? "
                         "ORDER BY source_kind, source_id", [workshop_id]):
        links[link["pillar_id"]].append({"kind": link["source_kind"], "id": link["source_id"]})
    return [{**r, "snippets": snippets[r["id"]], "links": links[r["id"]]} for r in rows]


def _publish(tx: Tx, workshop: Workshop) -> list[dict]:
    everything = pillars(tx, workshop.id)
    tx.publish(workshop.id, "pillars:changed", {"pillars": everything})
    return everything


def _one(everything: list[dict], pillar_id: str) -> dict:
    return next(p for p in everything if p["id"] == pillar_id)


def _shaping(tx: Tx, workshop: Workshop) -> Step:
    step = running_step(tx, workshop.id)
    rules.shape_pillars(step)
    assert step is not None
    return step


def _count(tx: Tx, step_id: str) -> int:
    return tx.row("SELECT COUNT(*) AS n FROM pillars WHERE step_id = ?", [step_id])["n"]


def load(tx: Tx, workshop: Workshop, pillar_id: object) -> dict:
    row = tx.one("SELECT * FROM pillars WHERE id = ? AND workshop_id = ?", [pillar_id, workshop.id]) \
        if isinstance(pillar_id, str) else None
    if row is None:
        raise NotFound("no such pillar in this workshop")
    return row


def _insert(tx: Tx, workshop: Workshop, step: Step, pillar_id: str, name: str, description: str) -> None:
    position = tx.row("SELECT COALESCE(MAX(position), 0) + 1 AS p FROM pillars WHERE step_id = ?", [step.id])["p"]
    tx.db.table("pillars").insert({"id": pillar_id, "workshop_id": workshop.id, "step_id": step.id, "name": name,
                                   "description": description, "position": position, "created_at": time.time()})
    record_data(tx, workshop.id, step.id)


def add(tx: Tx, workshop: Workshop, pillar_id: object, name: object, description: object) -> dict:
    pid = client_id(pillar_id)
    existing = tx.one("SELECT workshop_id FROM pillars WHERE id = ?", [pid])
    if existing:
        if existing["workshop_id"] != workshop.id:
            raise Conflict("that pillar id is already taken")
        return _one(pillars(tx, workshop.id), pid)  # a retry
    step = _shaping(tx, workshop)
    words, about = rules.name(name), rules.description(description)
    rules.require_room_for(_count(tx, step.id))
    _insert(tx, workshop, step, pid, words, about)
    return _one(_publish(tx, workshop), pid)


def edit(tx: Tx, workshop: Workshop, pillar_id: object, name: object, description: object) -> dict:
    _shaping(tx, workshop)
    row = load(tx, workshop, pillar_id)
    changes = {}
    if name is not None:
        changes["name"] = rules.name(name)
    if description is not None:
        changes["description"] = rules.description(description)
    if any(row[k] != v for k, v in changes.items()):
        tx.db.table("pillars").update(row["id"], changes)
        return _one(_publish(tx, workshop), row["id"])
    return _one(pillars(tx, workshop.id), row["id"])


def remove(tx: Tx, workshop: Workshop, pillar_id: object) -> dict:
    _shaping(tx, workshop)
    row = tx.one("SELECT id FROM pillars WHERE id = ? AND workshop_id = ?", [pillar_id, workshop.id])
    if row is None:
        return {"pillar_id": pillar_id}  # gone already: a retry
    tx.db.execute("DELETE FROM pillars WHERE id = ?", [row["id"]])
    _publish(tx, workshop)
    return {"pillar_id": row["id"]}


def from_clusters(tx: Tx, workshop: Workshop) -> list[dict]:
    """Every cluster of the step this one works on becomes a pillar, linked to the
    cluster and its cards. A cluster already turned into a pillar is left as it is."""
    step = _shaping(tx, workshop)
    source = tx.one("SELECT id, kind FROM steps WHERE id = ? AND workshop_id = ?", [step.works_on, workshop.id]) \
        if step.works_on else None
    if source is None or source["kind"] != "cluster":
        raise BadReference(f"{step.title!r} works on no cluster step; choose one in the agenda first")
    made = tx.query("SELECT id, name FROM clusters WHERE step_id = ? ORDER BY group_id IS NOT NULL, position",
                    [source["id"]])
    fresh = [(uuid.uuid5(_FROM_CLUSTER, f"{step.id}:{c['id']}").hex, c) for c in made]
    fresh = [(pid, c) for pid, c in fresh if not tx.one("SELECT 1 FROM pillars WHERE id = ?", [pid])]
    if not fresh:
        return pillars(tx, workshop.id)
    rules.require_room_for(_count(tx, step.id), len(fresh))
    for pid, cluster in fresh:
        _insert(tx, workshop, step, pid, rules.name(cluster["name"]), "")
        tx.db.execute("INSERT INTO pillar_links (pillar_id, workshop_id, source_kind, source_id) VALUES (?, ?, ?, ?)",
                      [pid, workshop.id, "cluster", cluster["id"]])
        tx.db.execute("INSERT INTO pillar_links (pillar_id, workshop_id, source_kind, source_id) "
                      "SELECT ?, ?, 'card', card_id FROM cluster_cards WHERE cluster_id = ?",
                      [pid, workshop.id, cluster["id"]])
    return _publish(tx, workshop)


def link(tx: Tx, workshop: Workshop, pillar_id: object, kind: object, source_id: object) -> dict:
    """Record that a pillar came from a cluster, a card or a statement."""
    _shaping(tx, workshop)
    row = load(tx, workshop, pillar_id)
    tx.db.execute("INSERT OR IGNORE INTO pillar_links (pillar_id, workshop_id, source_kind, source_id) "
                  "VALUES (?, ?, ?, ?)", [row["id"], workshop.id, rules.source_kind(kind), client_id(source_id)])
    return _one(_publish(tx, workshop), row["id"])


def unlink(tx: Tx, workshop: Workshop, pillar_id: object, kind: object, source_id: object) -> dict:
    """Forget that a pillar came from a cluster, a card or a statement; forgetting
    what is not linked changes nothing (a retry)."""
    _shaping(tx, workshop)
    row = load(tx, workshop, pillar_id)
    tx.db.execute("DELETE FROM pillar_links WHERE pillar_id = ? AND source_kind = ? AND source_id = ?",
                  [row["id"], rules.source_kind(kind), client_id(source_id)])
    return _one(_publish(tx, workshop), row["id"])


# The pillar and the running step in one read: a snippet is the hot path.
_PILLAR_AND_STEP = ("SELECT p.id, p.step_id, " + RUNNING_STEP_JSON.format(workshop="p.workshop_id")
                    + " AS step FROM pillars p WHERE p.id = ? AND p.workshop_id = ?")


def add_snippet(tx: Tx, workshop: Workshop, person: dict | None, add_id: object, pillar_id: object,
                words: object) -> dict:
    """Add a phrase to a pillar; the same phrase again counts it once more."""
    aid = client_id(add_id)
    snippet = rules.snippet(words)
    row = tx.one(_PILLAR_AND_STEP, [pillar_id, workshop.id]) if isinstance(pillar_id, str) else None
    step = step_of_json(row["step"]) if row else running_step(tx, workshop.id)
    rules.add_snippets(step, facilitator=person is None)
    if row is None or step is None or row["step_id"] != step.id:
        raise NotFound("no such pillar in the running step")
    done = tx.one("SELECT s.id, s.pillar_id, s.text, s.count FROM snippet_adds a JOIN snippets s ON s.id = a.snippet_id "
                  "WHERE a.id = ?", [aid])
    if done:
        return {"pillar_id": done.pop("pillar_id"), "snippet": done}  # a retry
    now = time.time()
    sid, text, count = tx.db.execute(
        "INSERT INTO snippets (id, workshop_id, pillar_id, key, text, count, created_at) VALUES (?, ?, ?, ?, ?, 1, ?) "
        "ON CONFLICT (pillar_id, key) DO UPDATE SET count = count + 1 RETURNING id, text, count",
        [aid, workshop.id, row["id"], snippet.key, snippet.text, now]).fetchone()
    tx.db.execute("INSERT INTO snippet_adds (id, workshop_id, snippet_id, participant_id, added_at) "
                  "VALUES (?, ?, ?, ?, ?)", [aid, workshop.id, sid, person and person["id"], now])
    added = {"pillar_id": row["id"], "snippet": {"id": sid, "text": text, "count": count}}
    tx.publish(workshop.id, "snippet:added", added)
    return added


def remove_snippet(tx: Tx, workshop: Workshop, snippet_id: object) -> dict:
    _shaping(tx, workshop)
    row = tx.one("SELECT id, pillar_id FROM snippets WHERE id = ? AND workshop_id = ?", [snippet_id, workshop.id])
    if row is None:
        return {"snippet_id": snippet_id}  # gone already: a retry
    tx.db.execute("DELETE FROM snippets WHERE id = ?", [row["id"]])
    removed = {"pillar_id": row["pillar_id"], "snippet_id": row["id"]}
    tx.publish(workshop.id, "snippet:removed", removed)
    return removed


def open_poll(tx: Tx, workshop: Workshop, pillar_id: object, poll_id: object, quorum: object = None) -> dict:
    """Put one pillar to an 80%-agree poll (today's polls: rounds, rewording, commit)."""
    step = _shaping(tx, workshop)
    row = load(tx, workshop, pillar_id)
    pid = client_id(poll_id)
    if row["poll_id"] is not None:
        if row["poll_id"] == pid:
            return {"pillar": _one(pillars(tx, workshop.id), row["id"]), "poll": polls.poll_json(
                tx, polls.load(tx, workshop, pid))}  # a retry
        raise Conflict("this pillar has its poll already: reword it (poll:reword) to ask again")
    rules.require_complete(_count(tx, step.id))
    poll = polls.open_poll(tx, workshop, pid, rules.proposal(row["name"], row["description"]), quorum=quorum)
    tx.db.table("pillars").update(row["id"], {"poll_id": pid})
    return {"pillar": _one(_publish(tx, workshop), row["id"]), "poll": poll}


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """Snapshot: every pillar with its snippets and links (nothing in them is private)."""
    return {"pillars": pillars(tx, workshop.id)}
