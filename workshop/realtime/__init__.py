"""The Socket.IO transport: thin handlers that authenticate, validate, call the
store, emit to rooms and acknowledge. One module per area of the workshop."""
from __future__ import annotations

from .edge import Edge


def register(edge: Edge) -> None:
    from . import cards, feedback, groups, join, phases
    for area in (join, cards, groups, phases, feedback):
        area.register(edge)
