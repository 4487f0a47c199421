"""80%-agree polls: the facilitator opens, rewords and closes; participants answer."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..store import polls
from .edge import FACILITATOR, PARTICIPANT, Edge, ok
from .presence import Seat

ID = {"max": 64}


@dataclass
class OpenPoll:
    id: str = field(metadata=ID)
    proposal: str = field(metadata={"max": 4000})
    topic_id: str | None = field(default=None, metadata=ID)
    cluster_id: str | None = field(default=None, metadata=ID)
    quorum: float | None = None
    anonymous: bool = True


@dataclass
class Reword:
    poll_id: str = field(metadata=ID)
    proposal: str = field(metadata={"max": 4000})


@dataclass
class Answer:
    round_id: str = field(metadata=ID)
    level: int
    reason: str | None = field(default=None, metadata={"max": 2000})


@dataclass
class CloseRound:
    round_id: str = field(metadata=ID)


def register(edge: Edge) -> None:
    @edge.on("poll:open", OpenPoll, who=FACILITATOR)
    def open_poll(seat: Seat, msg: OpenPoll) -> dict:
        return ok(poll=edge.change(lambda tx: polls.open_poll(
            tx, edge.workshop(tx, seat), msg.id, msg.proposal, msg.topic_id, msg.cluster_id,
            msg.quorum, msg.anonymous)))

    @edge.on("poll:reword", Reword, who=FACILITATOR)
    def reword(seat: Seat, msg: Reword) -> dict:
        return ok(poll=edge.change(lambda tx: polls.reword(tx, edge.workshop(tx, seat), msg.poll_id, msg.proposal)))

    @edge.on("poll:answer", Answer, who=PARTICIPANT)
    def answer(seat: Seat, msg: Answer) -> dict:
        return ok(answer=edge.change(lambda tx: polls.answer(
            tx, edge.workshop(tx, seat), edge.person(tx, seat), msg.round_id, msg.level, msg.reason)))

    @edge.on("poll:close", CloseRound, who=FACILITATOR)
    def close_round(seat: Seat, msg: CloseRound) -> dict:
        present = edge.presence.present(seat.workshop_id)
        return ok(poll=edge.change(lambda tx: polls.close(tx, edge.workshop(tx, seat), msg.round_id, present)))
