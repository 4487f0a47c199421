"""Everything one viewer may see now, in one consistent read.

A client gets this on joining, on reconnecting, and whenever it has missed an
event that changed what it may see. Each area of the workshop contributes its
part through ``SECTIONS``.
"""
from __future__ import annotations

from typing import Callable

from ..domain.viewer import Viewer
from ..json_text import JSONText
from . import (
    agenda,
    attendance,
    cards,
    clusters,
    discussion,
    feedback,
    okrs,
    origins,
    people,
    pillars,
    room_cards,
    statements,
    step_elmos,
    topic_plan,
    votes,
)
from .events import Tx
from .workshops import Workshop, load

Section = Callable[[Tx, Workshop, Viewer], dict]

# Each area's part, applied in this order: a part may replace an earlier key. From
# the cluster phase on, the clusters part gives a participant every card of the
# workshop; otherwise the cards are the viewer's own and their group's.
SECTIONS: list[Section] = [agenda.section, clusters.section, votes.section, discussion.section, topic_plan.section,
                           feedback.section, origins.section, pillars.section, okrs.section,
                           statements.section, attendance.section, step_elmos.section]


def _people(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    if viewer.facilitator:
        return {"participants": people.participants(tx, workshop.id), "groups": people.groups(tx, workshop.id)}
    me = people.participant(tx, workshop.id, viewer.participant_id)
    grp = people.group(tx, workshop.id, me["group_id"]) if me["group_id"] else None
    members = people.members(tx, workshop.id, grp["id"]) if grp else []
    return {"me": me, "group": grp and {**grp, "members": members}}


def seated(tx: Tx, viewer: Viewer) -> dict:
    """A participant's own part of the snapshot: ``me`` and their ``group`` with its members."""
    return _people(tx, load(tx, viewer.workshop_id), viewer)


def snapshot(tx: Tx, viewer: Viewer, shared_by_reference: bool = False) -> dict:
    """``shared_by_reference``: the room's shared cards (from Cluster on) as ``shared_cards``, to be
    fetched over HTTP (``room_cards``), with only the viewer's own cards in ``cards``."""
    workshop = load(tx, viewer.workshop_id)
    state: dict = {"seq": workshop.seq, "workshop": workshop.public(),
                   "role": "facilitator" if viewer.facilitator else "participant"}
    state.update(_people(tx, workshop, viewer))
    for section in SECTIONS:
        state.update(section(tx, workshop, viewer))
    if "cards" not in state:  # from Cluster on the clusters part gave every card: no second read of them
        state["cards"] = cards.visible(tx, workshop, viewer)
    if isinstance(state["cards"], room_cards.SharedCards):
        if shared_by_reference:
            state["cards"], state["shared_cards"] = state["cards"].by_reference()
        else:
            state["cards"] = state["cards"].inline()
    # Here, after every section, so that no part can hand a participant another's id; the
    # cards a participant reads from Cluster on come encoded as they read them (room_cards).
    if not isinstance(state["cards"], JSONText):
        state["cards"] = [cards.seen_by(card, viewer) for card in state["cards"]]
    return state
