"""The Socket.IO transport: thin handlers that authenticate, validate, call the
store, emit to rooms and acknowledge. One module per area of the workshop."""
from __future__ import annotations

from .edge import Edge


def register(edge: Edge) -> None:
    from . import cards, clusters, groups, join, phases, votes
    for area in (join, cards, groups, phases, clusters, votes):
        area.register(edge)
