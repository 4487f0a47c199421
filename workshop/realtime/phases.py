"""The facilitator drives the workshop: phase and settings."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..store import workshops
from .edge import FACILITATOR, Edge, ok
from .presence import Seat


@dataclass
class SetPhase:
    phase: str = field(metadata={"max": 20})


@dataclass
class ChangeSettings:
    settings: dict


def register(edge: Edge) -> None:
    @edge.on("phase:set", SetPhase, who=FACILITATOR)
    def set_phase(seat: Seat, msg: SetPhase) -> dict:
        return ok(phase=edge.change(lambda tx: workshops.set_phase(tx, edge.workshop(tx, seat), msg.phase)))

    @edge.on("settings:change", ChangeSettings, who=FACILITATOR)
    def change_settings(seat: Seat, msg: ChangeSettings) -> dict:
        settings = edge.change(lambda tx: workshops.change_settings(tx, edge.workshop(tx, seat), msg.settings))
        return ok(settings=settings.__dict__)
