"""Closing feedback: each participant rates the workshop and says what worked."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..store import feedback
from .edge import PARTICIPANT, Edge, ok
from .presence import Seat


@dataclass
class GiveFeedback:
    score: int
    worked: str | None = field(default=None, metadata={"max": 2000})
    did_not_work: str | None = field(default=None, metadata={"max": 2000})


def register(edge: Edge) -> None:
    @edge.on("feedback:give", GiveFeedback, who=PARTICIPANT)
    def give_feedback(seat: Seat, msg: GiveFeedback) -> dict:
        answer = edge.change(lambda tx: feedback.give(
            tx, edge.workshop(tx, seat), edge.person(tx, seat), msg.score, msg.worked, msg.did_not_work))
        return ok(feedback=answer)
