"""Who is asking: a participant of a workshop (in a group) or its facilitator."""
from __future__ import annotations

from dataclasses import dataclass

from . import audiences


@dataclass(frozen=True, slots=True)
class Viewer:
    workshop_id: str
    participant_id: str | None = None
    group_id: str | None = None
    facilitator: bool = False

    @property
    def audiences(self) -> frozenset[str]:
        """The event audiences this viewer receives (see domain.audiences)."""
        if self.facilitator:
            return frozenset({audiences.ALL, audiences.FACILITATORS})
        mine = {audiences.ALL}
        if self.participant_id:
            mine.update({audiences.participant(self.participant_id), audiences.author(self.participant_id)})
        if self.group_id:
            mine.add(audiences.group(self.group_id))
        return frozenset(mine)

    def receives(self, audience: str) -> bool:
        if self.facilitator and audiences.split(audience)[0] in audiences.WATCHED_BY_FACILITATORS:
            return True
        return audience in self.audiences
