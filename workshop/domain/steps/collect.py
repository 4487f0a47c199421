"""Collect: participants write cards into the columns of a card template."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import DomainError
from ..workshop import DEFAULT_TEMPLATE
from ._base import StepKind, StepSettings, flag, key, number, register


class CardLimit(DomainError):
    code = "card_limit"


# Far more than anyone writes by hand in one column of one step (a busy
# retrospective sees 3 to 10 cards a person), few enough that one person cannot
# fill the room's snapshot.
CARDS_PER_COLUMN = 30
# Every card goes into every participant's snapshot from Cluster on, so the
# workshop's cards bound its snapshot: twice a room of 1,000 writing ten each
# (docs/performance.md gives the snapshot's size and time up to this cap).
CARDS_PER_WORKSHOP = 20_000


@dataclass(frozen=True)
class CollectSettings(StepSettings):
    # The template's columns shape the cards, so it is fixed once cards exist.
    card_template: str = key(DEFAULT_TEMPLATE, "card template", locked_with_data=True)
    blind_writing: bool = flag(True, "blind writing",
                               "each card is read by its author only, until the facilitator reveals them")
    cards_per_person: int | None = number(None, 1, 200, "cards per person", optional=True)
    # A limit unless the facilitator lifts it: one participant with a script (or
    # ten sockets) stored 2,000 cards in 16 s, and every snapshot carries every
    # card from Cluster on. Lifted, the workshop's cap still holds.
    cards_per_column: int | None = number(CARDS_PER_COLUMN, 1, 200, "cards per column",
                                          "the most cards one person may write in each column of this step",
                                          optional=True)
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


def check_card_limit(settings: CollectSettings, written: int, in_column: int = 0, in_workshop: int = 0) -> None:
    """May someone who has ``written`` cards in this step, ``in_column`` of them
    in the column they write into, write one more into a workshop holding ``in_workshop``?"""
    if in_workshop >= CARDS_PER_WORKSHOP:
        raise CardLimit(f"this workshop holds {CARDS_PER_WORKSHOP:,} cards, the most it may; "
                        "edit a card to change what it says")
    limit = settings.cards_per_person
    if limit is not None and written >= limit:
        raise CardLimit(f"you have written all {limit} of your cards in this step; edit one to change it")
    if settings.cards_per_column is not None and in_column >= settings.cards_per_column:
        raise CardLimit(f"you have written {settings.cards_per_column} cards in this column, the most one person "
                        "may; edit or delete one to make room")
