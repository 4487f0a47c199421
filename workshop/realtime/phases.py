"""The facilitator drives the workshop: phase (the agenda's step of that kind) and settings."""
from __future__ import annotations

from ..shapes import bounded, shape
from ..store import agenda, workshops
from .area import FACILITATOR, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class SetPhase:
    phase: str = bounded(20)


@shape
class ChangeSettings:
    settings: dict


@area.on("phase:set", SetPhase, who=FACILITATOR)
def set_phase(edge: Edge, seat: Seat, msg: SetPhase) -> dict:
    return ok(phase=edge.change_in(seat, agenda.go_to_phase, msg.phase, edge.connected(seat)))


@area.on("settings:change", ChangeSettings, who=FACILITATOR)
def change_settings(edge: Edge, seat: Seat, msg: ChangeSettings) -> dict:
    settings = edge.change_in(seat, workshops.change_settings, msg.settings)
    return ok(settings=settings.__dict__)
