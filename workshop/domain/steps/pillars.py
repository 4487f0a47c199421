"""Pillars: the strategic pillars, their snippets and where they came from."""
from __future__ import annotations

from dataclasses import dataclass

from ._base import StepKind, StepSettings, elmo_percent, register


@dataclass(frozen=True)
class PillarsSettings(StepSettings):
    elmo_percent: int = elmo_percent()


@register
class Pillars(StepKind):
    key = "pillars"
    title = "Pillars"
    purpose = "Three to six strategic pillars, each with snippets that say what it means; a poll commits each."
    default_minutes = 30
    settings_type = PillarsSettings
    # Optional: a cluster step's clusters become pillars in one action; statements are linked.
    may_work_on = frozenset({"cluster", "statements"})

    def participants_may(self, settings: object) -> frozenset[str]:
        return frozenset({"add_snippets", "answer_poll", "throw_elmo"})

    def facilitator_may(self, settings: object) -> frozenset[str]:
        return frozenset({"shape_pillars", "add_snippets", "run_polls"})
