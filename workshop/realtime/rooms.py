"""Socket.IO room names, and which rooms hear an event of a given audience."""
from __future__ import annotations

from dataclasses import dataclass

from ..domain import audiences, cards


def workshop_room(workshop_id: str) -> str:
    return f"w:{workshop_id}"


def workshop_of_room(room: str) -> str | None:
    """The workshop id of a workshop's room (None for any other room)."""
    return room[2:] if room.startswith("w:") else None


def facilitators_room(workshop_id: str) -> str:
    return f"f:{workshop_id}"


def watchers_room(workshop_id: str) -> str:
    """The room views of a workshop (realtime/watch.py): they hear only ``room:changed``."""
    return f"r:{workshop_id}"


def group_room(workshop_id: str, group_id: str) -> str:
    return f"g:{workshop_id}:{group_id}"


def participant_room(workshop_id: str, participant_id: str) -> str:
    return f"p:{workshop_id}:{participant_id}"


def rooms_for(workshop_id: str, audience: str) -> list[str]:
    """Rooms that must hear an event (see domain.audiences)."""
    kind, target = audiences.split(audience)
    if kind == audiences.ALL:
        return [workshop_room(workshop_id)]
    if kind == audiences.FACILITATORS:
        return [facilitators_room(workshop_id)]
    if kind == audiences.GROUP:
        return [group_room(workshop_id, target), facilitators_room(workshop_id)]
    if kind == audiences.AUTHOR:
        return [participant_room(workshop_id, target), facilitators_room(workshop_id)]
    if kind == audiences.PARTICIPANT:
        return [participant_room(workshop_id, target)]
    raise ValueError(f"unknown audience {audience!r}")


@dataclass(frozen=True)
class Copy:
    """One copy of an event: the rooms it goes to, what it says, and whose
    sockets in those rooms are skipped (the author's, who has their own copy)."""
    rooms: list[str]
    message: dict
    skip_author: str | None = None


def copies(workshop_id: str, audience: str, message: dict) -> list[Copy]:
    """The rooms that hear an event, each with the copy it may read.

    An event that carries cards goes out in up to three copies: the author's
    own (``mine``), the facilitators' (with the author's id) and everyone
    else's (with neither). The author's sockets sit in their group's room too:
    those on this worker are skipped there, and since the author's copy goes
    first, those on another worker keep it (a client keeps the first copy of
    each ``seq``)."""
    rooms = rooms_for(workshop_id, audience)
    if not cards.carries_cards(message):
        return [Copy(rooms, message)]
    facilitators = facilitators_room(workshop_id)
    author = cards.author_of(message)
    own_room = participant_room(workshop_id, author) if author else None
    sent: list[Copy] = []
    if own_room:
        sent.append(Copy([own_room], cards.event_as_seen_by(message, facilitator=False, viewer_id=author)))
    others = [r for r in rooms if r not in (facilitators, own_room)]
    if others:
        sent.append(Copy(others, cards.event_as_seen_by(message, facilitator=False, viewer_id=None), author))
    if facilitators in rooms:
        sent.append(Copy([facilitators], message))
    return sent
