"""Clusters: cards from every group gathered under names, and suggestions for them.

Every change broadcasts ``clusters:changed`` with the whole list of clusters, so
screens that cluster at the same time (two facilitators, participants when
allowed) converge on the order the store committed, whatever they missed.
"""
from __future__ import annotations

import time

from ..domain import clusters as rules
from ..domain.cards import client_id
from ..domain.errors import Conflict, NotFound
from ..domain.viewer import Viewer
from ..domain.workshop import GROUP_PHASES
from .cards import card_json
from .events import Tx
from .workshops import Workshop


def clusters(tx: Tx, workshop_id: str) -> list[dict]:
    """Every cluster of a workshop in order, each with its card ids in the order added."""
    rows = tx.query("SELECT id, name, position FROM clusters WHERE workshop_id = ? ORDER BY position", [workshop_id])
    members: dict[str, list[str]] = {r["id"]: [] for r in rows}
    for link in tx.query("SELECT card_id, cluster_id FROM cluster_cards WHERE workshop_id = ? "
                         "ORDER BY added_at, rowid", [workshop_id]):
        members[link["cluster_id"]].append(link["card_id"])
    return [{**r, "card_ids": members[r["id"]]} for r in rows]


def _allowed(workshop: Workshop, viewer: Viewer) -> None:
    rules.may_cluster(workshop.phase, workshop.settings, facilitator=viewer.facilitator)


def _cluster(tx: Tx, workshop: Workshop, cluster_id: object) -> dict:
    row = tx.one("SELECT id, name, position FROM clusters WHERE id = ? AND workshop_id = ?",
                 [client_id(cluster_id, field="cluster id"), workshop.id])
    if row is None:
        raise NotFound("no such cluster")
    return row


def _cards_exist(tx: Tx, workshop: Workshop, card_ids: list[str]) -> None:
    marks = ",".join("?" * len(card_ids))
    found = {r["id"] for r in tx.query(f"SELECT id FROM cards WHERE workshop_id = ? AND id IN ({marks})",
                                       [workshop.id, *card_ids])}
    if len(found) != len(card_ids):
        raise NotFound("no such card in this workshop")


def _put(tx: Tx, workshop: Workshop, cluster_id: str, card_ids: list[str]) -> bool:
    """Move cards into a cluster (out of any other); True when anything moved."""
    now = time.time()
    moved = False
    for card_id in card_ids:
        current = tx.one("SELECT cluster_id FROM cluster_cards WHERE card_id = ?", [card_id])
        if current and current["cluster_id"] == cluster_id:
            continue
        tx.db.execute("INSERT OR REPLACE INTO cluster_cards (card_id, cluster_id, workshop_id, added_at) "
                      "VALUES (?, ?, ?, ?)", [card_id, cluster_id, workshop.id, now])
        moved = True
    return moved


def _announce(tx: Tx, workshop: Workshop, change: str, cluster_id: str | None) -> list[dict]:
    everything = clusters(tx, workshop.id)
    tx.publish(workshop.id, "clusters:changed", {"change": change, "cluster_id": cluster_id, "clusters": everything})
    return everything


def _one(everything: list[dict], cluster_id: str) -> dict:
    return next(c for c in everything if c["id"] == cluster_id)


def create(tx: Tx, workshop: Workshop, viewer: Viewer, cluster_id: object, name: object,
           card_ids: list) -> dict:
    """A new cluster, holding the given cards (taken out of wherever they were)."""
    _allowed(workshop, viewer)
    cid = client_id(cluster_id, field="cluster id")
    ids = rules.card_ids(card_ids, allow_empty=True)
    existing = tx.one("SELECT workshop_id FROM clusters WHERE id = ?", [cid])
    if existing:
        # A retry of a cluster we already made: acknowledge it again, change nothing.
        if existing["workshop_id"] == workshop.id:
            return _one(clusters(tx, workshop.id), cid)
        raise Conflict("that cluster id is already taken")
    if ids:
        _cards_exist(tx, workshop, ids)
    position = tx.row("SELECT COALESCE(MAX(position), 0) + 1 AS p FROM clusters WHERE workshop_id = ?",
                      [workshop.id])["p"]
    clean = rules.default_name(position) if name is None else rules.cluster_name(name)
    tx.db.table("clusters").insert({"id": cid, "workshop_id": workshop.id, "name": clean, "position": position,
                                    "created_at": time.time()})
    _put(tx, workshop, cid, ids)
    return _one(_announce(tx, workshop, "created", cid), cid)


def add_cards(tx: Tx, workshop: Workshop, viewer: Viewer, cluster_id: object, card_ids: list) -> dict:
    _allowed(workshop, viewer)
    cluster = _cluster(tx, workshop, cluster_id)
    ids = rules.card_ids(card_ids)
    _cards_exist(tx, workshop, ids)
    if not _put(tx, workshop, cluster["id"], ids):
        return _one(clusters(tx, workshop.id), cluster["id"])
    return _one(_announce(tx, workshop, "cards_added", cluster["id"]), cluster["id"])


def take_out(tx: Tx, workshop: Workshop, viewer: Viewer, card_ids: list) -> list[str]:
    """Take cards out of their clusters; they stand alone again."""
    _allowed(workshop, viewer)
    ids = rules.card_ids(card_ids)
    _cards_exist(tx, workshop, ids)
    marks = ",".join("?" * len(ids))
    cursor = tx.db.execute(f"DELETE FROM cluster_cards WHERE workshop_id = ? AND card_id IN ({marks})",
                           [workshop.id, *ids])
    if cursor.rowcount:
        _announce(tx, workshop, "cards_taken_out", None)
    return ids


def rename(tx: Tx, workshop: Workshop, viewer: Viewer, cluster_id: object, name: object) -> dict:
    _allowed(workshop, viewer)
    cluster = _cluster(tx, workshop, cluster_id)
    clean = rules.cluster_name(name)
    if clean == cluster["name"]:
        return _one(clusters(tx, workshop.id), cluster["id"])
    tx.db.execute("UPDATE clusters SET name = ? WHERE id = ?", [clean, cluster["id"]])
    return _one(_announce(tx, workshop, "renamed", cluster["id"]), cluster["id"])


def merge(tx: Tx, workshop: Workshop, viewer: Viewer, into_id: object, from_id: object) -> dict:
    """Move every card of one cluster into another, and delete the emptied one."""
    _allowed(workshop, viewer)
    into = _cluster(tx, workshop, into_id)
    rules.check_merge(into["id"], client_id(from_id, field="cluster id"))
    try:
        source = _cluster(tx, workshop, from_id)
    except NotFound:
        # Merged already (a retry, or another screen was quicker): the result stands.
        return _one(clusters(tx, workshop.id), into["id"])
    tx.db.execute("UPDATE cluster_cards SET cluster_id = ? WHERE cluster_id = ?",
                  [into["id"], source["id"]])
    tx.db.execute("DELETE FROM clusters WHERE id = ?", [source["id"]])
    return _one(_announce(tx, workshop, "merged", into["id"]), into["id"])


def delete(tx: Tx, workshop: Workshop, viewer: Viewer, cluster_id: object) -> str:
    _allowed(workshop, viewer)
    cid = client_id(cluster_id, field="cluster id")
    try:
        cluster = _cluster(tx, workshop, cid)
    except NotFound:
        return cid  # deleting twice (a retry) is not an error
    count = tx.row("SELECT COUNT(*) AS n FROM cluster_cards WHERE cluster_id = ?", [cluster["id"]])["n"]
    rules.check_delete(count)
    tx.db.execute("DELETE FROM clusters WHERE id = ?", [cluster["id"]])
    _announce(tx, workshop, "deleted", cluster["id"])
    return cid


def loose_cards(tx: Tx, workshop: Workshop, viewer: Viewer) -> list[tuple[str, str]]:
    """``(id, text)`` of the cards in no cluster: what suggestions are made from."""
    _allowed(workshop, viewer)
    rows = tx.query("SELECT c.id, c.text FROM cards c LEFT JOIN cluster_cards l ON l.card_id = c.id "
                    "WHERE c.workshop_id = ? AND l.card_id IS NULL ORDER BY c.created_at, c.id", [workshop.id])
    return [(r["id"], r["text"]) for r in rows]


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """Snapshot part. From the cluster phase on every participant reads every card
    of the workshop (blind writing is over; they cluster and vote across groups)."""
    if viewer.facilitator:
        return {"clusters": clusters(tx, workshop.id)}
    if workshop.phase in GROUP_PHASES:
        return {"clusters": []}
    return {"clusters": clusters(tx, workshop.id), "cards": [card_json(r) for r in tx.query(
        "SELECT id, participant_id, group_id, \"column\", text, created_at, updated_at FROM cards "
        "WHERE workshop_id = ? ORDER BY created_at", [workshop.id])]}
