"""Collect: participants write cards into the columns of a card template."""
from __future__ import annotations

from dataclasses import dataclass

from ..workshop import DEFAULT_TEMPLATE
from ._base import StepKind, StepSettings, flag, key, number, register


@dataclass(frozen=True)
class CollectSettings(StepSettings):
    # The template's columns shape the cards, so it is fixed once cards exist.
    card_template: str = key(DEFAULT_TEMPLATE, "card template", locked_with_data=True)
    blind_writing: bool = flag(True, "blind writing (groups read each other's cards only when revealed)")
    cards_per_person: int | None = number(None, 1, 200, "cards per person", optional=True)
    # Leadership consolidation: the step starts with statements carried in from
    # earlier workshops rather than (or as well as) cards people write.
    carried_statements: bool = flag(False, "start from statements carried from earlier workshops")


@register
class Collect(StepKind):
    key = "collect"
    title = "Collect"
    purpose = "Everyone writes cards into the template's columns, in their group."
    default_minutes = 10
    settings_type = CollectSettings

    def participants_may(self, settings: CollectSettings) -> frozenset[str]:
        return frozenset({"write_cards", "edit_cards"})

    def facilitator_may(self, settings: CollectSettings) -> frozenset[str]:
        return frozenset({"reveal_cards"}) if settings.blind_writing else frozenset()

    def group_only(self, settings: CollectSettings) -> bool:
        return True
