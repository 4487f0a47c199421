"""80%-agree polls: the facilitator opens, rewords and closes; participants answer."""
from __future__ import annotations

from ..shapes import bounded, client_id, shape
from ..store import polls
from .area import FACILITATOR, PARTICIPANT, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class OpenPoll:
    id: str = client_id()
    proposal: str = bounded(4000)
    topic_id: str | None = client_id(default=None)
    cluster_id: str | None = client_id(default=None)
    quorum: float | None = None
    anonymous: bool = True


@shape
class Reword:
    poll_id: str = client_id()
    proposal: str = bounded(4000)


@shape
class Answer:
    round_id: str = client_id()
    level: int
    reason: str | None = bounded(2000, default=None)


@shape
class CloseRound:
    round_id: str = client_id()


@area.on("poll:open", OpenPoll, who=FACILITATOR)
def open_poll(edge: Edge, seat: Seat, msg: OpenPoll) -> dict:
    return ok(poll=edge.change_in(seat, polls.open_poll, msg.id, msg.proposal, msg.topic_id, msg.cluster_id,
                                  msg.quorum, msg.anonymous))


@area.on("poll:reword", Reword, who=FACILITATOR)
def reword(edge: Edge, seat: Seat, msg: Reword) -> dict:
    return ok(poll=edge.change_in(seat, polls.reword, msg.poll_id, msg.proposal))


@area.on("poll:answer", Answer, who=PARTICIPANT)
def answer(edge: Edge, seat: Seat, msg: Answer) -> dict:
    return ok(answer=edge.change_by(seat, polls.answer, msg.round_id, msg.level, msg.reason))


@area.on("poll:close", CloseRound, who=FACILITATOR)
def close_round(edge: Edge, seat: Seat, msg: CloseRound) -> dict:
    return ok(poll=edge.change_in(seat, polls.close, msg.round_id, edge.connected(seat)))
