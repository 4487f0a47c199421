"""The agenda: the steps a workshop runs, in order, edited freely before and during it.

Every operation is pure: it returns a new ``Agenda`` or raises a typed error and
changes nothing. The rules an edit must keep:

- a step works only on an earlier step of a kind it may work on (``steps``);
- the steps that have run (done, or running now) keep their order among
  themselves, so the record of what happened stays true; planned steps move freely;
- a step holding data (cards, clusters, dots, topics, polls) is removed only
  with ``confirm=True``, and is then kept in ``removed`` for the export;
- the running step is not removed, and the agenda keeps at least one step.
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import steps, text
from .errors import Conflict, DomainError, InvalidInput, NotFound
from .steps import (
    CAPABILITIES,
    BadReference,
    NotInThisStep,
    SettingLocked,
    Source,
    StepKind,
    StepSettings,
)

PLANNED, RUNNING, DONE = "planned", "running", "done"
STATES = (PLANNED, RUNNING, DONE)
TITLE_MAX = 80
ID_MAX = 64
MAX_STEPS = 40
MINUTES_MAX = 8 * 60


class StepNotFound(NotFound):
    code = "step_not_found"


class ConfirmNeeded(DomainError):
    code = "confirm_needed"


class StepOrder(Conflict):
    code = "step_order"


def step_id(value: object) -> str:
    return text.clean(value, field="step id", min_len=1, max_len=ID_MAX, multiline=False)


def step_title(value: object) -> str:
    return text.clean(value, field="step title", min_len=1, max_len=TITLE_MAX, multiline=False)


def planned_minutes(value: object) -> int:
    """Whole minutes, 0 (a step with no time of its own, such as a lobby) to 8 hours."""
    if type(value) is not int or not 0 <= value <= MINUTES_MAX:
        raise InvalidInput(f"planned minutes must be a whole number from 0 to {MINUTES_MAX}")
    return value


@dataclass(frozen=True)
class Step:
    id: str
    kind: str
    title: str
    planned_minutes: int
    settings: StepSettings
    works_on: str | None = None
    state: str = PLANNED
    started_at: float | None = None  # server epoch seconds, as the time-box keeps them
    ended_at: float | None = None
    has_data: bool = False

    @property
    def step_kind(self) -> StepKind:
        return steps.kind(self.kind)

    @property
    def has_run(self) -> bool:
        return self.state != PLANNED

    @property
    def group_only(self) -> bool:
        """Participants read only their own group's cards during this step."""
        return self.step_kind.group_only(self.settings)

    @property
    def in_groups(self) -> bool:
        """Each group works on a board of its own during this step (``domain.boards``)."""
        return self.step_kind.in_groups(self.settings)

    @property
    def blind(self) -> bool:
        """Each card is read only by its author (and the facilitator) until revealed."""
        return self.step_kind.blind(self.settings)

    @property
    def elmo_on_step(self) -> bool:
        """Whether the room throws Elmos on this step itself: it grants them and runs
        no topics, where they would be thrown on the open topic (domain/step_elmo.py)."""
        return self.allows("throw_elmo") and not self.allows("run_topics", facilitator=True)

    def allowed(self, *, facilitator: bool = False) -> frozenset[str]:
        return self.step_kind.allowed(self.settings, facilitator=facilitator)

    def allows(self, capability: str, *, facilitator: bool = False) -> bool:
        if capability not in CAPABILITIES:
            raise ValueError(f"no capability is called {capability!r}")  # a typo in the caller, not bad input
        return capability in self.allowed(facilitator=facilitator)

    def require(self, capability: str, *, facilitator: bool = False, doing: str) -> None:
        if not self.allows(capability, facilitator=facilitator):
            raise NotInThisStep(f"cannot {doing} during {self.title!r}")

    def public(self) -> dict[str, object]:
        return dict(self._public)

    # Steps are immutable and built once per stored form (store/steps.py), and every
    # snapshot carries the whole agenda: its public form is worked out once per step.
    @functools.cached_property
    def _public(self) -> dict[str, object]:
        return {
            "id": self.id, "kind": self.kind, "title": self.title, "planned_minutes": self.planned_minutes,
            "settings": self.settings.public(), "works_on": self.works_on, "state": self.state,
            # Not has_data: it turns true when someone writes a card, with no event of
            # its own, so a screen could never keep it current. Clients learn it from
            # the refusals it causes (confirm_needed, setting_locked).
            "started_at": self.started_at, "ended_at": self.ended_at,
            "group_only": self.group_only, "in_groups": self.in_groups, "blind": self.blind,
            "elmo_on_step": self.elmo_on_step,
            "participants_may": sorted(self.allowed()), "facilitator_may": sorted(self.allowed(facilitator=True)),
        }


def new_step(kind: object, id: object, *, title: object = None, minutes: object = None,
             settings: Mapping[str, object] | None = None, works_on: object = None) -> Step:
    """A planned step, checked on its own; ``Agenda.add`` checks it against the others."""
    step_kind = steps.kind(kind)
    return Step(
        id=step_id(id),
        kind=step_kind.key,
        title=step_kind.title if title is None else step_title(title),
        planned_minutes=step_kind.default_minutes if minutes is None else planned_minutes(minutes),
        settings=step_kind.settings_type.from_dict(settings),
        works_on=None if works_on is None else step_id(works_on),
    )


def step_from_dict(data: object) -> Step:
    """A step as ``Step.public`` writes it (a stored agenda, a template, a JSON export)."""
    if not isinstance(data, Mapping):
        raise InvalidInput("a step must be an object")
    step = new_step(data.get("kind"), data.get("id"), title=data.get("title"), minutes=data.get("planned_minutes"),
                    settings=data.get("settings"), works_on=data.get("works_on"))
    state = data.get("state", PLANNED)
    if state not in STATES:
        raise InvalidInput(f"a step's state is one of {', '.join(STATES)}")
    return dataclasses.replace(step, state=state, started_at=_time(data.get("started_at")),
                               ended_at=_time(data.get("ended_at")), has_data=data.get("has_data") is True)


def _time(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInput("a step's times are seconds since the epoch")
    return float(value)


def changes_what_participants_see(previous: Step | None, step: Step) -> bool:
    """Whether moving between these steps changes whose cards participants may
    read (their group's, or everyone's): only then do browsers need a fresh snapshot."""
    return previous is None or previous.group_only != step.group_only


@dataclass(frozen=True)
class Agenda:
    steps: tuple[Step, ...] = ()
    removed: tuple[Step, ...] = ()  # taken out while holding data: kept for the export

    @classmethod
    def of(cls, steps_: Iterable[Step], removed: Iterable[Step] = ()) -> Agenda:
        return cls(tuple(steps_), tuple(removed)).validate()

    @classmethod
    def wired(cls, steps_: Iterable[Step]) -> Agenda:
        """Planned steps in order, each that must work on an earlier step and names
        none working on the nearest earlier one that fits (as ``add`` does)."""
        placed: list[Step] = []
        for step in steps_:
            placed.append(_wired(step, tuple(placed)))
        return cls.of(placed)

    # -- reading ---------------------------------------------------------------------

    @property
    def current(self) -> Step | None:
        return next((s for s in self.steps if s.state == RUNNING), None)

    def index(self, id: object) -> int:
        for i, step in enumerate(self.steps):
            if step.id == id:
                return i
        raise StepNotFound(f"there is no step {id!r} in this agenda")

    def step(self, id: object) -> Step:
        return self.steps[self.index(id)]

    @property
    def next_step(self) -> Step | None:
        """The step after the running one (the first step before anything runs)."""
        current = self.current
        if current is None:
            return next((s for s in self.steps if not s.has_run), None)
        following = self.steps[self.index(current.id) + 1:]
        return following[0] if following else None

    def working_on(self, id: str) -> list[Step]:
        return [s for s in self.steps if s.works_on == id]

    def card_template_now(self) -> str | None:
        """The card template whose columns cards are written in and shown in now:
        the running step's own (a collect step); else the nearest step after it
        that has one (the lobby shows the columns people are about to write in);
        else the nearest before it. None when no step has one: the workshop's
        own template applies."""
        current = self.current
        at = self.index(current.id) if current else 0
        following = self.steps[at:] if current else self.steps
        for step in (*following, *reversed(self.steps[:at])):
            template = _card_template_of(step)
            if template is not None:
                return template
        return None

    def public(self) -> dict[str, object]:
        current = self.current
        return {"steps": [s.public() for s in self.steps], "current": current.id if current else None,
                "removed": [s.public() for s in self.removed]}

    # -- editing ----------------------------------------------------------------------

    def add(self, step: Step, position: int | None = None) -> Agenda:
        """Insert a new step (at the end by default). A step that must work on an
        earlier step and names none works on the nearest earlier step that fits."""
        if any(s.id == step.id for s in (*self.steps, *self.removed)):
            raise Conflict(f"the agenda already has a step {step.id!r}")
        if len(self.steps) >= MAX_STEPS:
            raise InvalidInput(f"an agenda has at most {MAX_STEPS} steps")
        at = len(self.steps) if position is None else _position(position, len(self.steps) + 1)
        fresh = dataclasses.replace(step, state=PLANNED, started_at=None, ended_at=None, has_data=False)
        fresh = _wired(fresh, self.steps[:at])
        return self._with(self.steps[:at] + (fresh,) + self.steps[at:])

    def add_once(self, step: Step, position: int | None = None) -> Agenda:
        """``add``, except that a step of that id and kind already added is a retry
        of the same request: the agenda stays as it is."""
        same = next((s for s in (*self.steps, *self.removed) if s.id == step.id), None)
        if same is not None and same.kind == step.kind:
            return self
        return self.add(step, position)

    def remove(self, id: object, *, confirm: bool = False) -> Agenda:
        step = self.step(id)
        if step.state == RUNNING:
            raise Conflict(f"{step.title!r} is running; go to another step before removing it")
        if len(self.steps) == 1:
            raise Conflict("an agenda keeps at least one step")
        users = self.working_on(step.id)
        if users:
            raise BadReference(f"{users[0].title!r} works on {step.title!r}; "
                               "change what it works on, or remove it, first")
        if step.has_data and not confirm:
            raise ConfirmNeeded(f"{step.title!r} holds what people made; removed, it stays in the export only. "
                                "Confirm to remove it")
        kept = tuple(s for s in self.steps if s.id != step.id)
        return Agenda(kept, self.removed + ((step,) if step.has_data else ())).validate()

    def move(self, id: object, position: int) -> Agenda:
        """Move one step to ``position`` (its index in the new order)."""
        step = self.step(id)
        others = tuple(s for s in self.steps if s.id != step.id)
        at = _position(position, len(self.steps))
        return self._reordered(others[:at] + (step,) + others[at:])

    def reorder(self, ids: Iterable[object]) -> Agenda:
        """The whole agenda in a new order: every step's id exactly once."""
        order = list(ids)
        if sorted(map(str, order)) != sorted(s.id for s in self.steps) or len(set(order)) != len(order):
            raise InvalidInput("a new order must name every step of the agenda exactly once")
        return self._reordered(tuple(self.step(i) for i in order))

    def rename(self, id: object, title: object) -> Agenda:
        return self._changed(id, title=step_title(title))

    def set_planned_minutes(self, id: object, minutes: object) -> Agenda:
        return self._changed(id, planned_minutes=planned_minutes(minutes))

    def change_settings(self, id: object, changes: Mapping[str, object]) -> Agenda:
        step = self.step(id)
        return self._changed(id, settings=step.settings.changed(changes, has_data=step.has_data))

    def set_works_on(self, id: object, source_id: object) -> Agenda:
        step = self.step(id)
        source = None if source_id is None else step_id(source_id)
        if step.has_data and source != step.works_on:
            # Its clusters or dots are made of the other step's cards and clusters.
            raise SettingLocked(f"{step.title!r} holds what people made from its step; "
                                "what it works on cannot change")
        return self._changed(id, works_on=source)

    def record_data(self, id: object) -> Agenda:
        """The step now holds something people made (the store says so once)."""
        return self if self.step(id).has_data else self._changed(id, has_data=True)

    # -- running ---------------------------------------------------------------------------

    def go_to(self, id: object, now: float) -> Agenda:
        """Start a step, closing the one running. Going back to a step that ran
        reopens it with its first start kept, so its time covers the detour."""
        target = self.step(id)
        if target.state == RUNNING:
            return self
        closed = self.finish(now)
        started = dataclasses.replace(target, state=RUNNING, ended_at=None,
                                      started_at=target.started_at if target.started_at is not None else now)
        return closed._replace_step(started)

    def finish(self, now: float) -> Agenda:
        """Close the running step (the end of the workshop, or before starting another)."""
        current = self.current
        if current is None:
            return self
        return self._replace_step(dataclasses.replace(current, state=DONE, ended_at=now))

    # -- checking -------------------------------------------------------------------------

    def check_card_templates(self, known: Iterable[str]) -> Agenda:
        """Every step that writes cards names a card template this server has (the
        library lives in storage, so the caller says which keys exist)."""
        keys = set(known)
        for step in self.steps:
            wanted = _card_template_of(step)
            if wanted is not None and wanted not in keys:
                raise InvalidInput(f"{step.title!r} uses the card template {wanted!r}, which this server does not have")
        return self

    def validate(self) -> Agenda:
        ids = [s.id for s in self.steps]
        if len(set(ids)) != len(ids):
            raise Conflict("two steps of the agenda have the same id")
        if len(ids) > MAX_STEPS:
            raise InvalidInput(f"an agenda has at most {MAX_STEPS} steps")
        if sum(1 for s in self.steps if s.state == RUNNING) > 1:
            raise Conflict("only one step runs at a time")
        for position, step in enumerate(self.steps):
            self._check_reference(position, step)
        return self

    def _check_reference(self, position: int, step: Step) -> None:
        step_kind = step.step_kind
        if step.works_on is None:
            if step_kind.needs_source(step.settings):
                wanted = " or ".join(sorted(step_kind.sources(step.settings)))
                raise BadReference(f"{step.title!r} must say which step it works on (a {wanted} step)")
            return
        try:
            at = self.index(step.works_on)
        except StepNotFound:
            raise BadReference(f"{step.title!r} works on step {step.works_on!r}, "
                               "which is not in the agenda") from None
        source = self.steps[at]
        if at >= position:
            which = "itself" if at == position else f"{source.title!r}, which comes after it"
            raise BadReference(f"{step.title!r} works on {which}; a step works on an earlier step")
        step_kind.check_source(step.settings, Source(source.kind, source.settings))

    def _reordered(self, new_order: tuple[Step, ...]) -> Agenda:
        before = [s.id for s in self.steps if s.has_run]
        after = [s.id for s in new_order if s.has_run]
        if before != after:
            moved = next(self.step(a) for a, b in zip(after, before) if a != b)
            raise StepOrder(f"{moved.title!r} has run: steps that have run keep their order, "
                            "so the record of the workshop stays true")
        return self._with(new_order)

    def _changed(self, id: object, **changes: object) -> Agenda:
        return self._replace_step(dataclasses.replace(self.step(id), **changes))  # type: ignore[arg-type]

    def _replace_step(self, step: Step) -> Agenda:
        return self._with(tuple(step if s.id == step.id else s for s in self.steps))

    def _with(self, new_steps: tuple[Step, ...]) -> Agenda:
        return Agenda(new_steps, self.removed).validate()


def _card_template_of(step: Step) -> str | None:
    return getattr(step.settings, "card_template", None)


def _position(value: object, count: int) -> int:
    if type(value) is not int or not 0 <= value < count:
        raise InvalidInput(f"position must be a whole number from 0 to {count - 1}")
    return value


def _wired(step: Step, earlier: tuple[Step, ...]) -> Step:
    if step.works_on is None and step.step_kind.needs_source(step.settings):
        return dataclasses.replace(step, works_on=_nearest_source(step, earlier))
    return step


def _nearest_source(step: Step, earlier: tuple[Step, ...]) -> str:
    for candidate in reversed(earlier):
        try:
            step.step_kind.check_source(step.settings, Source(candidate.kind, candidate.settings))
        except BadReference:
            continue
        return candidate.id
    wanted = " or ".join(sorted(step.step_kind.sources(step.settings)))
    raise BadReference(f"{step.title!r} works on an earlier {wanted} step, and there is none before it")
