"""The Socket.IO transport: thin handlers that authenticate, validate, call the
store, emit to rooms and acknowledge. One module per area of the workshop."""
from __future__ import annotations

from .edge import Edge


def register(edge: Edge) -> None:
    from . import cards, clusters, discuss, feedback, groups, join, phases, polls, votes
    for area in (join, cards, groups, phases, clusters, votes, discuss, polls, feedback):
        area.register(edge)
