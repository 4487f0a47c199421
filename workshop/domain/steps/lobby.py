"""Lobby: people arrive, take a seat in a group and wait for the first step."""
from __future__ import annotations

from ._base import StepKind, register


@register
class Lobby(StepKind):
    key = "lobby"
    title = "Lobby"
    purpose = "People join with the code and find their group."
    default_minutes = 5

    def group_only(self, settings: object) -> bool:
        return True  # nothing is shared with the room before the work starts
