"""Vote: dots on the clusters (and loose cards) of an earlier step, by the room or in groups."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..errors import InvalidInput
from ..votes import VoteSettings
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
    number,
    register,
)

DEFAULT_CAP = VoteSettings.max_per_item


@dataclass(frozen=True)
class VoteStepSettings(StepSettings):
    dots_per_person: int = number(VoteSettings.dots_per_participant, 1, 100, "dots per person")
    cap_per_item: int = number(DEFAULT_CAP, 1, 100, "most dots on one item", "from one person")
    own_items: bool = flag(VoteSettings.own_items, "own items", "people may vote on items made only of their own cards")
    scope: str = choice(ROOM, SCOPES, "scope", "the whole room votes together, or each group on its own items",
                        locked_with_data=True)
    top_n: int = number(3, 1, 50, "top items", "how many of the top items flow on to the next step")

    def check(self) -> None:
        if self.cap_per_item > self.dots_per_person:
            raise InvalidInput(f"most dots on one item ({self.cap_per_item}) cannot exceed "
                               f"the dots per person ({self.dots_per_person})")

    @classmethod
    def defaults_for(cls, given: Mapping[str, object]) -> dict[str, object]:
        dots = given.get("dots_per_person")
        # Two dots each and no cap given: the cap follows the dots, as today's votes do.
        return {"cap_per_item": min(DEFAULT_CAP, dots)} if type(dots) is int and dots >= 1 else {}

    def vote_settings(self) -> VoteSettings:
        """The settings of the vote rules in ``workshop.domain.votes``."""
        return VoteSettings(self.dots_per_person, self.cap_per_item, self.own_items)


@register
class Vote(StepKind):
    key = "vote"
    title = "Vote"
    purpose = "Everyone places dots on what matters most; the top items flow on."
    default_minutes = 5
    settings_type = VoteStepSettings
    may_work_on = frozenset({"cluster", "collect"})

    def needs_source(self, settings: VoteStepSettings) -> bool:
        return True

    def check_source(self, settings: VoteStepSettings, source: Source) -> None:
        super().check_source(settings, source)
        if settings.scope == GROUPS and getattr(source.settings, "scope", GROUPS) == ROOM:
            raise BadReference("a vote in groups works on each group's own clusters or cards, "
                               "not on a whole-room cluster")

    def participants_may(self, settings: VoteStepSettings) -> frozenset[str]:
        return frozenset({"place_dots"})

    def facilitator_may(self, settings: VoteStepSettings) -> frozenset[str]:
        return frozenset({"open_vote"})

    def group_only(self, settings: VoteStepSettings) -> bool:
        return settings.scope == GROUPS

    def in_groups(self, settings: VoteStepSettings) -> bool:
        return settings.scope == GROUPS

    def carries_top_items(self, settings: VoteStepSettings) -> bool:
        return settings.scope == GROUPS


def top_items(ranking: Sequence[Mapping[str, object]], top_n: int) -> list[Mapping[str, object]]:
    """The items that flow on from a ranking (``votes.ranking``): the first
    ``top_n`` ranks, with every item tied at the last place kept rather than one
    dropped by ballot order; items without dots never flow on."""
    return [item for item in ranking if item["dots"] and item["rank"] <= top_n]  # type: ignore[operator]


def top_of_groups(rankings: Mapping[str, Sequence[Mapping[str, object]]], top_n: int) -> list[dict[str, object]]:
    """Each group's top items for the next whole-room step, marked with the group they came from."""
    return [{**item, "group_id": group_id} for group_id, ranking in rankings.items()
            for item in top_items(ranking, top_n)]
