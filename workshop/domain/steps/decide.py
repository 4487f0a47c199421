"""Decide: 80%-agree polls on proposals, commit or rework."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import InvalidInput
from ..polls import AGREE, DEFAULT_QUORUM
from ._base import StepKind, StepSettings, elmo_percent, flag, number, register


@dataclass(frozen=True)
class DecideSettings(StepSettings):
    threshold: int = number(AGREE, 50, 100, "threshold", "the agreement everyone needs for a commit", unit="percent")
    quorum_percent: int = number(round(DEFAULT_QUORUM * 100), 0, 100, "quorum",
                                 "the share of those present who must answer", unit="percent")
    anonymous: bool = flag(True, "anonymous", "answers are anonymous on the room screen")
    elmo_percent: int = elmo_percent()

    def check(self) -> None:
        if self.threshold % 10:
            raise InvalidInput("agreement is answered in steps of 10, so the threshold is 50, 60, … or 100")


@register
class Decide(StepKind):
    key = "decide"
    title = "Decide"
    purpose = "Proposals are put to an 80%-agree poll: all at the threshold commit, else rework."
    default_minutes = 15
    settings_type = DecideSettings
    may_work_on = frozenset({"discuss"})  # optional: polls on that step's topics

    def participants_may(self, settings: DecideSettings) -> frozenset[str]:
        return frozenset({"answer_poll", "throw_elmo"})

    def facilitator_may(self, settings: DecideSettings) -> frozenset[str]:
        return frozenset({"run_polls"})
