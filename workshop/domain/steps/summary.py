"""Summary: the whole workshop on one page, step by step."""
from __future__ import annotations

from dataclasses import dataclass

from ._base import StepKind, StepSettings, flag, register


@dataclass(frozen=True)
class SummarySettings(StepSettings):
    # Today's workshops take feedback on the summary screen; an agenda with its
    # own feedback step can switch that off.
    feedback: bool = flag(True, "feedback", "ask for feedback on the summary screen")


@register
class Summary(StepKind):
    key = "summary"
    title = "Summary"
    purpose = "Everyone reads what the workshop found and decided."
    default_minutes = 5
    settings_type = SummarySettings
    open_ended = True

    def participants_may(self, settings: SummarySettings) -> frozenset[str]:
        return frozenset({"read_summary", "give_feedback"} if settings.feedback else {"read_summary"})

    def facilitator_may(self, settings: SummarySettings) -> frozenset[str]:
        return frozenset({"read_summary"})
