"""The Socket.IO transport: thin handlers that authenticate, validate, call the
store, emit to rooms and acknowledge. One module per area of the workshop, each
declaring its handlers on an ``Area`` that ``register`` binds to the app's edge."""
from __future__ import annotations

from . import (
    agenda,
    attendance,
    cards,
    clusters,
    discuss,
    feedback,
    groups,
    join,
    moderation,
    okrs,
    phases,
    pillars,
    polls,
    statements,
    step_elmo,
    templates,
    votes,
    watch,
)
from .edge import Edge

AREAS = (join, cards, groups, moderation, phases, agenda, templates, clusters, votes, discuss, polls, feedback, watch,
         pillars, okrs, statements, attendance, step_elmo)


def register(edge: Edge) -> None:
    for module in AREAS:
        edge.bind(module.area)
