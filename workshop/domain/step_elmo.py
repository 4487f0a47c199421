"""An Elmo on the running step ("Enough, let's move on"), for steps with no topics.

In a discussion an Elmo is thrown on the open topic (domain/topics.py). The
steps of the offsite (statements, pillars, OKRs, decide) run no topics, yet the
room needs the same brake there (issue 15: "Elmo and the time-box work in every
one of these steps"). So in a step that grants ``throw_elmo`` and does not run
topics, each participant may throw one Elmo on the step itself and take it
back. The counting is the topic Elmo's; the threshold is the step's own
setting, a share of those present (half unless the facilitator sets another),
so a short step can move on with fewer Elmos and a weighty one ask for more.
"""
from __future__ import annotations

import math

from .agenda import Step
from .errors import WrongPhase
from .steps._base import ELMO_PERCENT_DEFAULT
from .topics import ElmoCount, count_elmos, elmos_thrown

__all__ = ["ElmoCount", "ElmoOnTopic", "NotRunningStep", "count", "elmos_thrown", "has_step_elmo", "require",
           "threshold"]


class NotRunningStep(WrongPhase):
    code = "not_running_step"


class ElmoOnTopic(WrongPhase):
    """The step runs topics: an Elmo there is thrown on the open topic (``elmo:throw``)."""
    code = "elmo_on_topic"


def has_step_elmo(step: Step | None) -> bool:
    """Whether the room throws Elmos on this step itself (it grants them and runs no topics)."""
    return step is not None and step.elmo_on_step


def require(step: Step | None, step_id: str) -> Step:
    """The running step, if it is ``step_id`` and takes Elmos on itself; else a typed refusal."""
    if step is None or step.id != step_id:
        raise NotRunningStep("that step is not the one running now")
    step.require("throw_elmo", doing="throw an Elmo")
    if step.allows("run_topics", facilitator=True):
        raise ElmoOnTopic("in this step an Elmo is thrown on the open topic")
    return step


def threshold(step: Step, present: int) -> int:
    """The Elmos that move the room on: the step's share of the people present
    (its ``elmo_percent`` setting, half by default), rounded up, at least one."""
    percent = getattr(step.settings, "elmo_percent", ELMO_PERCENT_DEFAULT)
    return max(1, math.ceil(present * percent / 100))


def count(step: Step, throwers: list[str], present: int) -> ElmoCount:
    """The standing Elmos, one per person (a retry or a double row never counts twice),
    against the step's threshold of the people present."""
    return count_elmos(len(set(throwers)), present, threshold(step, present))
