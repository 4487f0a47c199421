"""Create a workshop whose starting material is the results of earlier ones."""
from __future__ import annotations

import time
import uuid

from ..domain import next_stage as rules
from ..domain import workshop as workshop_rules
from .events import Tx
from .summary import summary
from .workshops import create

# Carried card ids derive from the new workshop and the source card: stable, and unique.
_CARRIED = uuid.UUID("6f1d2a7e-1c55-4f0e-9b7a-5d1c0b7e2a11")


def create_from(tx: Tx, new: workshop_rules.NewWorkshop, source_ids: list[str], top: int) -> dict:
    models = [summary(tx, source_id) for source_id in source_ids]
    created = create(tx, new)
    columns = workshop_rules.template(new.template).column_keys
    now = time.time()
    carried = 0
    for model in models:
        for material in rules.top_material(model, top):
            for card in material.cards:
                _carry_card(tx, created["id"], material, card, card.column if card.column in columns else columns[0], now)
                carried += 1
    return {**created, "carried_cards": carried,
            "sources": [{"id": m["workshop"]["id"], "title": m["workshop"]["title"]} for m in models]}


def _carry_card(tx: Tx, workshop_id: str, material: rules.Carried, card: rules.CarriedCard, column: str,
                now: float) -> None:
    card_id = str(uuid.uuid5(_CARRIED, f"{workshop_id}:{card.source_card_id}"))
    # No author and no group: starting material belongs to the whole new workshop.
    tx.db["cards"].insert({"id": card_id, "workshop_id": workshop_id, "participant_id": None, "group_id": None,
                           "column": column, "text": card.text, "created_at": now, "updated_at": now})
    tx.db["origins"].insert({
        "item_id": card_id, "workshop_id": workshop_id, "kind": "card",
        "source_workshop_id": material.source_workshop_id, "source_title": material.source_title,
        "source_item_id": card.source_card_id, "source_cluster": material.title, "source_group": card.group,
        "dots": material.dots, "rank": material.rank})
