"""Cluster: cards gathered under names, by the whole room or by each group at once."""
from __future__ import annotations

from dataclasses import dataclass

from ._base import (
    GROUPS,
    ROOM,
    SCOPES,
    BadReference,
    Source,
    StepKind,
    StepSettings,
    choice,
    flag,
    register,
)


@dataclass(frozen=True)
class ClusterSettings(StepSettings):
    scope: str = choice(ROOM, SCOPES, "scope", "the whole room clusters together, or each group its own cards",
                        locked_with_data=True)
    participants_cluster: bool = flag(False, "participants cluster",
                                      "participants cluster too, not only the facilitator")


@register
class Cluster(StepKind):
    key = "cluster"
    title = "Cluster"
    purpose = "Similar cards are gathered under a name."
    default_minutes = 10
    settings_type = ClusterSettings
    may_work_on = frozenset({"collect", "vote"})

    def sources(self, settings: ClusterSettings) -> frozenset[str]:
        # A whole-room cluster may gather the groups' top items of a vote in groups.
        return self.may_work_on if settings.scope == ROOM else frozenset({"collect"})

    def needs_source(self, settings: ClusterSettings) -> bool:
        return True

    def check_source(self, settings: ClusterSettings, source: Source) -> None:
        super().check_source(settings, source)
        if source.kind == "vote" and getattr(source.settings, "scope", ROOM) != GROUPS:
            raise BadReference("a whole-room cluster works on a vote in groups (its groups' top items), "
                               "not on a whole-room vote")

    def _as(self, settings: ClusterSettings) -> str:
        return "in groups " if settings.scope == GROUPS else ""

    def participants_may(self, settings: ClusterSettings) -> frozenset[str]:
        # In groups, each group clusters its own cards: that is the point of the step.
        clustering = settings.participants_cluster or settings.scope == GROUPS
        return frozenset({"cluster_cards"}) if clustering else frozenset()

    def facilitator_may(self, settings: ClusterSettings) -> frozenset[str]:
        return frozenset({"cluster_cards"})

    def group_only(self, settings: ClusterSettings) -> bool:
        return settings.scope == GROUPS

    def in_groups(self, settings: ClusterSettings) -> bool:
        return settings.scope == GROUPS
