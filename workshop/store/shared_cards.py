"""The room's shared cards for one participant over HTTP (``room_cards``): who may read them, and when."""
from __future__ import annotations

from ..domain import boards
from ..domain.errors import WrongPhase
from . import agenda, people, room_cards
from .events import Tx
from .workshops import load


def shared_with(tx: Tx, workshop_id: str, participant_id: str, gzipped: bool) -> tuple[str, bytes]:
    """Every card as a participant who did not write it reads it, when the running step shows them
    all: the etag and the JSON text (``gzipped``: compressed). Compressed here, in a read, because
    reads run one at a time: the first of a room's requests compresses and the rest find it done."""
    workshop = load(tx, workshop_id)
    people.participant(tx, workshop.id, participant_id)  # a removed participant reads nothing more
    if not boards.shows_every_card(agenda.load(tx, workshop.id).current):
        raise WrongPhase("participants read every card from the first step the room works on together")
    shared = room_cards.encoded(tx, workshop)
    return shared.etag, room_cards.gzipped(shared) if gzipped else shared.body
