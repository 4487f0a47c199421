"""Create a workshop whose starting material is the results of earlier ones."""
from __future__ import annotations

import time
import uuid

from ..domain import next_stage as rules
from ..domain import workshop as workshop_rules
from .events import Tx
from .summary import summary
from .workshops import create, load

# Carried card ids derive from the new workshop and the source card: stable, and unique.
_CARRIED = uuid.UUID("6f1d2a7e-1c55-4f0e-9b7a-5d1c0b7e2a11")


def create_from(tx: Tx, new: workshop_rules.NewWorkshop, source_ids: list[str], top: int) -> dict:
    models = [summary(tx, source_id) for source_id in source_ids]
    # Without a template asked for, the first source's columns, as that workshop has them.
    created = create(tx, new, columns_of=load(tx, source_ids[0]).template)
    columns = load(tx, created["id"]).template.column_keys
    now = time.time()
    carried = clusters = 0
    for model in models:
        for material in rules.top_material(model, top):
            cluster_id = _carry_cluster(tx, created["id"], material, clusters + 1, now) if material.title else None
            clusters += cluster_id is not None
            for card in material.cards:
                card_id = _carry_card(tx, created["id"], material, card,
                                      card.column if card.column in columns else columns[0], now)
                if cluster_id:
                    tx.db.table("cluster_cards").insert({"card_id": card_id, "cluster_id": cluster_id,
                                                         "workshop_id": created["id"], "added_at": now})
                carried += 1
    return {**created, "carried_cards": carried, "carried_clusters": clusters,
            "sources": [{"id": m["workshop"]["id"], "title": m["workshop"]["title"]} for m in models]}


def _origin(workshop_id: str, item_id: str, kind: str, material: rules.Carried, source_item_id: str,
            group: str = "") -> dict:
    return {"item_id": item_id, "workshop_id": workshop_id, "kind": kind,
            "source_workshop_id": material.source_workshop_id, "source_title": material.source_title,
            "source_item_id": source_item_id, "source_cluster": material.title, "source_group": group,
            "dots": material.dots, "rank": material.rank}


def _carry_cluster(tx: Tx, workshop_id: str, material: rules.Carried, position: int, now: float) -> str:
    """An earlier workshop's cluster, as a cluster of the new one (same name, its origin told)."""
    cluster_id = str(uuid.uuid5(_CARRIED, f"{workshop_id}:{material.source_workshop_id}:{material.title}"))
    tx.db.table("clusters").insert({"id": cluster_id, "workshop_id": workshop_id, "name": material.title,
                                    "position": position, "created_at": now})
    tx.db.table("origins").insert(_origin(workshop_id, cluster_id, "cluster", material, material.source_cluster_id))
    return cluster_id


def _carry_card(tx: Tx, workshop_id: str, material: rules.Carried, card: rules.CarriedCard, column: str,
                now: float) -> str:
    card_id = str(uuid.uuid5(_CARRIED, f"{workshop_id}:{card.source_card_id}"))
    # No author and no group: starting material belongs to the whole new workshop.
    tx.db.table("cards").insert({"id": card_id, "workshop_id": workshop_id, "participant_id": None, "group_id": None,
                                 "column": column, "text": card.text, "created_at": now, "updated_at": now})
    tx.db.table("origins").insert(_origin(workshop_id, card_id, "card", material, card.source_card_id, card.group))
    return card_id
