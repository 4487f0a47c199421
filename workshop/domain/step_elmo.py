"""An Elmo on the running step ("Enough, let's move on"), for steps with no topics.

In a discussion an Elmo is thrown on the open topic (domain/topics.py). The
steps of the offsite (statements, pillars, OKRs, decide) run no topics, yet the
room needs the same brake there (issue 15: "Elmo and the time-box work in every
one of these steps"). So in a step that grants ``throw_elmo`` and does not run
topics, each participant may throw one Elmo on the step itself and take it
back; the threshold and the counting are the topic Elmo's, so a step's
"move on?" means what a topic's does.
"""
from __future__ import annotations

from .agenda import Step
from .errors import WrongPhase
from .topics import ElmoCount, count_elmos, elmos_thrown

__all__ = ["ElmoCount", "ElmoOnTopic", "NotRunningStep", "count", "elmos_thrown", "has_step_elmo", "require"]


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


def count(throwers: list[str], present: int) -> ElmoCount:
    """The standing Elmos, one per person (a retry or a double row never counts twice),
    against the threshold of the people present."""
    return count_elmos(len(set(throwers)), present)
