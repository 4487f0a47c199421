"""Statements: everyone (or every group) writes one, the room marks the words to
keep, and the facilitator combines them into one sentence the room commits to."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ._base import GROUPS, ROOM, SCOPES, StepKind, StepSettings, choice, elmo_percent, register, text

PURPOSE, VISION = "purpose", "vision"
SUBJECTS = (PURPOSE, VISION)
PROMPTS = {
    PURPOSE: "What role do we want to play for our customers, our team and the company?",
    VISION: "Where do we want to be in three years?",
}
PROMPT_MAX = 300


@dataclass(frozen=True)
class StatementsSettings(StepSettings):
    subject: str = choice(VISION, SUBJECTS, "subject", "the committed sentence becomes the workshop's purpose or vision",
                          locked_with_data=True)
    prompt: str = text(PROMPTS[VISION], PROMPT_MAX, "prompt", "the question everyone answers in one statement")
    scope: str = choice(ROOM, SCOPES, "scope", "every participant writes a statement, or every group writes one",
                        locked_with_data=True)
    elmo_percent: int = elmo_percent()

    @classmethod
    def defaults_for(cls, given: Mapping[str, object]) -> dict[str, object]:
        subject = given.get("subject")
        # The prompt follows the subject unless one is given.
        return {"prompt": PROMPTS[subject]} if isinstance(subject, str) and subject in PROMPTS else {}


@register
class Statements(StepKind):
    key = "statements"
    title = "Statements"
    purpose = "Everyone writes a statement; the room marks what to keep; one combined sentence is committed."
    default_minutes = 30
    settings_type = StatementsSettings

    def participants_may(self, settings: StatementsSettings) -> frozenset[str]:
        return frozenset({"write_statements", "mark_statements", "answer_poll", "throw_elmo"})

    def facilitator_may(self, settings: StatementsSettings) -> frozenset[str]:
        return frozenset({"run_statements", "run_polls"})

    def _as(self, settings: StatementsSettings) -> str:
        return "in groups " if settings.scope == GROUPS else ""
