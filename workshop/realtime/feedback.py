"""Closing feedback: each participant rates the workshop and says what worked."""
from __future__ import annotations

from ..shapes import bounded, shape
from ..store import feedback
from .area import PARTICIPANT, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class GiveFeedback:
    score: int
    worked: str | None = bounded(2000, default=None)
    did_not_work: str | None = bounded(2000, default=None)


@area.on("feedback:give", GiveFeedback, who=PARTICIPANT)
def give_feedback(edge: Edge, seat: Seat, msg: GiveFeedback) -> dict:
    return ok(feedback=edge.change_by(seat, feedback.give, msg.score, msg.worked, msg.did_not_work))
