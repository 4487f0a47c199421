"""Objectives and key results, for each strategic pillar.

An objective is a qualitative outcome with a horizon (six months, a year, three
years); under it, two to five key results, each a measurable statement: a
metric with its unit, where it stands (baseline), where it should be (target),
by when, and who owns it. An objective is drafted (by the room, or by the group
that is its pillar's team, in its own room), presented, and then accepted, edited
or sent back with a note by the facilitator.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from . import text
from .errors import Conflict, Forbidden, InvalidInput

if TYPE_CHECKING:
    from .agenda import Step

HORIZONS = {"6m": "6 months", "1y": "1 year", "3y": "3 years"}
KEY_RESULTS_MIN, KEY_RESULTS_MAX = 2, 5
OBJECTIVE_MAX = 300
STATEMENT_MAX = 200
METRIC_MAX = 80
UNIT_MAX = 20
OWNER_MAX = 80
NOTE_MAX = 500
DRAFT, PRESENTED, ACCEPTED, SENT_BACK = "draft", "presented", "accepted", "sent_back"
STATES = (DRAFT, PRESENTED, ACCEPTED, SENT_BACK)


class TargetNotNumber(InvalidInput):
    code = "target_not_number"


class BaselineNotNumber(InvalidInput):
    code = "baseline_not_number"


class BadDueDate(InvalidInput):
    code = "bad_due_date"


class DueDateInPast(InvalidInput):
    code = "due_date_in_past"


class BaselineIsTarget(InvalidInput):
    code = "baseline_is_target"


class BadHorizon(InvalidInput):
    code = "bad_horizon"


class KeyResultCount(InvalidInput):
    code = "key_result_count"


class NotYourPillar(Forbidden):
    code = "not_your_pillar"


class ObjectiveLocked(Conflict):
    code = "objective_locked"


@dataclass(frozen=True)
class KeyResult:
    id: str
    statement: str
    metric: str
    unit: str
    baseline: float
    target: float
    due: str  # ISO date, yyyy-mm-dd
    owner: str


@dataclass(frozen=True)
class Objective:
    text: str
    horizon: str
    key_results: tuple[KeyResult, ...]


def number(value: object, *, field: str, error: type[InvalidInput]) -> float:
    """A figure as people type it: 42, 4.5, "42" or "4,5 " (a decimal comma) all read."""
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise error(f"{field} must be a number, such as 42 or 4.5") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise error(f"{field} must be a number, such as 42 or 4.5")
    return float(value)


def due_date(value: object, today: dt.date) -> str:
    if not isinstance(value, str):
        raise BadDueDate("the due date must be a date such as 2027-06-30")
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadDueDate("the due date must be a date such as 2027-06-30") from None
    if day <= today:
        raise DueDateInPast(f"the due date must be in the future (after {today.isoformat()})")
    return day.isoformat()


def horizon(value: object) -> str:
    if value not in HORIZONS:
        raise BadHorizon(f"the horizon is one of {', '.join(HORIZONS.values())} ({', '.join(HORIZONS)})")
    return str(value)


T = TypeVar("T")


def _at(field: str, check: Callable[[], T]) -> T:
    """Name the field an error is about, so a form shows the error next to it."""
    try:
        return check()
    except InvalidInput as exc:
        exc.field = f"{field}.{exc.field}" if exc.field else field
        raise


def key_result(data: object, today: dt.date, *, id: str) -> KeyResult:
    if not isinstance(data, Mapping):
        raise InvalidInput("a key result must be an object")
    baseline = _at("baseline", lambda: number(data.get("baseline"), field="the baseline", error=BaselineNotNumber))
    target = _at("target", lambda: number(data.get("target"), field="the target", error=TargetNotNumber))
    if baseline == target:
        raise BaselineIsTarget("the target must differ from the baseline: a key result measures a change",
                               field="target")
    return KeyResult(
        id=id,
        statement=_at("statement", lambda: text.clean(data.get("statement"), field="key result", min_len=1,
                                                      max_len=STATEMENT_MAX, multiline=False)),
        metric=_at("metric", lambda: text.clean(data.get("metric"), field="metric name", min_len=1,
                                                max_len=METRIC_MAX, multiline=False)),
        unit=_at("unit", lambda: text.optional(data.get("unit"), field="unit", max_len=UNIT_MAX)),
        baseline=baseline, target=target, due=_at("due", lambda: due_date(data.get("due"), today)),
        owner=_at("owner", lambda: text.clean(data.get("owner"), field="owner", min_len=1, max_len=OWNER_MAX,
                                              multiline=False)),
    )


def objective(words: object, horizon_: object, key_results: Sequence[tuple[str, object]], today: dt.date) -> Objective:
    """An objective as drafted: up to five key results, each valid on its own. An error
    names its field: ``text``, ``horizon``, ``key_results`` or ``key_results.<n>.<field>``."""
    if len(key_results) > KEY_RESULTS_MAX:
        raise KeyResultCount(f"an objective has at most {KEY_RESULTS_MAX} key results", field="key_results")
    return Objective(
        text=_at("text", lambda: text.clean(words, field="objective", min_len=1, max_len=OBJECTIVE_MAX,
                                            multiline=False)),
        horizon=_at("horizon", lambda: horizon(horizon_)),
        key_results=tuple(_at(f"key_results.{n}", lambda: key_result(data, today, id=kr_id))
                          for n, (kr_id, data) in enumerate(key_results)))


def require_presentable(key_results: int) -> None:
    if not KEY_RESULTS_MIN <= key_results <= KEY_RESULTS_MAX:
        raise KeyResultCount(f"an objective is presented with {KEY_RESULTS_MIN} to {KEY_RESULTS_MAX} key results; "
                             f"this one has {key_results}")


def may_draft(step: Step | None, *, facilitator: bool, state: str | None, pillar_id: str,
              team_pillar: str | None, pillar_teams: bool) -> None:
    """Who drafts what: in pillar teams, a group only its own pillar's objectives;
    nobody but the facilitator changes an objective once presented or accepted.
    The facilitator may save any objective of any team in any state: reviewing a
    presented one is accepting it, sending it back, or editing it in place."""
    _require(step, "draft_okrs", facilitator=facilitator, doing="draft objectives")
    if facilitator:
        return
    if pillar_teams and team_pillar != pillar_id:
        raise NotYourPillar("your group drafts the objectives of its own pillar"
                            if team_pillar else "your group has no pillar yet; the facilitator assigns one")
    if state in (PRESENTED, ACCEPTED):
        raise ObjectiveLocked("this objective has been presented; the facilitator accepts, edits or sends it back")


def state_after_save(state: str, *, facilitator: bool) -> str:
    """A team changing what was sent back drafts it again; the facilitator's edit
    keeps the state (a presented objective stays presented, to be accepted)."""
    return state if facilitator else DRAFT


def okr_step(step: Step | None) -> None:
    """Objectives are drafted in a step that asks for them (an OKRs step)."""
    _require(step, "draft_okrs", facilitator=True, doing="draft objectives")


def review(step: Step | None) -> None:
    _require(step, "review_okrs", facilitator=True, doing="review objectives")


def require_presented(state: str) -> None:
    if state != PRESENTED:
        raise Conflict("only a presented objective is accepted or sent back")


def figure_text(x: float, unit: str) -> str:
    """"18 h", "4.5 %": a figure as every screen and report prints it (whole numbers
    without ".0", others as typed: 12345.67, not 12345.7)."""
    shown = str(int(x)) if float(x).is_integer() else repr(float(x))
    return f"{shown} {unit}" if unit else shown


def move_text(baseline: float, target: float, unit: str) -> str:
    """"10 h → 20 h": a key result's move as every screen and report prints it."""
    return f"{figure_text(baseline, unit)} → {figure_text(target, unit)}"


def note(value: object) -> str:
    return text.clean(value if value is not None else "", field="note", max_len=NOTE_MAX)


def _require(step: Step | None, capability: str, *, facilitator: bool, doing: str) -> None:
    from .steps import NotInThisStep
    if step is None:
        raise NotInThisStep(f"cannot {doing} before the workshop has started")
    step.require(capability, facilitator=facilitator, doing=doing)
