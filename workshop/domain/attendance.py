"""Who counts as present: the people behind a poll's quorum and the Elmo threshold.

An open socket is not a person. One laptop opened 25 of them, never did
anything, and turned an all-100 % poll into "not yet" (issue 13, item 6). So a
participant counts as present in a step when they are connected now **and**,
since the step started, have either acted in it (any change of theirs: a card,
a dot, a cluster, a note, a poll answer, an Elmo, feedback…) or pressed
"I'm here". Joining or reconnecting is neither: a puppet does both.

Why the current step, and not "ever acted": a step is where the room's
attention is, and a puppet that wrote one card an hour ago must not count in
the vote now. Why a quiet person is not left out: confirming is one tap on a
button every participant sees when a step starts (and again when the
facilitator asks for a presence check), the confirmation holds for the whole
step through reloads and reconnects, and the facilitator sees
"present n of connected m" to know when to ask.
"""
from __future__ import annotations

from typing import Iterable

# How a participant came to count: an explicit "I'm here", or any change they made.
CONFIRMED, ACTED = "confirmed", "acted"
LOBBY = ""  # the step key before any step runs


def step_key(running_step_id: str | None) -> str:
    """What presence is kept per: the running step, or the lobby before the first."""
    return running_step_id or LOBBY


def present(connected: Iterable[str], here: Iterable[str]) -> int:
    """People present: connected now and here (acted or confirmed) in the running step."""
    return len(set(connected) & set(here))
