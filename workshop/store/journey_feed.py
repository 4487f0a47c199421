"""Feed the next stage of a journey from finished workshops of a stage."""
from __future__ import annotations

import json
import time
import uuid

from ..domain import journey_feed as rules
from ..domain import journeys as journey_rules
from ..domain import workshop as workshop_rules
from ..domain.next_stage import Carried, CarriedCard, top_material
from .events import Tx
from .journeys import link_workshop, load, sessions
from .summary import summary
from .workshops import create
from .workshops import load as load_workshop

_CARRIED = uuid.UUID("0b3c9f52-8d1e-4a51-9c0e-52a3f4d1e7b9")
_CHUNK = 500  # ids per IN (...) list: well under SQLite's limit on bound values
_DEPTH = len(journey_rules.STAGES)  # a carried card is at most this many stages from its writer


def raisers(tx: Tx, card_ids: list[str]) -> dict[str, frozenset[rules.Raiser]]:
    """Who first wrote each card: for a card carried from an earlier stage, the
    card it was carried from, followed back to the one a person wrote."""
    found: dict[str, set[rules.Raiser]] = {c: set() for c in card_ids}
    asking = {c: c for c in card_ids}  # the card looked up now -> the card it answers for
    for _ in range(_DEPTH):
        if not asking:
            break
        following: dict[str, str] = {}
        for row in _rows(tx, "SELECT c.id, c.workshop_id, c.group_id, c.participant_id, o.source_item_id "
                             "FROM cards c LEFT JOIN origins o ON o.item_id = c.id AND o.kind = 'card' "
                             "WHERE c.id IN ({})", list(asking)):
            answers_for = asking[row["id"]]
            if row["participant_id"] is None and row["source_item_id"]:
                following[row["source_item_id"]] = answers_for
            else:
                found[answers_for].add((row["workshop_id"], row["group_id"] or "", row["participant_id"] or ""))
        asking = following
    return {c: frozenset(r) for c, r in found.items()}


def _rows(tx: Tx, sql: str, ids: list[str]) -> list[dict]:
    rows: list[dict] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        rows += tx.query(sql.format(", ".join("?" for _ in chunk)), chunk)
    return rows


def items(tx: Tx, journey_id: str, stage_key: str, source_ids: list[str], top: int) -> list[rules.FeedItem]:
    """The top items of the chosen finished workshops of one stage, each with who raised it."""
    load(tx, journey_id)
    held = {s["id"]: s for s in sessions(tx, journey_id)}
    chosen = journey_rules.check_sources_in_stage(source_ids, {k: s["stage"] for k, s in held.items()}, stage_key)
    for workshop_id in chosen:
        journey_rules.check_finished(held[workshop_id]["title"], held[workshop_id]["state"])
    materials = [m for workshop_id in chosen for m in top_material(summary(tx, workshop_id), top)]
    who = raisers(tx, [c.source_card_id for m in materials for c in m.cards])
    return [rules.FeedItem(rules.item_key(m), m, frozenset().union(*(who[c.source_card_id] for c in m.cards)))
            for m in materials]


def preview(tx: Tx, journey_id: str, stage_key: str, source_ids: list[str], top: int) -> dict:
    found = items(tx, journey_id, stage_key, source_ids, top)
    titles = {i.key: i.material.title for i in found}
    return {"items": [{"key": i.key, "title": i.material.title or "(loose cards)",
                       "source_title": i.material.source_title, "dots": i.material.dots,
                       "cards": len(i.material.cards), **rules.raised_counts(i.raised_by)} for i in found],
            "merges": [{"keys": keys, "titles": [titles[k] for k in keys]} for keys in rules.suggest_merges(found)]}


def feed(tx: Tx, journey_id: str, stage_key: str, source_ids: list[str], top: int,
         new: workshop_rules.NewWorkshop, merges: object) -> dict:
    """A new workshop in the next stage whose starting material is the chosen
    workshops' top items, merged as asked, each cluster with who raised it."""
    journey = load(tx, journey_id)
    following = journey_rules.next_stage(stage_key)
    carried = rules.merged(items(tx, journey_id, stage_key, source_ids, top), merges)
    created = create(tx, new, columns_of=load_workshop(tx, source_ids[0]).template)
    link_workshop(tx, journey, following.key, created["id"], None)
    columns = load_workshop(tx, created["id"]).template.column_keys
    now = time.time()
    carried_cards: set[str] = set()
    for position, item in enumerate(carried, start=1):
        cluster_id = _carry_item(tx, created["id"], item, position, now)
        for part in item.parts:
            for card in part.material.cards:
                _carry_card(tx, created["id"], part.material, card, columns, cluster_id, now,
                            new=card.source_card_id not in carried_cards)
                carried_cards.add(card.source_card_id)
    return {**created, "stage": following.key, "carried_cards": len(carried_cards), "carried_items": len(carried),
            "merged": sum(1 for i in carried if len(i.parts) > 1)}


def _carry_item(tx: Tx, workshop_id: str, item: rules.MergedItem, position: int, now: float) -> str | None:
    """One merged item as a cluster of the new workshop (loose cards stay loose), and who raised it."""
    first = item.parts[0].material
    item_id = str(uuid.uuid5(_CARRIED, f"{workshop_id}:{item.parts[0].key}"))
    if item.title:
        tx.db.execute("INSERT INTO clusters (id, workshop_id, name, position, created_at) VALUES (?, ?, ?, ?, ?)",
                      [item_id, workshop_id, item.title, position, now])
        tx.db.execute("INSERT INTO origins (item_id, workshop_id, kind, source_workshop_id, source_title, "
                      "source_item_id, source_cluster, source_group, dots, rank) VALUES (?, ?, 'cluster', ?, ?, ?, ?, "
                      "'', ?, ?)", [item_id, workshop_id, first.source_workshop_id, first.source_title,
                                    first.source_cluster_id, first.title, first.dots, first.rank])
    tx.db.execute("INSERT INTO journey_items (item_id, workshop_id, title, sessions, groups, people, raised_by, "
                  "merged_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  [item_id, workshop_id, item.title, *item.counts().values(),
                   json.dumps(sorted(item.raised_by)), json.dumps([p.key for p in item.parts])])
    return item_id if item.title else None


def _carry_card(tx: Tx, workshop_id: str, material: Carried, card: CarriedCard, columns: tuple[str, ...],
                cluster_id: str | None, now: float, new: bool) -> None:
    """``new``: false for a card already carried in another item (a card in its
    group's cluster and in a whole-room one): it joins this cluster too."""
    card_id = str(uuid.uuid5(_CARRIED, f"{workshop_id}:{card.source_card_id}"))
    if cluster_id and not new:
        tx.db.execute("INSERT OR IGNORE INTO cluster_cards (card_id, cluster_id, workshop_id, added_at) "
                      "VALUES (?, ?, ?, ?)", [card_id, cluster_id, workshop_id, now])
        return
    if not new:
        return
    column = card.column if card.column in columns else columns[0]
    # No author and no group: starting material belongs to the whole new workshop.
    tx.db.execute('INSERT INTO cards (id, workshop_id, participant_id, group_id, "column", text, created_at, '
                  "updated_at) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?)", [card_id, workshop_id, column, card.text, now, now])
    tx.db.execute("INSERT INTO origins (item_id, workshop_id, kind, source_workshop_id, source_title, source_item_id, "
                  "source_cluster, source_group, dots, rank) VALUES (?, ?, 'card', ?, ?, ?, ?, ?, ?, ?)",
                  [card_id, workshop_id, material.source_workshop_id, material.source_title, card.source_card_id,
                   material.title, card.group, material.dots, material.rank])
    if cluster_id:
        tx.db.execute("INSERT INTO cluster_cards (card_id, cluster_id, workshop_id, added_at) VALUES (?, ?, ?, ?)",
                      [card_id, cluster_id, workshop_id, now])
