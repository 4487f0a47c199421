"""Discuss: topics one at a time, each time-boxed, with Elmos, notes and actions."""
from __future__ import annotations

from dataclasses import dataclass

from ._base import StepKind, StepSettings, choice, flag, number, register

RANKING, CARDS, BY_HAND = "ranking", "cards", "by_hand"
TOPIC_SOURCES = {RANKING: frozenset({"vote"}), CARDS: frozenset({"collect"}), BY_HAND: frozenset()}


@dataclass(frozen=True)
class DiscussSettings(StepSettings):
    topics: str = choice(RANKING, tuple(TOPIC_SOURCES), "topics",
                         "from a vote's ranking, from a collect step's cards, or by hand")
    top_n: int = number(5, 1, 50, "top topics", "how many topics are taken from the ranking or the cards")
    briefing_notes: bool = flag(False, "briefing notes",
                                 "notes take the briefing shape: situation, desired state, obstacles")
    participants_edit_notes: bool = flag(False, "participants edit notes", "participants write notes and actions too")
    min_topic_minutes: int = number(2, 1, 60, "least useful time", "a topic that would get less is not reached",
                                    unit="minutes")


@register
class Discuss(StepKind):
    key = "discuss"
    title = "Discuss"
    purpose = "The top topics are discussed in turn, each with a time-box and Elmo."
    default_minutes = 30
    settings_type = DiscussSettings
    may_work_on = frozenset({"vote", "collect"})

    def sources(self, settings: DiscussSettings) -> frozenset[str]:
        return TOPIC_SOURCES[settings.topics]

    def needs_source(self, settings: DiscussSettings) -> bool:
        return settings.topics != BY_HAND

    def participants_may(self, settings: DiscussSettings) -> frozenset[str]:
        notes = {"edit_notes"} if settings.participants_edit_notes else set()
        return frozenset({"throw_elmo", "answer_poll", *notes})

    def facilitator_may(self, settings: DiscussSettings) -> frozenset[str]:
        return frozenset({"run_topics", "edit_notes", "run_polls"})
