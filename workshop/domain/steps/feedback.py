"""Feedback: how likely people would recommend the format, and a line on what worked."""
from __future__ import annotations

from ._base import StepKind, register


@register
class Feedback(StepKind):
    key = "feedback"
    title = "Feedback"
    purpose = "Everyone says how the workshop went (net promoter score and a line each)."
    default_minutes = 5

    def participants_may(self, settings: object) -> frozenset[str]:
        return frozenset({"give_feedback"})
