"""The facilitator composes and runs the agenda: its steps, their order, times and settings."""
from __future__ import annotations

from ..domain.agenda import new_step
from ..shapes import bounded, client_id, shape
from ..store import agenda
from ..store.workshops import Workshop
from .area import FACILITATOR, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class AddStep:
    id: str = client_id()
    kind: str = bounded(40)
    position: int | None = None
    title: str | None = bounded(200, default=None)
    planned_minutes: int | None = None
    settings: dict | None = None
    works_on: str | None = client_id(default=None)


@shape
class RemoveStep:
    step_id: str = client_id()
    confirm: bool = False


@shape
class MoveStep:
    step_id: str = client_id()
    position: int


@shape
class RenameStep:
    step_id: str = client_id()
    title: str = bounded(200)


@shape
class PlanStep:
    step_id: str = client_id()
    planned_minutes: int


@shape
class StepSettings:
    step_id: str = client_id()
    settings: dict


@shape
class WorksOn:
    step_id: str = client_id()
    works_on: str = client_id()


@shape
class GoTo:
    step_id: str = client_id()


def _editing(edge: Edge, seat: Seat, change) -> dict:
    return ok(agenda=edge.change_in(seat, agenda.edit, change))


@area.on("agenda:add", AddStep, who=FACILITATOR)
def add_step(edge: Edge, seat: Seat, msg: AddStep) -> dict:
    step = new_step(msg.kind, msg.id, title=msg.title, minutes=msg.planned_minutes, settings=msg.settings,
                    works_on=msg.works_on)
    return _editing(edge, seat, lambda a: a.add_once(step, msg.position))


@area.on("agenda:remove", RemoveStep, who=FACILITATOR)
def remove_step(edge: Edge, seat: Seat, msg: RemoveStep) -> dict:
    return _editing(edge, seat, lambda a: a.remove(msg.step_id, confirm=msg.confirm))


@area.on("agenda:move", MoveStep, who=FACILITATOR)
def move_step(edge: Edge, seat: Seat, msg: MoveStep) -> dict:
    return _editing(edge, seat, lambda a: a.move(msg.step_id, msg.position))


@area.on("agenda:rename", RenameStep, who=FACILITATOR)
def rename_step(edge: Edge, seat: Seat, msg: RenameStep) -> dict:
    return _editing(edge, seat, lambda a: a.rename(msg.step_id, msg.title))


@area.on("agenda:plan", PlanStep, who=FACILITATOR)
def plan_step(edge: Edge, seat: Seat, msg: PlanStep) -> dict:
    return _editing(edge, seat, lambda a: a.set_planned_minutes(msg.step_id, msg.planned_minutes))


@area.on("agenda:settings", StepSettings, who=FACILITATOR)
def change_step_settings(edge: Edge, seat: Seat, msg: StepSettings) -> dict:
    return _editing(edge, seat, lambda a: a.change_settings(msg.step_id, msg.settings))


@area.on("agenda:works_on", WorksOn, who=FACILITATOR)
def set_works_on(edge: Edge, seat: Seat, msg: WorksOn) -> dict:
    return _editing(edge, seat, lambda a: a.set_works_on(msg.step_id, msg.works_on))


@area.on("agenda:timeline", who=FACILITATOR)
def agenda_timeline(edge: Edge, seat: Seat, _msg: None) -> dict:
    return ok(timeline=edge.read_in(seat, agenda.timeline_now))


@area.on("agenda:go", GoTo, who=FACILITATOR)
def go_to_step(edge: Edge, seat: Seat, msg: GoTo) -> dict:
    def go(tx, workshop: Workshop) -> tuple[dict, str]:
        public = agenda.go_to(tx, workshop, msg.step_id, connected)
        return public, agenda.phase_now(tx, workshop.id)
    connected = edge.connected(seat)
    public, phase = edge.change_in(seat, go)
    return ok(agenda=public, phase=phase)

