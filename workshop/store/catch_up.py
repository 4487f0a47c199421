"""Catching up: the events a viewer missed, as that viewer may read them now.

The log keeps each event as it happened, text included. A card's events are
replayed with the card as it is now: those of a card deleted since are left
out, and an edited card carries only its current text, so a latecomer never
reads what its author deleted or edited away. Every card is then shown as the
viewer may read it (no other participant's id, see ``domain.cards.as_seen_by``).
"""
from __future__ import annotations

from dataclasses import replace

from ..domain import cards as rules
from ..domain.viewer import Viewer
from . import cards
from .events import Event, Tx, events_since
from .snapshot import seated


def missed(tx: Tx, viewer: Viewer, since: int) -> list[Event] | None:
    """The events this viewer missed after ``since`` (None: take a snapshot instead)."""
    events = events_since(tx, viewer, since)
    if events is None:
        return None
    now = cards.as_now(tx, viewer.workshop_id, {e.data["card"]["id"] for e in events if "card" in e.data})
    replayed = []
    for event in events:
        data = event.data
        if "card" in data:
            if data["card"]["id"] not in now:
                continue  # deleted since: its text is gone for good
            data = {**data, "card": now[data["card"]["id"]]}
        seen = rules.event_as_seen_by(data, facilitator=viewer.facilitator, viewer_id=viewer.participant_id)
        replayed.append(replace(event, data=seen))
    return replayed


def returning(tx: Tx, viewer: Viewer, since: int) -> tuple[dict, list[Event]] | None:
    """A participant back on a new connection: who they are and their group (as a
    snapshot gives them), and what they missed; None: take a snapshot instead.
    A reconnect storm is thousands of these at once: a snapshot each would send
    every card of the workshop to every one of them."""
    events = missed(tx, viewer, since)
    return None if events is None else (seated(tx, viewer), events)
