"""Summary sections of clustering and dot votes: ranked clusters with their cards and dots."""
from __future__ import annotations

import json

from . import clusters as cluster_store
from .events import Tx
from .workshops import Workshop


def _votes(tx: Tx, workshop_id: str) -> list[dict]:
    rows = tx.query("SELECT v.*, (SELECT COUNT(*) FROM dots d WHERE d.vote_id = v.id) AS dots_cast, "
                    "(SELECT COUNT(DISTINCT participant_id) FROM dots d WHERE d.vote_id = v.id) AS voters "
                    "FROM votes v WHERE v.workshop_id = ? ORDER BY v.opened_at, v.id", [workshop_id])
    return [{"id": r["id"], "step_id": r["step_id"], "group_id": r["group_id"], "status": r["status"], "opened_at": r["opened_at"], "closed_at": r["closed_at"],
             "dots_per_participant": r["dots_per_participant"], "max_per_item": r["max_per_item"],
             "dots_cast": r["dots_cast"], "voters": r["voters"],
             "ranking": json.loads(r["ranking"]) if r["ranking"] else None} for r in rows]


def clusters_and_votes(tx: Tx, workshop: Workshop, model: dict) -> dict:
    """Clusters ranked by the last closed vote they were on (unranked ones after, in
    board order): a group's clusters by its group's vote, the room's by the room's."""
    votes = _votes(tx, workshop.id)
    ranked = {item["id"]: item for vote in votes for item in (vote["ranking"] or [])}
    cards = {c["id"]: c for c in model["cards"]}
    origins = {o["item_id"]: o for o in tx.query(
        "SELECT item_id, source_workshop_id, source_title, dots, rank FROM origins WHERE workshop_id = ? "
        "AND kind = 'cluster'", [workshop.id])}
    made_in = {r["id"]: r["step_id"] for r in tx.query("SELECT id, step_id FROM clusters WHERE workshop_id = ?",
                                                        [workshop.id])}
    clusters = []
    for row in cluster_store.clusters(tx, workshop.id):
        item = ranked.get(row["id"], {})
        members = [cards[cid] for cid in row["card_ids"] if cid in cards]
        for card in members:
            card.update(cluster_id=row["id"], cluster=row["name"])
        clusters.append({"id": row["id"], "step_id": made_in.get(row["id"]), "group_id": row["group_id"],
                         "name": row["name"], "position": row["position"],
                         "dots": item.get("dots"), "rank": item.get("rank"), "cards": members,
                         "origin": origins.get(row["id"])})
    clusters.sort(key=lambda c: (c["rank"] is None, c["rank"] or 0, c["position"]))
    for card in model["cards"]:
        # Loose cards are on the ballot too; their dots count as a cluster's would.
        card["dots"] = ranked.get(card["id"], {}).get("dots")
    _count_dots(tx, workshop.id, model["participants"])
    return {"clusters": clusters, "votes": votes}


def _count_dots(tx: Tx, workshop_id: str, people: list[dict]) -> None:
    placed = {r["participant_id"]: r["n"] for r in tx.query(
        "SELECT participant_id, COUNT(*) AS n FROM dots WHERE workshop_id = ? GROUP BY participant_id", [workshop_id])}
    for person in people:
        person["dots"] = placed.get(person["id"], 0)
        person["contributions"] += person["dots"]
