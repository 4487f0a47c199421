"""Objectives and key results: drafted by the room or pillar teams, reviewed by the facilitator."""
from __future__ import annotations

from ..shapes import bounded, client_id, shape
from ..store import okrs
from .area import FACILITATOR, MEMBER, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class SaveObjective:
    id: str = client_id()
    pillar_id: str = client_id()
    text: str = bounded(2000)
    horizon: str = bounded(20)
    key_results: list[dict]


@shape
class ObjectiveRef:
    objective_id: str = client_id()


@shape
class SendBack:
    objective_id: str = client_id()
    note: str | None = bounded(4000, default=None)


@shape
class AssignTeam:
    group_id: str = client_id()
    pillar_id: str = client_id()


@area.on("okr:save", SaveObjective, who=MEMBER)
def save_objective(edge: Edge, seat: Seat, msg: SaveObjective) -> dict:
    return ok(objective=edge.change_by(seat, okrs.save, msg.id, msg.pillar_id, msg.text, msg.horizon,
                                       msg.key_results))


@area.on("okr:present", ObjectiveRef, who=MEMBER)
def present_objective(edge: Edge, seat: Seat, msg: ObjectiveRef) -> dict:
    return ok(objective=edge.change_by(seat, okrs.present, msg.objective_id))


@area.on("okr:accept", ObjectiveRef, who=FACILITATOR)
def accept_objective(edge: Edge, seat: Seat, msg: ObjectiveRef) -> dict:
    return ok(objective=edge.change_in(seat, okrs.review, msg.objective_id, True))


@area.on("okr:send_back", SendBack, who=FACILITATOR)
def send_back_objective(edge: Edge, seat: Seat, msg: SendBack) -> dict:
    return ok(objective=edge.change_in(seat, okrs.review, msg.objective_id, False, msg.note))


@area.on("okr:assign", AssignTeam, who=FACILITATOR)
def assign_team(edge: Edge, seat: Seat, msg: AssignTeam) -> dict:
    return ok(teams=edge.change_in(seat, okrs.assign, msg.group_id, msg.pillar_id))
