"""The room's shared cards for one participant over HTTP (``room_cards``): who may read them, and when."""
from __future__ import annotations

from ..domain import boards
from ..domain.errors import WrongPhase
from . import agenda, people, room_cards
from .events import Tx
from .workshops import load


def shared_with(tx: Tx, workshop_id: str, participant_id: str) -> room_cards.Encoded:
    """Every card as a participant who did not write it reads it, when the running step shows them all."""
    workshop = load(tx, workshop_id)
    people.participant(tx, workshop.id, participant_id)  # a removed participant reads nothing more
    if not boards.shows_every_card(agenda.load(tx, workshop.id).current):
        raise WrongPhase("participants read every card from the first step the room works on together")
    return room_cards.encoded(tx, workshop)
