"""Who is asking: a participant of a workshop (in a group) or its facilitator."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Viewer:
    workshop_id: str
    participant_id: str | None = None
    group_id: str | None = None
    facilitator: bool = False

    @property
    def audiences(self) -> frozenset[str]:
        """The event audiences this viewer receives (see store.events)."""
        if self.facilitator:
            return frozenset({"all", "facilitators"})
        mine = {"all", f"participant:{self.participant_id}"}
        if self.group_id:
            mine.add(f"group:{self.group_id}")
        return frozenset(mine)

    def receives(self, audience: str) -> bool:
        # Facilitators watch every group's board live and read blind cards.
        if self.facilitator and audience.startswith(("group:", "author:")):
            return True
        if audience == f"author:{self.participant_id}":
            return True
        return audience in self.audiences
