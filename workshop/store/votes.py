"""Dot votes: opened on the clusters and loose cards, dots placed, closed and ranked.

A vote step in groups opens one vote per group at once, each on its group's own
board (its clusters and cards), heard in the group's room; a voter's dots go to
the open vote of their group (or of the whole room). Closing closes them all.

While a vote is open nobody hears totals, facilitators included (the control
screen is often on a projector): each voter hears only their own dots, and
facilitators only how many people have voted. The ranking goes to everyone at
close. Limits are checked inside the write transaction, so concurrent voters
can never overspend.
"""
from __future__ import annotations

import json
import time
import uuid

from ..domain import audiences
from ..domain import votes as rules
from ..domain.boards import ROOM, Board
from ..domain.cards import client_id
from ..domain.errors import Conflict, NotFound, VoteClosed
from ..domain.steps.vote import VoteStepSettings
from ..domain.viewer import Viewer
from . import clusters as cluster_store
from .events import Tx
from .steps import RUNNING_STEP_JSON, agenda_of, running_step, step_of_json
from .workshops import Workshop


def _items(row: dict) -> list[rules.Item]:
    return [rules.Item(i["id"], i["kind"], i["name"], tuple(i["card_ids"]), frozenset(i["author_ids"]))
            for i in json.loads(row["items"])]


def _settings(row: dict) -> rules.VoteSettings:
    return rules.VoteSettings(row["dots_per_participant"], row["max_per_item"], bool(row["own_items"]))


def vote_json(row: dict) -> dict:
    """What everyone may know about a vote: never its totals while it is open."""
    return {"id": row["id"], "group_id": row.get("group_id"), "status": row["status"], "settings": _settings(row).__dict__.copy(),
            "items": [i.public() for i in _items(row)], "opened_at": row["opened_at"],
            "closed_at": row["closed_at"], "ranking": json.loads(row["ranking"]) if row["ranking"] else None}


def latest(tx: Tx, workshop_id: str, group_id: str | None = None) -> dict | None:
    """The latest vote of the workshop, or (``group_id`` given) the latest one that
    group votes in: its own, or the whole room's."""
    if group_id is None:
        return tx.one("SELECT * FROM votes WHERE workshop_id = ? ORDER BY opened_at DESC, rowid DESC LIMIT 1",
                      [workshop_id])
    return tx.one("SELECT * FROM votes WHERE workshop_id = ? AND (group_id IS NULL OR group_id = ?)"
                  " ORDER BY opened_at DESC, rowid DESC LIMIT 1", [workshop_id, group_id])


# What a dot needs, in one statement (each statement is a round trip between the
# store's thread and the event loop for Python's GIL, which a storm of dots
# contends for): the latest vote's rules, the one ballot item the dot is for
# (found by SQLite in the stored ballot, which may be long: never parsed in
# Python per dot), and the voter's dots in that vote (through their index).
# The dot's own id is looked up in the same statement (a retry finds it there).
_FOR_A_DOT = """
SELECT (SELECT json_array(participant_id, workshop_id, vote_id) FROM dots WHERE id = ?) AS existing, latest.*
  FROM (SELECT 1) LEFT JOIN (
SELECT id, status, dots_per_participant, max_per_item, own_items,
       """ + RUNNING_STEP_JSON.format(workshop="votes.workshop_id") + """ AS step,
       (SELECT j.value FROM json_each(votes.items) AS j WHERE json_extract(j.value, '$.id') = ? LIMIT 1) AS item,
       (SELECT json_group_array(json_array(placed_at, rowid, id, item_id)) FROM dots
         WHERE vote_id = votes.id AND participant_id = ?) AS mine
  FROM votes WHERE workshop_id = ? AND (group_id IS NULL OR group_id IS ?)
 ORDER BY opened_at DESC, rowid DESC LIMIT 1) AS latest ON 1"""


def _for_a_dot(tx: Tx, workshop_id: str, person: dict, dot_id: str,
               item_id: object) -> tuple[list | None, dict | None, list, list]:
    """The dot ``dot_id`` if it exists already (its participant, workshop and
    vote), the latest vote this person votes in (or None), its ballot item
    ``item_id`` as a list of at most one, and the voter's dots in it in the order
    they were placed."""
    row = tx.row(_FOR_A_DOT, [dot_id, item_id, person["id"], workshop_id, person.get("group_id")])
    existing = json.loads(row["existing"]) if row["existing"] else None
    if row["id"] is None:
        return existing, None, [], []
    item = _items({"items": f"[{row['item']}]"}) if row["item"] else []
    mine = [{"id": d[2], "item_id": d[3]} for d in sorted(json.loads(row["mine"]))]
    return existing, row, item, mine


def _open_vote(tx: Tx, workshop_id: str, group_id: str | None = None) -> dict | None:
    row = latest(tx, workshop_id, group_id)
    return row if row and row["status"] == "open" else None


def _my_dots(tx: Tx, vote_id: str, participant_id: str) -> list[dict]:
    return tx.query("SELECT id, item_id FROM dots WHERE vote_id = ? AND participant_id = ? ORDER BY placed_at, rowid",
                    [vote_id, participant_id])


def progress(tx: Tx, vote_id: str) -> dict:
    row = tx.row("SELECT COUNT(DISTINCT participant_id) AS voters, COUNT(*) AS dots FROM dots WHERE vote_id = ?",
                 [vote_id])
    return {"vote_id": vote_id, "voters": row["voters"], "dots": row["dots"]}


def _ballot(tx: Tx, workshop: Workshop, board: Board, material: frozenset[str] | None) -> list[rules.Item]:
    """A board's ballot: its clusters, then its cards in none of them (a group's
    own cards; the room's every card, or only the groups' top items that flowed on)."""
    if board.room:
        cards = tx.query("SELECT id, text, participant_id FROM cards WHERE workshop_id = ? ORDER BY created_at, id",
                         [workshop.id])
        cards = [c for c in cards if material is None or c["id"] in material]
    else:
        cards = tx.query("SELECT id, text, participant_id FROM cards WHERE workshop_id = ? AND group_id = ?"
                         " ORDER BY created_at, id", [workshop.id, board.group_id])
    return rules.items_for(cluster_store.clusters(tx, workshop.id, board), cards)


# Each group's vote in a vote step in groups has an id made from the one the
# facilitator's screen sent and the group's: a retried open finds them again.
_GROUP_VOTE = uuid.UUID("2d6c1c0e-7b8a-4f0e-8a47-6c2f6f2a9b31")


def _group_vote_id(vote_id: str, group_id: str) -> str:
    return str(uuid.uuid5(_GROUP_VOTE, f"{vote_id}:{group_id}"))


def open_vote(tx: Tx, workshop: Workshop, vote_id: object, choices: dict) -> list[dict]:
    """Open the vote of the running step: one on the room's board, or (in groups)
    one on each group's board that has something to vote on. Choices left out
    take the step's settings."""
    vid = client_id(vote_id, field="vote id")
    agenda = agenda_of(tx, workshop.id)
    step = agenda.current
    groups = [g["id"] for g in tx.query("SELECT id FROM groups WHERE workshop_id = ? ORDER BY position",
                                        [workshop.id])] if step and step.in_groups else []
    ids = [_group_vote_id(vid, g) for g in groups] or [vid]
    marks = ",".join("?" * len(ids))
    existing = tx.query(f"SELECT * FROM votes WHERE id IN ({marks}) ORDER BY rowid", ids)
    if existing:
        # A retry of the vote we already opened: acknowledge it again.
        if all(row["workshop_id"] == workshop.id for row in existing):
            return [vote_json(row) for row in existing]
        raise Conflict("that vote id is already taken")
    settings = rules.VoteSettings.from_choices(**_with_step_defaults(step, choices))
    already_open = tx.one("SELECT 1 FROM votes WHERE workshop_id = ? AND status = 'open'", [workshop.id]) is not None
    if groups:
        ballots = [(Board(g), i, _ballot(tx, workshop, Board(g), None)) for g, i in zip(groups, ids)]
        ballots = [b for b in ballots if b[2]]
    else:
        flowed = cluster_store.carried(tx, agenda, None)
        ballots = [(ROOM, vid, _ballot(tx, workshop, ROOM, flowed.card_ids if flowed else None))]
    rules.check_open(step, [item for _, _, items in ballots for item in items], already_open=already_open)
    for _, _, items in ballots:
        rules.check_ballot(items)
    return [_open_one(tx, workshop, board, one_id, settings, items) for board, one_id, items in ballots]


def _with_step_defaults(step: object, choices: dict) -> dict:
    settings = getattr(step, "settings", None)
    if not isinstance(settings, VoteStepSettings):
        return choices
    given = {k: v for k, v in choices.items() if v is not None}
    return {"dots_per_participant": settings.dots_per_person, "own_items": settings.own_items,
            **({"max_per_item": settings.cap_per_item} if "dots_per_participant" not in given else {}), **given}


def _open_one(tx: Tx, workshop: Workshop, board: Board, vote_id: str, settings: rules.VoteSettings,
              items: list[rules.Item]) -> dict:
    row = {"id": vote_id, "workshop_id": workshop.id, "status": "open", "group_id": board.group_id,
           "dots_per_participant": settings.dots_per_participant, "max_per_item": settings.max_per_item,
           "own_items": int(settings.own_items), "opened_at": time.time(), "closed_at": None, "ranking": None,
           "items": json.dumps([{**i.public(), "author_ids": sorted(a for a in i.author_ids if a)} for i in items])}
    tx.db.table("votes").insert(row)
    opened = vote_json(row)
    tx.publish(workshop.id, "vote:opened", {"vote": opened}, audience=_heard_by(board.group_id))
    return opened


def _heard_by(group_id: str | None) -> str:
    return audiences.ALL if group_id is None else audiences.group(group_id)


def _mine(tx: Tx, vote: dict, participant_id: str) -> dict:
    dots = _my_dots(tx, vote["id"], participant_id)
    return {"vote_id": vote["id"], "dots": dots, "dots_left": rules.dots_left(_settings(vote), len(dots))}


def place(tx: Tx, workshop: Workshop, person: dict, dot_id: object, item_id: object) -> dict:
    """One dot from this person on one item of the open vote; returns their dots."""
    did = client_id(dot_id, field="dot id")
    existing, vote, ballot, mine = _for_a_dot(tx, workshop.id, person, did, item_id)
    if existing:
        # The same dot again (a double click, a retry): it counts once.
        participant_id, workshop_id, vote_id = existing
        if participant_id == person["id"] and workshop_id == workshop.id:
            return _mine(tx, tx.row("SELECT * FROM votes WHERE id = ?", [vote_id]), person["id"])
        raise Conflict("that dot id is already taken")
    if vote is None:
        raise VoteClosed("no vote is open yet")
    item = rules.check_dot(step_of_json(vote["step"]), vote["status"], _settings(vote),
                           ballot, item_id, person["id"], [d["item_id"] for d in mine])
    tx.db.execute("INSERT INTO dots (id, vote_id, workshop_id, participant_id, item_id, placed_at)"
                  " VALUES (?, ?, ?, ?, ?, ?)", [did, vote["id"], workshop.id, person["id"], item.id, time.time()])
    # The new dot is the latest of theirs: no need to read their dots again.
    mine.append({"id": did, "item_id": item.id})
    return _tell_voter(tx, workshop, vote, person["id"], "dot:placed", {"dot": {"id": did, "item_id": item.id}},
                       {"vote_id": vote["id"], "dots": mine, "dots_left": rules.dots_left(_settings(vote), len(mine))})


def take_back(tx: Tx, workshop: Workshop, person: dict, dot_id: object) -> dict:
    did = client_id(dot_id, field="dot id")
    dot = tx.one("SELECT * FROM dots WHERE id = ? AND workshop_id = ? AND participant_id = ?",
                 [did, workshop.id, person["id"]])
    vote = tx.one("SELECT * FROM votes WHERE id = ?", [dot["vote_id"]]) if dot \
        else _open_vote(tx, workshop.id, person.get("group_id"))
    if vote is None:
        raise VoteClosed("no vote is open")
    rules.check_take_back(running_step(tx, workshop.id), vote["status"])
    if dot is None:
        return _mine(tx, vote, person["id"])  # taken back already: a retry
    tx.db.execute("DELETE FROM dots WHERE id = ?", [did])
    return _tell_voter(tx, workshop, vote, person["id"], "dot:taken_back", {"dot_id": did},
                       _mine(tx, vote, person["id"]))


def _tell_voter(tx: Tx, workshop: Workshop, vote: dict, participant_id: str, kind: str, data: dict,
                mine: dict) -> dict:
    """The voter hears their own dots. Facilitators' ``vote:progress`` is not sent
    from here: counting every voter on every dot made a storm of dots quadratic,
    so the realtime layer sends it a few times a second (``open_progress``)."""
    tx.publish(workshop.id, kind, {**data, **mine}, audience=audiences.participant(participant_id))
    return mine


def open_progress(tx: Tx, workshop_id: str) -> dict | None:
    """How many people have voted in the open vote, as of now (None when no
    vote is open: ``vote:closed`` carries the final count); in groups, also each
    group's figures beside its number of members. Read only: the figures are
    derived from the dots, so announcing them stores nothing."""
    # Counted per vote from the (vote_id, participant_id) index alone, in its order:
    # a join over the dots read every dot's row and sorted the voters in a temporary
    # tree, 12 ms at 15,000 dots against 3 ms, four times a second all vote long.
    rows = tx.query("SELECT v.id, v.group_id,"
                    " (SELECT COUNT(DISTINCT participant_id) FROM dots WHERE vote_id = v.id) AS voters,"
                    " (SELECT COUNT(*) FROM dots WHERE vote_id = v.id) AS dots,"
                    " (SELECT seated FROM group_seats s WHERE s.group_id = v.group_id) AS members"
                    " FROM votes v WHERE v.workshop_id = ? AND v.status = 'open' ORDER BY v.rowid", [workshop_id])
    if not rows:
        return None
    figures = {"vote_id": rows[0]["id"], "voters": sum(r["voters"] for r in rows),
               "dots": sum(r["dots"] for r in rows)}
    if rows[0]["group_id"] is not None:
        figures["groups"] = [{"group_id": r["group_id"], "vote_id": r["id"], "voters": r["voters"],
                              "dots": r["dots"], "members": r["members"] or 0} for r in rows]
    return figures


def close_vote(tx: Tx, workshop: Workshop, vote_id: object = None) -> list[dict]:
    """Close the open vote and store its ranking (closing twice returns the same);
    without an id, the latest vote, and with it every group's vote of the same step."""
    if vote_id is not None:
        vote = tx.one("SELECT * FROM votes WHERE id = ? AND workshop_id = ?",
                      [client_id(vote_id, field="vote id"), workshop.id])
        if vote is None:
            raise NotFound("no such vote in this workshop")
        chosen = [vote]
    else:
        vote = latest(tx, workshop.id)
        if vote is None:
            raise VoteClosed("no vote has been opened")
        chosen = [vote] if vote["group_id"] is None else tx.query(
            "SELECT * FROM votes WHERE workshop_id = ? AND step_id IS ? AND group_id IS NOT NULL"
            " AND (status = 'open' OR id = ?) ORDER BY rowid", [workshop.id, vote["step_id"], vote["id"]])
    return [_close_one(tx, workshop, row) for row in chosen]


def close_on_leaving(tx: Tx, workshop: Workshop) -> None:
    """The running step ends: votes it left open close as ``vote:close`` closes them.
    Nobody can place a dot outside a vote step, so an open vote would only linger on the
    control screen in every later step, and the discuss step's ``topics:from_ranking``
    needs it closed."""
    for vote in tx.query("SELECT * FROM votes WHERE workshop_id = ? AND status = 'open' ORDER BY rowid",
                         [workshop.id]):
        _close_one(tx, workshop, vote)


def _close_one(tx: Tx, workshop: Workshop, vote: dict) -> dict:
    if vote["status"] == "closed":
        return vote_json(vote)
    dots = [r["item_id"] for r in tx.query("SELECT item_id FROM dots WHERE vote_id = ?", [vote["id"]])]
    ranking = rules.ranking(_items(vote), dots)
    now = time.time()
    tx.db.execute("UPDATE votes SET status = 'closed', closed_at = ?, ranking = ? WHERE id = ?",
                  [now, json.dumps(ranking), vote["id"]])
    closed = vote_json({**vote, "status": "closed", "closed_at": now, "ranking": json.dumps(ranking)})
    tx.publish(workshop.id, "vote:closed", {"vote": closed, **progress(tx, vote["id"])},
               audience=_heard_by(vote["group_id"]))
    return closed


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """Snapshot part: the latest vote a viewer votes in (their group's or the
    room's) and their own dots; facilitators get the latest vote, every group's
    vote of its step when it ran in groups, and the progress."""
    row = latest(tx, workshop.id, None if viewer.facilitator else viewer.group_id)
    if row is None:
        return {"vote": None}
    state: dict = {"vote": vote_json(row)}
    if viewer.facilitator:
        state["vote_progress"] = progress(tx, row["id"])
        if row["group_id"] is not None:
            state["group_votes"] = [{**vote_json(r), **progress(tx, r["id"]), "members": r["members"] or 0}
                                    for r in tx.query(
                "SELECT v.*, (SELECT seated FROM group_seats s WHERE s.group_id = v.group_id) AS members"
                " FROM votes v WHERE v.workshop_id = ? AND v.step_id IS ? AND v.group_id IS NOT NULL ORDER BY v.rowid",
                [workshop.id, row["step_id"]])]
    elif viewer.participant_id is not None:
        state["my_dots"] = _mine(tx, row, viewer.participant_id)
    return state
