"""The time plan: the agenda as a timeline, and each discuss topic's share of the time left.

Times are server epoch seconds, as the time-box keeps them. Everything here is
a pure function of the agenda (or the open topics) and ``now``: nothing ticks,
and a screen asks again whenever something changes.

**Timeline.** The plan starts when the first step started (or at ``starts_at``,
or now, before anything ran; a migrated workshop's steps that ran before times
were kept are taken to have run as planned); each step's planned start follows from the
planned minutes of the steps before it. The expected times replace the plan
with what happened: a step that ran keeps its actual start and end, the running
step is expected to last its planned minutes (or until now, once over), and
every step not yet run follows, in agenda order, from the later of that and now
(a skipped step is still expected: the facilitator may come back to it). An
open-ended step (a summary: the workshop's end) is not timed: it has no actual
minutes and, running, is expected to take its planned minutes and no more.
``behind_minutes`` is the expected end minus the planned end: positive behind,
negative ahead.

**Topic plan** (proposed for Parabol in its issue 5122). The time left in the
discuss step is shared among the open topics in discussion order:

1. a topic with hand-set minutes (``fixed_seconds``) gets exactly those;
2. a topic without dots gets the minimum useful time, if the others have dots
   (it is on the list because the facilitator put it there);
3. the rest is shared among the topics with dots in proportion to their dots
   (equally, when no topic has any), in **30-second units**, by largest
   remainder (ties: more dots, then earlier in the list). Whole minutes were
   too coarse: ten topics in twenty minutes would all get the same two
   minutes whatever their dots; seconds are false precision for a spoken topic.

The **cut line** sits under the longest run of topics, from the top, that all
get at least the minimum useful time and whose hand-set times fit; the topics
below it will not be reached and get nothing. A topic under discussion passes
``spent_seconds``: the plan then shares the time left plus what it has used,
so while it runs the other topics' times stand still; once it overruns its
share it keeps what it has used and the others share what is left, which may
move the cut line up. A topic that closes early simply leaves the list, and
the time it did not use goes to the others.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from fractions import Fraction

from .agenda import RUNNING, Agenda, Step
from .errors import InvalidInput
from .timebox import LONGEST

UNIT = 30  # seconds: the grain of a topic's time
MAX_TOPICS = 200
MINUTE = 60


# -- the agenda timeline -------------------------------------------------------------------------

@dataclass(frozen=True)
class StepTime:
    step_id: str
    title: str
    state: str
    planned_minutes: int
    planned_start: float
    planned_end: float
    expected_start: float
    expected_end: float
    actual_minutes: float | None  # for a step that ran: end (or now) minus start

    @property
    def behind_minutes(self) -> float:
        return (self.expected_end - self.planned_end) / MINUTE


@dataclass(frozen=True)
class Timeline:
    steps: tuple[StepTime, ...]
    starts_at: float
    planned_end: float
    expected_end: float

    @property
    def behind_minutes(self) -> int:
        """Whole minutes behind the plan (negative: ahead)."""
        return round((self.expected_end - self.planned_end) / MINUTE)

    def public(self) -> dict[str, object]:
        return {"steps": [asdict(s) for s in self.steps], "starts_at": self.starts_at,
                "planned_end": self.planned_end, "expected_end": self.expected_end,
                "behind_minutes": self.behind_minutes}


def timeline(agenda: Agenda, now: float, starts_at: float | None = None) -> Timeline:
    anchor = _anchor(agenda, now if starts_at is None else starts_at)
    planned: dict[str, tuple[float, float]] = {}
    at = anchor
    for step in agenda.steps:
        planned[step.id] = (at, at + step.planned_minutes * MINUTE)
        at += step.planned_minutes * MINUTE
    expected, cursor = _expected_of_ran(agenda, anchor, now)
    cursor = max(cursor, now)
    for step in agenda.steps:
        if not step.has_run:
            expected[step.id] = (cursor, cursor + step.planned_minutes * MINUTE)
            cursor += step.planned_minutes * MINUTE
    rows = tuple(StepTime(s.id, s.title, s.state, s.planned_minutes, *planned[s.id], *expected[s.id],
                          actual_minutes(s, now)) for s in agenda.steps)
    expected_end = max((r.expected_end for r in rows), default=anchor)
    return Timeline(rows, anchor, at, expected_end)


def _anchor(agenda: Agenda, default: float) -> float:
    """When the plan started: the first start recorded, less the planned minutes
    of steps before it that ran without times (a workshop migrated from phases)."""
    started = [(s.started_at, i) for i, s in enumerate(agenda.steps) if s.started_at is not None]
    if not started:
        return default
    first_start, position = min(started)
    timeless = sum(s.planned_minutes for s in agenda.steps[:position] if s.has_run and s.started_at is None)
    return first_start - timeless * MINUTE


def _expected_of_ran(agenda: Agenda, anchor: float, now: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Steps that ran, in agenda order, at their actual times; a step migrated
    from before agendas has none and keeps its planned place."""
    expected: dict[str, tuple[float, float]] = {}
    cursor = anchor
    for step in agenda.steps:
        if not step.has_run:
            continue
        start = step.started_at if step.started_at is not None else cursor
        if step.state == RUNNING:
            end = start + step.planned_minutes * MINUTE
            end = end if step.step_kind.open_ended else max(end, now)
        else:
            end = step.ended_at if step.ended_at is not None else start + step.planned_minutes * MINUTE
        expected[step.id] = (start, end)
        cursor = max(cursor, end)
    return expected, cursor


def actual_minutes(step: Step, now: float) -> float | None:
    """Minutes the step ran: to its end once done, to now while it runs; none
    for a step not run (or one migrated from phases, whose times were never kept),
    and none for an open-ended step (a summary), which is not timed."""
    if step.started_at is None or not step.has_run or step.step_kind.open_ended:
        return None
    end = now if step.state == RUNNING else step.ended_at
    return None if end is None else round(max(0.0, end - step.started_at) / MINUTE, 1)


def seconds_left_in(step: Step, now: float) -> int:
    """What a discuss step has left of its planned minutes: all of them before it
    starts, none once it is done or over."""
    total = step.planned_minutes * MINUTE
    if not step.has_run:
        return total
    if step.state != RUNNING or step.started_at is None:
        return 0
    return max(0, int(step.started_at + total - now))


# -- the topic plan of a discuss step -----------------------------------------------------------------

@dataclass(frozen=True)
class TopicDemand:
    id: str
    dots: int
    fixed_seconds: int | None = None  # set by hand
    spent_seconds: int = 0            # the topic under discussion: time used so far


@dataclass(frozen=True)
class TopicSlot:
    id: str
    dots: int
    seconds: int       # the topic's whole time in the plan; 0 below the cut line
    remaining: int     # of which not yet used
    fixed: bool
    reached: bool
    starts_in: int     # seconds from now until it starts, in discussion order (0 below the cut line)


@dataclass(frozen=True)
class TopicPlan:
    slots: tuple[TopicSlot, ...]
    seconds_left: int
    cut: int           # how many topics are above the cut line
    unallotted: int    # seconds of the time left no topic gets

    def public(self) -> dict[str, object]:
        return {"slots": [asdict(s) for s in self.slots], "seconds_left": self.seconds_left,
                "cut": self.cut, "unallotted": self.unallotted}


def plan_topics(seconds_left: float, topics: Sequence[TopicDemand], *, minimum_seconds: int = 2 * MINUTE) -> TopicPlan:
    """Share ``seconds_left`` among the open ``topics`` (in discussion order)."""
    left = _seconds_left(seconds_left)
    wanted = _checked(topics, minimum_seconds)
    budget = left + sum(t.spent_seconds for t in wanted)
    allotted = _allot(budget, wanted, minimum_seconds)
    # A topic under discussion that has overrun its share (or has no share left)
    # keeps what it used; the others share the rest.
    overrun = [t for t, s in zip(wanted, allotted) if t.spent_seconds and (s is None or t.spent_seconds > s)]
    if overrun:
        pinned = [replace(t, fixed_seconds=t.spent_seconds) if t in overrun else t for t in wanted]
        allotted = _allot(budget, pinned, minimum_seconds)
    return _plan(left, budget, wanted, allotted)


def _seconds_left(value: float) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value > LONGEST:
        raise InvalidInput("the time left must be a number of seconds, at most 24 hours")
    return max(0, int(value))  # a step in overtime has no time left, not negative time


def _checked(topics: Sequence[TopicDemand], minimum: int) -> list[TopicDemand]:
    if type(minimum) is not int or minimum < UNIT or minimum % UNIT:
        raise InvalidInput(f"the least useful time is a whole number of {UNIT}-second units")
    if len(topics) > MAX_TOPICS:
        raise InvalidInput(f"a plan has at most {MAX_TOPICS} topics")
    if len({t.id for t in topics}) != len(topics):
        raise InvalidInput("each topic appears once in the plan")
    for t in topics:
        if type(t.dots) is not int or t.dots < 0:
            raise InvalidInput("a topic's dots are a whole number from 0")
        if t.fixed_seconds is not None and (type(t.fixed_seconds) is not int or not 1 <= t.fixed_seconds <= LONGEST):
            raise InvalidInput("a topic's own time must be between 1 second and 24 hours")
        if type(t.spent_seconds) is not int or t.spent_seconds < 0:
            raise InvalidInput("a topic's time spent is a whole number of seconds from 0")
    return list(topics)


def _allot(budget: int, topics: list[TopicDemand], minimum: int) -> list[int | None]:
    """Each topic's seconds, or None below the cut line: the longest prefix that fits."""
    for cut in range(len(topics), 0, -1):
        shares = _shares(budget, topics[:cut], minimum)
        if shares is not None:
            return [*shares, *[None] * (len(topics) - cut)]
    return [None] * len(topics)


def _shares(budget: int, topics: list[TopicDemand], minimum: int) -> list[int] | None:
    """The seconds of every topic in ``topics``, or None when one would get less than the minimum."""
    shared = [t for t in topics if t.fixed_seconds is None]
    weighed = [t for t in shared if t.dots] or shared  # no dots anywhere: equal shares
    floor_only = [t for t in shared if t not in weighed]
    pool = budget - sum(t.fixed_seconds or 0 for t in topics) - minimum * len(floor_only)
    if pool < 0:
        return None
    # Judged on the exact quotas, not on the rounded shares: a spare unit from the
    # rounding could otherwise lift a topic over the minimum at one length of time
    # and not at a longer one (the Alabama paradox), and the cut line would rise
    # as time was added.
    pool_units = pool // UNIT
    weights = _weights(weighed)
    if any(Fraction(pool_units * w, sum(weights)) * UNIT < minimum for w in weights):
        return None
    units = _largest_remainder(pool_units, weighed)
    return [t.fixed_seconds if t.fixed_seconds is not None
            else minimum if t in floor_only else units[t.id] * UNIT for t in topics]


def _weights(topics: list[TopicDemand]) -> list[int]:
    return [t.dots or 1 for t in topics]  # no dots anywhere: equal shares


def _largest_remainder(units: int, topics: list[TopicDemand]) -> dict[str, int]:
    if not topics:
        return {}
    weights = _weights(topics)
    total = sum(weights)
    quotas = [Fraction(units * w, total) for w in weights]
    whole = [int(q) for q in quotas]
    by_remainder = sorted(range(len(topics)), key=lambda i: (-(quotas[i] - whole[i]), -weights[i], i))
    for i in by_remainder[:units - sum(whole)]:
        whole[i] += 1
    return {t.id: w for t, w in zip(topics, whole)}


def _plan(left: int, budget: int, topics: list[TopicDemand], allotted: list[int | None]) -> TopicPlan:
    slots, starts_in = [], 0
    for topic, seconds in zip(topics, allotted):
        reached = seconds is not None
        remaining = max(0, seconds - topic.spent_seconds) if seconds is not None else 0
        slots.append(TopicSlot(topic.id, topic.dots, seconds or 0, remaining, topic.fixed_seconds is not None,
                               reached, starts_in if reached else 0))
        starts_in += remaining
    cut = sum(1 for s in allotted if s is not None)
    return TopicPlan(tuple(slots), left, cut, max(0, budget - sum(s or 0 for s in allotted)))
