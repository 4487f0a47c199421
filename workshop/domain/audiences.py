"""Who hears an event: the one definition of the audiences.

The store records each event with its audience, a viewer catching up reads
the events whose audience includes them, and the transport maps an audience to
Socket.IO rooms: all three spell audiences only through this module.

``all`` is everyone in the workshop; ``facilitators`` only them;
``group:<id>`` that group and the facilitators, who watch every board;
``author:<id>`` that participant and the facilitators (a blind card);
``participant:<id>`` that person only.
"""
from __future__ import annotations

ALL = "all"
FACILITATORS = "facilitators"
GROUP = "group"
AUTHOR = "author"
PARTICIPANT = "participant"

# Facilitators hear these kinds without being in them: they watch every board
# live and read blind cards.
WATCHED_BY_FACILITATORS = frozenset({GROUP, AUTHOR})


def group(group_id: str) -> str:
    return f"{GROUP}:{group_id}"


def author(participant_id: str) -> str:
    return f"{AUTHOR}:{participant_id}"


def participant(participant_id: str) -> str:
    return f"{PARTICIPANT}:{participant_id}"


def split(audience: str) -> tuple[str, str]:
    """``("group", "<id>")`` for ``group:<id>``; ``("all", "")`` for ``all``."""
    kind, _, target = audience.partition(":")
    return kind, target
