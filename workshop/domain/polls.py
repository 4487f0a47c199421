"""80% agree, 100% commit.

A proposal is put to the room; each participant answers with an agreement
level from 0 to 100 in steps of 10 and, below 80, a reason. On close the round
commits when everyone who answered is at 80 or more and enough of those present
answered (the quorum); otherwise it is "not yet", with the sticking points.
A proposal can be reworded and asked again: every round is kept.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from . import text
from .errors import Conflict, DomainError, InvalidInput, PollClosed

AGREE = 80
LEVELS = tuple(range(0, 101, 10))
PROPOSAL_MAX = 1000
REASON_MAX = 500
DEFAULT_QUORUM = 0.5
COMMIT, NOT_YET = "commit", "not_yet"
RESULT_WORDS = {COMMIT: "commit", NOT_YET: "not yet"}  # a round's result as a report reads it


class ReasonRequired(DomainError):
    code = "reason_required"


def proposal(value: object) -> str:
    return text.clean(value, field="proposal", min_len=1, max_len=PROPOSAL_MAX)


def quorum(value: object) -> float:
    """The share (0 to 1) of the people present who must answer for a commit."""
    if value is None:
        return DEFAULT_QUORUM
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise InvalidInput("quorum must be a share between 0 and 1 (0.5 is half of those present)")
    return float(value)


@dataclass(frozen=True)
class Answer:
    participant_id: str
    level: int
    reason: str


def answer(participant_id: str, level: object, reason: object = None, *, is_open: bool = True) -> Answer:
    if not is_open:
        raise PollClosed("this poll round is closed")
    if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
        raise InvalidInput("level must be 0, 10, 20, … or 100")
    why = text.clean(reason if reason is not None else "", field="reason", max_len=REASON_MAX)
    if level < AGREE and not why:
        raise ReasonRequired(f"below {AGREE}% a short reason is required: what would bring you to {AGREE}%?")
    return Answer(participant_id, level, why)


def anonymity(value: object) -> bool:
    """Whether the sticking points are shown without names (the default)."""
    if not isinstance(value, bool):
        raise InvalidInput("anonymous must be true or false")
    return value


def require_no_open_round(open_round_id: str | None) -> None:
    if open_round_id is not None:
        raise Conflict("close the open poll before asking another question")


@dataclass(frozen=True)
class LastRound:
    """The latest round of a poll, as rewording sees it."""
    proposal: str
    is_open: bool
    result: str | None


def reword(last: LastRound, value: object, open_round_id: str | None) -> str | None:
    """The words of a new round asking again, or None when the open last round
    already asks exactly this (a retry: nothing to do). A committed proposal is
    decided and is not asked again, and one round is open at a time."""
    words = proposal(value)
    if last.is_open and last.proposal == words:
        return None
    if last.result == COMMIT:
        raise Conflict("the room already committed to this proposal")
    require_no_open_round(open_round_id)
    return words


@dataclass(frozen=True)
class Outcome:
    result: str
    answered: int
    present: int
    needed: int                  # answers the quorum asks for
    distribution: dict[int, int]  # level -> how many
    sticking: list[Answer]       # the answers below 80, lowest first

    @property
    def quorum_reached(self) -> bool:
        return self.answered >= self.needed


def needed(present: int, share: float) -> int:
    """Answers needed: the share of those present, rounded up, and at least one."""
    return max(1, math.ceil(round(share * present, 9)))


def close(answers: Iterable[Answer], present: int, share: float = DEFAULT_QUORUM) -> Outcome:
    """The commit rule. Nobody answering, a missed quorum or anyone below 80 is "not yet"."""
    given = list(answers)
    need = needed(present, share)
    sticking = sorted((a for a in given if a.level < AGREE), key=lambda a: a.level)
    result = COMMIT if given and len(given) >= need and not sticking else NOT_YET
    counts = Counter(a.level for a in given)
    return Outcome(result, len(given), present, need, {level: counts.get(level, 0) for level in LEVELS}, sticking)


def decisions(polls: list[dict]) -> list[dict]:
    """The workshop's decisions: every committed round of these polls (as the store
    publishes them), in the polls' order."""
    out = []
    for poll in polls:
        for rnd in poll["rounds"]:
            if rnd["result"] == COMMIT:
                out.append({"poll_id": poll["id"], "round_id": rnd["id"], "proposal": rnd["proposal"],
                            "topic_id": poll["topic_id"], "cluster_id": poll["cluster_id"], "round": rnd["number"],
                            "decided_at": rnd["closed_at"], "answered": rnd["answered"],
                            "distribution": rnd["distribution"]})
    return out
