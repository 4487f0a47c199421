"""Dot voting: the facilitator opens and closes (in a step in groups, every
group's vote at once); participants place and take back dots on their board."""
from __future__ import annotations

from ..shapes import client_id, shape
from ..store import votes
from .area import FACILITATOR, PARTICIPANT, Area
from .edge import Edge, ok
from .pacer import Pacer
from .presence import Seat
from .rooms import facilitators_room

area = Area()
PROGRESS = "vote:progress"


@shape
class OpenVote:
    id: str = client_id()
    dots_per_participant: int | None = None
    max_per_item: int | None = None
    own_items: bool | None = None


@shape
class CloseVote:
    vote_id: str | None = client_id(default=None)


@shape
class PlaceDot:
    id: str = client_id()
    item_id: str = client_id()


@shape
class TakeBackDot:
    id: str = client_id()


@area.setup
def pace_progress(edge: Edge) -> None:
    """Facilitators' `vote:progress`: a few times a second during a storm of dots,
    and always once after the last dot (see docs/protocol.md)."""
    def announce(workshop_id: str) -> None:
        # Derived figures, like presence: emitted without a seq, never stored.
        counts = edge.store.read(votes.open_progress, workshop_id)
        if counts is not None:
            edge.socketio.emit(PROGRESS, counts, to=facilitators_room(workshop_id))
    edge.pacers[PROGRESS] = Pacer(edge.socketio, edge.config.vote_progress_interval, announce)


@area.on("vote:open", OpenVote, who=FACILITATOR)
def open_vote(edge: Edge, seat: Seat, msg: OpenVote) -> dict:
    choices = {"dots_per_participant": msg.dots_per_participant, "max_per_item": msg.max_per_item,
               "own_items": msg.own_items}
    opened = edge.change_in(seat, votes.open_vote, msg.id, choices)
    # ``vote``: the room's vote (or the first group's) for clients that know one vote.
    return ok(vote=opened[0], votes=opened)


@area.on("vote:close", CloseVote, who=FACILITATOR)
def close_vote(edge: Edge, seat: Seat, msg: CloseVote) -> dict:
    closed = edge.change_in(seat, votes.close_vote, msg.vote_id)
    return ok(vote=closed[0], votes=closed)


@area.on("dot:place", PlaceDot, who=PARTICIPANT)
def place_dot(edge: Edge, seat: Seat, msg: PlaceDot) -> dict:
    mine = edge.change_by(seat, votes.place, msg.id, msg.item_id)
    edge.pacers[PROGRESS].poke(seat.workshop_id)
    return ok(**mine)


@area.on("dot:take_back", TakeBackDot, who=PARTICIPANT)
def take_back_dot(edge: Edge, seat: Seat, msg: TakeBackDot) -> dict:
    mine = edge.change_by(seat, votes.take_back, msg.id)
    edge.pacers[PROGRESS].poke(seat.workshop_id)
    return ok(**mine)
