"""Clusters: cards from every group gathered under names, and suggestions for them.

Every change broadcasts ``clusters:changed`` with the whole list of clusters, so
screens that cluster at the same time (two facilitators, participants when
allowed) converge on the order the store committed, whatever they missed.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass

from ..domain import audiences, boards
from ..domain import clusters as rules
from ..domain.agenda import Agenda
from ..domain.boards import Board
from ..domain.cards import client_id
from ..domain.errors import Conflict, NotFound
from ..domain.viewer import Viewer
from . import agenda as agenda_store
from . import per_change, room_cards
from .events import Tx
from .workshops import Workshop

_CLUSTER = "SELECT id, name, position, group_id FROM clusters"


def clusters(tx: Tx, workshop_id: str, board: Board | None = None) -> list[dict]:
    """The clusters of one board (every board's with None) in order, each with its
    card ids in the order added and the group whose board it is on (null: the room's)."""
    where, args = ("workshop_id = ?", [workshop_id]) if board is None else \
        ("workshop_id = ? AND group_id IS ?", [workshop_id, board.group_id])
    rows = tx.query(f"{_CLUSTER} WHERE {where} ORDER BY position", args)
    members: dict[str, list[str]] = {r["id"]: [] for r in rows}
    for link in tx.query("SELECT card_id, cluster_id FROM cluster_cards WHERE workshop_id = ? "
                         "ORDER BY added_at, rowid", [workshop_id]):
        if link["cluster_id"] in members:
            members[link["cluster_id"]].append(link["card_id"])
    return [{**r, "card_ids": members[r["id"]]} for r in rows]


@dataclass(frozen=True)
class Place:
    """Where a change happens: the board, and (for a whole-room board that starts
    from the groups' top items) the cards on it."""
    board: Board
    material: frozenset[str] | None


def carried(tx: Tx, agenda: Agenda, step_id: str | None) -> boards.Carried | None:
    """The groups' top items a whole-room step starts from, or None."""
    step = agenda.step(step_id) if step_id else agenda.current
    source = boards.carried_from(agenda, step) if step else None
    if source is None:
        return None
    rankings = {r["group_id"]: json.loads(r["ranking"]) for r in tx.query(
        "SELECT group_id, ranking FROM votes WHERE step_id = ? AND group_id IS NOT NULL AND ranking IS NOT NULL"
        " ORDER BY opened_at, rowid", [source.id])}
    return boards.carried(source, rankings)


def board_now(tx: Tx, agenda: Agenda) -> dict:
    """How the running step clusters and votes, and what flowed into it (the snapshot's ``board``)."""
    step = agenda.current
    flowed = carried(tx, agenda, None) if step else None
    return {"step_id": step.id if step else None, "in_groups": bool(step and step.in_groups),
            "carried": flowed.public() if flowed else None}


def publish_board(tx: Tx, workshop_id: str, agenda: Agenda) -> None:
    """``board:changed`` when the running step changes: which board screens show now."""
    tx.publish(workshop_id, "board:changed", {"board": board_now(tx, agenda)})


def _place(tx: Tx, workshop: Workshop, person: dict | None, asked: str | None) -> Place:
    """The board this person (None: a facilitator) clusters on now, or a refusal."""
    agenda = agenda_store.load(tx, workshop.id)
    board = rules.may_cluster(agenda.current, workshop.settings, facilitator=person is None,
                              my_group=person["group_id"] if person else None, asked=asked)
    if board.group_id is not None and person is None and tx.one(
            "SELECT 1 FROM groups WHERE id = ? AND workshop_id = ?", [board.group_id, workshop.id]) is None:
        raise NotFound("no such group in this workshop")
    flowed = carried(tx, agenda, None) if board.room else None
    return Place(board, flowed.card_ids if flowed else None)


def _cluster(tx: Tx, workshop: Workshop, place: Place, cluster_id: object) -> dict:
    row = tx.one(f"{_CLUSTER} WHERE id = ? AND workshop_id = ? AND group_id IS ?",
                 [client_id(cluster_id, field="cluster id"), workshop.id, place.board.group_id])
    if row is None:
        raise NotFound("no such cluster on this board")
    return row


def _cards_on_board(tx: Tx, workshop: Workshop, place: Place, card_ids: list[str]) -> None:
    marks = ",".join("?" * len(card_ids))
    found = {r["id"]: r["group_id"] for r in tx.query(
        f"SELECT id, group_id FROM cards WHERE workshop_id = ? AND id IN ({marks})", [workshop.id, *card_ids])}
    if len(found) != len(card_ids):
        raise NotFound("no such card in this workshop")
    boards.on_board(found, place.board, place.material)


def _membership(tx: Tx, place: Place, card_id: str) -> str | None:
    """The cluster this card is in on this board (a card is in at most one per board)."""
    row = tx.one("SELECT l.cluster_id FROM cluster_cards l JOIN clusters c ON c.id = l.cluster_id "
                 "WHERE l.card_id = ? AND c.group_id IS ?", [card_id, place.board.group_id])
    return row["cluster_id"] if row else None


def _put(tx: Tx, workshop: Workshop, place: Place, cluster_id: str, card_ids: list[str]) -> bool:
    """Move cards into a cluster (out of any other on the board); True when anything moved."""
    now = time.time()
    moved = False
    for card_id in card_ids:
        current = _membership(tx, place, card_id)
        if current == cluster_id:
            continue
        if current:
            tx.db.execute("DELETE FROM cluster_cards WHERE card_id = ? AND cluster_id = ?", [card_id, current])
        tx.db.execute("INSERT INTO cluster_cards (card_id, cluster_id, workshop_id, added_at) "
                      "VALUES (?, ?, ?, ?)", [card_id, cluster_id, workshop.id, now])
        moved = True
    return moved


def _announce(tx: Tx, workshop: Workshop, place: Place, change: str, cluster_id: str | None) -> list[dict]:
    """The board's clusters to whoever sees the board: the room, or the group (and facilitators)."""
    board = place.board
    everything = clusters(tx, workshop.id, board)
    audience = audiences.ALL if board.room else audiences.group(board.group_id)  # type: ignore[arg-type]
    tx.publish(workshop.id, "clusters:changed", {"change": change, "cluster_id": cluster_id,
                                                 "group_id": board.group_id, "clusters": everything},
               audience=audience)
    return everything


def _one(everything: list[dict], cluster_id: str) -> dict:
    return next(c for c in everything if c["id"] == cluster_id)


def create(tx: Tx, workshop: Workshop, person: dict | None, group_id: str | None, cluster_id: object,
           name: object, card_ids: list) -> dict:
    """A new cluster on the asker's board, holding the given cards (taken out of
    wherever they were on that board). ``person`` is None for a facilitator."""
    place = _place(tx, workshop, person, group_id)
    cid = client_id(cluster_id, field="cluster id")
    ids = rules.card_ids(card_ids, allow_empty=True)
    existing = tx.one("SELECT workshop_id, group_id FROM clusters WHERE id = ?", [cid])
    if existing:
        # A retry of a cluster we already made: acknowledge it again, change nothing.
        if existing["workshop_id"] == workshop.id and existing["group_id"] == place.board.group_id:
            return _one(clusters(tx, workshop.id, place.board), cid)
        raise Conflict("that cluster id is already taken")
    if ids:
        _cards_on_board(tx, workshop, place, ids)
    position = tx.row("SELECT COALESCE(MAX(position), 0) + 1 AS p FROM clusters WHERE workshop_id = ?"
                      " AND group_id IS ?", [workshop.id, place.board.group_id])["p"]
    clean = rules.default_name(position) if name is None else rules.cluster_name(name)
    tx.db.table("clusters").insert({"id": cid, "workshop_id": workshop.id, "name": clean, "position": position,
                                    "created_at": time.time(), "group_id": place.board.group_id})
    _put(tx, workshop, place, cid, ids)
    return _one(_announce(tx, workshop, place, "created", cid), cid)


def add_cards(tx: Tx, workshop: Workshop, person: dict | None, group_id: str | None, cluster_id: object,
              card_ids: list) -> dict:
    place = _place(tx, workshop, person, group_id)
    cluster = _cluster(tx, workshop, place, cluster_id)
    ids = rules.card_ids(card_ids)
    _cards_on_board(tx, workshop, place, ids)
    if not _put(tx, workshop, place, cluster["id"], ids):
        return _one(clusters(tx, workshop.id, place.board), cluster["id"])
    return _one(_announce(tx, workshop, place, "cards_added", cluster["id"]), cluster["id"])


def take_out(tx: Tx, workshop: Workshop, person: dict | None, group_id: str | None, card_ids: list) -> list[str]:
    """Take cards out of their clusters on the board; they stand alone there again."""
    place = _place(tx, workshop, person, group_id)
    ids = rules.card_ids(card_ids)
    _cards_on_board(tx, workshop, place, ids)
    marks = ",".join("?" * len(ids))
    cursor = tx.db.execute(
        f"DELETE FROM cluster_cards WHERE workshop_id = ? AND card_id IN ({marks}) AND cluster_id IN "
        "(SELECT id FROM clusters WHERE workshop_id = ? AND group_id IS ?)",
        [workshop.id, *ids, workshop.id, place.board.group_id])
    if cursor.rowcount:
        _announce(tx, workshop, place, "cards_taken_out", None)
    return ids


def rename(tx: Tx, workshop: Workshop, person: dict | None, group_id: str | None, cluster_id: object,
           name: object) -> dict:
    place = _place(tx, workshop, person, group_id)
    cluster = _cluster(tx, workshop, place, cluster_id)
    clean = rules.cluster_name(name)
    if clean == cluster["name"]:
        return _one(clusters(tx, workshop.id, place.board), cluster["id"])
    tx.db.execute("UPDATE clusters SET name = ? WHERE id = ?", [clean, cluster["id"]])
    return _one(_announce(tx, workshop, place, "renamed", cluster["id"]), cluster["id"])


def merge(tx: Tx, workshop: Workshop, person: dict | None, group_id: str | None, into_id: object,
          from_id: object) -> dict:
    """Move every card of one cluster into another on the same board, and delete the emptied one."""
    place = _place(tx, workshop, person, group_id)
    into = _cluster(tx, workshop, place, into_id)
    rules.check_merge(into["id"], client_id(from_id, field="cluster id"))
    try:
        source = _cluster(tx, workshop, place, from_id)
    except NotFound:
        # Merged already (a retry, or another screen was quicker): the result stands.
        return _one(clusters(tx, workshop.id, place.board), into["id"])
    tx.db.execute("UPDATE cluster_cards SET cluster_id = ? WHERE cluster_id = ?",
                  [into["id"], source["id"]])
    tx.db.execute("DELETE FROM clusters WHERE id = ?", [source["id"]])
    return _one(_announce(tx, workshop, place, "merged", into["id"]), into["id"])


def delete(tx: Tx, workshop: Workshop, person: dict | None, group_id: str | None, cluster_id: object) -> str:
    place = _place(tx, workshop, person, group_id)
    cid = client_id(cluster_id, field="cluster id")
    try:
        cluster = _cluster(tx, workshop, place, cid)
    except NotFound:
        return cid  # deleting twice (a retry) is not an error
    count = tx.row("SELECT COUNT(*) AS n FROM cluster_cards WHERE cluster_id = ?", [cluster["id"]])["n"]
    rules.check_delete(count)
    tx.db.execute("DELETE FROM clusters WHERE id = ?", [cluster["id"]])
    _announce(tx, workshop, place, "deleted", cluster["id"])
    return cid


def loose_cards(tx: Tx, workshop: Workshop, person: dict | None, group_id: str | None) -> list[tuple[str, str]]:
    """``(id, text)`` of the board's cards in none of its clusters: what suggestions are made from."""
    place = _place(tx, workshop, person, group_id)
    board = place.board
    rows = tx.query("SELECT c.id, c.text, c.group_id FROM cards c WHERE c.workshop_id = ? AND NOT EXISTS "
                    "(SELECT 1 FROM cluster_cards l JOIN clusters k ON k.id = l.cluster_id "
                    " WHERE l.card_id = c.id AND k.group_id IS ?) ORDER BY c.created_at, c.id",
                    [workshop.id, board.group_id])
    return [(r["id"], r["text"]) for r in rows
            if (board.room or r["group_id"] == board.group_id)
            and (place.material is None or r["id"] in place.material)]


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """Snapshot part: every board's clusters for facilitators; for a participant,
    their group's board while their group works on its own (collect, steps in
    groups), else the room's and their group's clusters with every card of the
    workshop (blind writing is over; they cluster and vote across groups).
    ``board`` says how the running step clusters and what flowed into it."""
    agenda = agenda_store.load(tx, workshop.id)
    step = agenda.current
    board = board_now(tx, agenda)
    if viewer.facilitator:
        return {"clusters": clusters(tx, workshop.id), "board": board}
    # Every participant's snapshot reads the same clusters: once per change of the workshop.
    every = per_change.kept(tx, workshop, "clusters", lambda: clusters(tx, workshop.id))
    mine = [c for c in every if c["group_id"] in (None, viewer.group_id)]
    if not boards.shows_every_card(step):
        return {"clusters": [c for c in mine if c["group_id"] is not None], "board": board}
    return {"clusters": mine, "board": board, "cards": room_cards.as_seen_by(tx, workshop, viewer)}
