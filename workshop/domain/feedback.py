"""Closing feedback: how likely a participant would recommend the format, and a line each
on what worked and what did not. Figures: net promoter score and satisfaction."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from . import text
from .errors import InvalidInput, WrongPhase

if TYPE_CHECKING:
    from .agenda import Step

LINE_MAX = 280
PROMOTER, DETRACTOR = 9, 6  # 9–10 promote, 0–6 detract, 7–8 are passive


@dataclass(frozen=True)
class Feedback:
    score: int
    worked: str
    did_not_work: str


def give_feedback(step: Step | None, score: object, worked: object = None, did_not_work: object = None) -> Feedback:
    """Feedback is given in a step that asks for it: a feedback step, or the summary (when it does)."""
    if step is None:
        raise WrongPhase("cannot give feedback before the workshop has started")
    step.require("give_feedback", doing="give feedback")
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise InvalidInput("score must be a whole number from 0 to 10")
    return Feedback(score,
                    text.optional(worked, field="what worked", max_len=LINE_MAX),
                    text.optional(did_not_work, field="what did not work", max_len=LINE_MAX))


def net_promoter_score(scores: Iterable[int]) -> int | None:
    """Promoters (9–10) minus detractors (0–6), in percent of all answers; None without answers."""
    scores = list(scores)
    if not scores:
        return None
    promoters = sum(1 for s in scores if s >= PROMOTER)
    detractors = sum(1 for s in scores if s <= DETRACTOR)
    return round(100 * (promoters - detractors) / len(scores))


def satisfaction(scores: Iterable[int]) -> float | None:
    """The mean score out of 10, to one decimal; None without answers."""
    scores = list(scores)
    return round(sum(scores) / len(scores), 1) if scores else None


def figures(scores: Iterable[int]) -> dict:
    scores = list(scores)
    return {
        "responses": len(scores),
        "promoters": sum(1 for s in scores if s >= PROMOTER),
        "passives": sum(1 for s in scores if DETRACTOR < s < PROMOTER),
        "detractors": sum(1 for s in scores if s <= DETRACTOR),
        "nps": net_promoter_score(scores),
        "satisfaction": satisfaction(scores),
    }
