"""Collect: participants write cards into the columns of a card template."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import DomainError
from ..workshop import DEFAULT_TEMPLATE
from ._base import StepKind, StepSettings, flag, key, number, register


class CardLimit(DomainError):
    code = "card_limit"


@dataclass(frozen=True)
class CollectSettings(StepSettings):
    # The template's columns shape the cards, so it is fixed once cards exist.
    card_template: str = key(DEFAULT_TEMPLATE, "card template", locked_with_data=True)
    blind_writing: bool = flag(True, "blind writing",
                               "each card is read by its author only, until the facilitator reveals them")
    cards_per_person: int | None = number(None, 1, 200, "cards per person", optional=True)
    # Leadership consolidation: the step starts with statements carried in from
    # earlier workshops rather than (or as well as) cards people write.
    carried_statements: bool = flag(False, "carried statements",
                                     "start from statements carried in from earlier workshops")


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

    def blind(self, settings: CollectSettings) -> bool:
        return settings.blind_writing


def check_card_limit(settings: CollectSettings, written: int) -> None:
    """May someone who has ``written`` cards in this step write one more?"""
    limit = settings.cards_per_person
    if limit is not None and written >= limit:
        raise CardLimit(f"you have written all {limit} of your cards in this step; edit one to change it")
