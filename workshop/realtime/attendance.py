"""Being here: a participant's "I'm here", and the facilitator's presence check.

Who counts as present for a quorum or the Elmo threshold is the domain's rule
(domain/attendance.py); acting counts too, through ``Edge.actor``.
"""
from __future__ import annotations

from ..store import Tx, attendance
from .area import FACILITATOR, PARTICIPANT, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@area.on("presence:confirm", who=PARTICIPANT)
def confirm(edge: Edge, seat: Seat, _msg: None) -> dict:
    # Not change_by: that would count the tap as an action before it counts as a confirmation.
    def confirming(tx: Tx) -> dict:
        workshop, person = edge.asker(tx, seat)
        return attendance.confirm(tx, workshop, person or {})
    return ok(**edge.change(confirming))


@area.on("presence:check", who=FACILITATOR)
def check(edge: Edge, seat: Seat, _msg: None) -> dict:
    return ok(check=edge.change_in(seat, attendance.ask))
