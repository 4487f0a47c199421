"""OKRs: objectives and key results for each pillar, by the room or by pillar teams."""
from __future__ import annotations

from dataclasses import dataclass

from ._base import GROUPS, ROOM, SCOPES, StepKind, StepSettings, choice, elmo_percent, register


@dataclass(frozen=True)
class OkrSettings(StepSettings):
    scope: str = choice(ROOM, SCOPES, "scope", "the whole room drafts together, or each group the OKRs of its pillar",
                        locked_with_data=True)
    elmo_percent: int = elmo_percent()


@register
class Okrs(StepKind):
    key = "okrs"
    title = "OKRs"
    purpose = "Objectives and measurable key results for each pillar, drafted, presented and accepted."
    default_minutes = 45
    settings_type = OkrSettings
    may_work_on = frozenset({"pillars"})

    def needs_source(self, settings: OkrSettings) -> bool:
        return True

    def participants_may(self, settings: OkrSettings) -> frozenset[str]:
        return frozenset({"draft_okrs", "answer_poll", "throw_elmo"})

    def facilitator_may(self, settings: OkrSettings) -> frozenset[str]:
        return frozenset({"draft_okrs", "review_okrs", "run_polls"})


def pillar_teams(settings: StepSettings) -> bool:
    """Whether each group drafts the OKRs of its own pillar, in its own room.
    (Not ``in_groups``: that is the cluster and vote steps' boards.)"""
    return getattr(settings, "scope", ROOM) == GROUPS
