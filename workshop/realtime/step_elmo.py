"""Elmos on the running step, where it runs no topics (domain/step_elmo.py).

"People present" for the threshold are those connected here and in the running
step, as for a topic's Elmo (realtime/discuss.py).
"""
from __future__ import annotations

from ..shapes import client_id, shape
from ..store import step_elmos
from .area import PARTICIPANT, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class StepRef:
    step_id: str = client_id()


@area.on("step:elmo", StepRef, who=PARTICIPANT)
def throw_step_elmo(edge: Edge, seat: Seat, msg: StepRef) -> dict:
    return ok(elmo=edge.change_by(seat, step_elmos.throw, msg.step_id, edge.connected(seat)))


@area.on("step:elmo_withdraw", StepRef, who=PARTICIPANT)
def withdraw_step_elmo(edge: Edge, seat: Seat, msg: StepRef) -> dict:
    return ok(elmo=edge.change_by(seat, step_elmos.withdraw, msg.step_id, edge.connected(seat)))
