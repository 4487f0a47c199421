"""Dot voting: the facilitator opens and closes; participants place and take back dots."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..store import votes
from .edge import FACILITATOR, PARTICIPANT, Edge, ok
from .pacer import Pacer
from .presence import Seat
from .rooms import facilitators_room

ID = {"max": 64}


@dataclass
class OpenVote:
    id: str = field(metadata=ID)
    dots_per_participant: int | None = None
    max_per_item: int | None = None
    own_items: bool | None = None


@dataclass
class CloseVote:
    vote_id: str | None = field(default=None, metadata=ID)


@dataclass
class PlaceDot:
    id: str = field(metadata=ID)
    item_id: str = field(metadata=ID)


@dataclass
class TakeBackDot:
    id: str = field(metadata=ID)


def register(edge: Edge) -> None:
    # Facilitators' `vote:progress`: a few times a second during a storm of dots,
    # and always once after the last dot (see docs/protocol.md).
    def announce_progress(workshop_id: str) -> None:
        # Derived figures, like presence: emitted without a seq, never stored.
        counts = edge.store.read(votes.open_progress, workshop_id)
        if counts is not None:
            edge.socketio.emit("vote:progress", counts, to=facilitators_room(workshop_id))

    progress = Pacer(edge.socketio, edge.config.vote_progress_interval, announce_progress)

    @edge.on("vote:open", OpenVote, who=FACILITATOR)
    def open_vote(seat: Seat, msg: OpenVote) -> dict:
        choices = {"dots_per_participant": msg.dots_per_participant, "max_per_item": msg.max_per_item,
                   "own_items": msg.own_items}
        return ok(vote=edge.change(lambda tx: votes.open_vote(tx, edge.workshop(tx, seat), msg.id, choices)))

    @edge.on("vote:close", CloseVote, who=FACILITATOR)
    def close_vote(seat: Seat, msg: CloseVote) -> dict:
        return ok(vote=edge.change(lambda tx: votes.close_vote(tx, edge.workshop(tx, seat), msg.vote_id)))

    @edge.on("dot:place", PlaceDot, who=PARTICIPANT)
    def place_dot(seat: Seat, msg: PlaceDot) -> dict:
        mine = edge.change(lambda tx: votes.place(
            tx, edge.workshop(tx, seat), edge.person(tx, seat), msg.id, msg.item_id))
        progress.poke(seat.workshop_id)
        return ok(**mine)

    @edge.on("dot:take_back", TakeBackDot, who=PARTICIPANT)
    def take_back_dot(seat: Seat, msg: TakeBackDot) -> dict:
        mine = edge.change(lambda tx: votes.take_back(tx, edge.workshop(tx, seat), edge.person(tx, seat), msg.id))
        progress.poke(seat.workshop_id)
        return ok(**mine)
