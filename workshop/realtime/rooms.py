"""Socket.IO room names, and which rooms hear an event of a given audience."""
from __future__ import annotations

from ..domain import audiences


def workshop_room(workshop_id: str) -> str:
    return f"w:{workshop_id}"


def workshop_of_room(room: str) -> str | None:
    """The workshop id of a workshop's room (None for any other room)."""
    return room[2:] if room.startswith("w:") else None


def facilitators_room(workshop_id: str) -> str:
    return f"f:{workshop_id}"


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
