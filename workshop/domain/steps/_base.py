"""What every step kind is: its settings, what it may work on, what it allows.

A kind is a ``StepKind`` subclass in its own module of this package, registered
with ``@register``; the package finds its modules itself, so adding a kind is
adding a module. The transport asks a step "is X allowed" with a capability
name from ``CAPABILITIES`` and never tests which kind a step is.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self, TypeVar

from ..errors import Conflict, InvalidInput, WrongPhase

# Every capability a step can grant, with what it means. The browser is served
# this list; a kind granting a name that is not here is a bug a test catches.
CAPABILITIES: dict[str, str] = {
    "write_cards": "write cards into the step's columns",
    "edit_cards": "edit or delete one's own cards",
    "reveal_cards": "lift blind writing so groups read each other's cards",
    "read_all_cards": "read every card of the workshop, not only one's group's",
    "cluster_cards": "gather cards into named clusters",
    "open_vote": "open and close the dot vote",
    "place_dots": "place and take back dots",
    "run_topics": "choose, open and time the topics under discussion",
    "throw_elmo": "throw or withdraw an Elmo on the open topic, or on the running step where there are no topics",
    "edit_notes": "write a topic's notes, briefing and actions",
    "run_polls": "open, reword and close 80%-agree polls",
    "answer_poll": "answer an open 80%-agree poll",
    "give_feedback": "give closing feedback on the workshop",
    "read_summary": "read the summary of the whole workshop",
    "shape_pillars": "create, edit and remove strategic pillars, and remove snippets",
    "add_snippets": "add snippets (short phrases) to the strategic pillars",
    "draft_okrs": "draft and present objectives and key results",
    "review_okrs": "accept, edit or send back presented objectives, and assign pillars to groups",
    "write_statements": "write or edit one's (or one's group's) statement",
    "mark_statements": "mark the words and phrases to keep in the statements",
    "run_statements": "close writing, show statements and marks, draft and poll the combined sentence",
}

ROOM, GROUPS = "room", "groups"
SCOPES = (ROOM, GROUPS)
_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


class UnknownStepKind(InvalidInput):
    code = "unknown_step_kind"


class BadReference(InvalidInput):
    """A step works on a step that is missing, later, or of the wrong kind."""
    code = "bad_reference"


class SettingLocked(Conflict):
    code = "setting_locked"


class NotInThisStep(WrongPhase):
    """Keeps the ``wrong_phase`` code, so clients that never heard of steps still understand it."""


# -- declaring settings ---------------------------------------------------------

# ``label`` names the setting in forms and error messages; ``help`` says what it does.

def flag(default: bool, label: str, help: str = "") -> Any:
    return dataclasses.field(default=default, metadata={"type": "flag", "label": label, "help": help})


def number(default: int | None, low: int, high: int, label: str, help: str = "", *, optional: bool = False,
           unit: str = "") -> Any:
    return dataclasses.field(default=default, metadata={
        "type": "number", "label": label, "help": help, "min": low, "max": high, "optional": optional,
        "unit": unit})


def choice(default: str, options: tuple[str, ...], label: str, help: str = "", *,
           locked_with_data: bool = False) -> Any:
    return dataclasses.field(default=default, metadata={
        "type": "choice", "label": label, "help": help, "options": options, "locked_with_data": locked_with_data})


def key(default: str, label: str, help: str = "", *, locked_with_data: bool = False) -> Any:
    return dataclasses.field(default=default, metadata={
        "type": "key", "label": label, "help": help, "locked_with_data": locked_with_data})


def text(default: str, max_len: int, label: str, help: str = "") -> Any:
    return dataclasses.field(default=default, metadata={"type": "text", "label": label, "help": help, "max": max_len})


# The share of those present whose Elmos on the step say "move on" (domain/step_elmo.py).
ELMO_PERCENT_DEFAULT, ELMO_PERCENT_MIN, ELMO_PERCENT_MAX = 50, 25, 100


def elmo_percent() -> Any:
    """The Elmo threshold of a step with no topics, as a percentage of the people present."""
    return number(ELMO_PERCENT_DEFAULT, ELMO_PERCENT_MIN, ELMO_PERCENT_MAX, "Elmo threshold",
                  "the share of those present whose Elmos move the room on", unit="percent")


def _checked(meta: Mapping[str, Any], value: object) -> None:
    label, kind = meta["label"], meta["type"]
    if kind == "flag" and type(value) is not bool:
        raise InvalidInput(f"{label} must be true or false")
    if kind == "number":
        if value is None and meta["optional"]:
            return
        if type(value) is not int or not meta["min"] <= value <= meta["max"]:
            none = " (or none for no limit)" if meta["optional"] else ""
            raise InvalidInput(f"{label} must be a whole number from {meta['min']} to {meta['max']}{none}")
    if kind == "choice" and value not in meta["options"]:
        raise InvalidInput(f"{label} must be one of {', '.join(meta['options'])}")
    if kind == "text" and not (isinstance(value, str) and value.strip() and len(value) <= meta["max"]):
        raise InvalidInput(f"{label} must be text of 1 to {meta['max']} characters")
    if kind == "key" and not (isinstance(value, str) and _KEY.fullmatch(value)):
        raise InvalidInput(f"{label} must be a key such as start-stop-continue (lower-case letters, digits, dashes)")


@dataclass(frozen=True)
class StepSettings:
    """The settings of one kind: each field is declared with ``flag``, ``number``,
    ``choice`` or ``key`` and checked on construction, so no invalid settings exist."""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            _checked(f.metadata, getattr(self, f.name))
        self.check()

    def check(self) -> None:
        """Rules between fields; a kind overrides it."""

    @classmethod
    def from_dict(cls, data: Mapping[str, object] | None) -> Self:
        """Settings from what a client or a template sent: missing ones take defaults."""
        given = _known(cls, data)
        return cls(**{**cls.defaults_for(given), **given})

    @classmethod
    def defaults_for(cls, given: Mapping[str, object]) -> dict[str, object]:
        """Defaults that depend on other given settings; a kind overrides it."""
        return {}

    def changed(self, changes: Mapping[str, object], *, has_data: bool = False) -> Self:
        given = _known(type(self), changes)
        for f in dataclasses.fields(self):
            if f.name in given and f.metadata.get("locked_with_data") and has_data \
                    and given[f.name] != getattr(self, f.name):
                raise SettingLocked(f"{f.metadata['label']} cannot change once the step holds data")
        return dataclasses.replace(self, **given)

    def public(self) -> dict[str, object]:
        return dataclasses.asdict(self)

    @classmethod
    def describe(cls) -> list[dict[str, object]]:
        """The settings form for the browser: name, type, label, bounds and default."""
        return [{"name": f.name, "default": f.default, **{k: list(v) if isinstance(v, tuple) else v
                                                           for k, v in f.metadata.items()}}
                for f in dataclasses.fields(cls)]


def _known(cls: type[StepSettings], data: Mapping[str, object] | None) -> dict[str, object]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise InvalidInput("settings must be an object")
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(str(k) for k in data if k not in names)
    if unknown:
        allowed = ", ".join(sorted(names)) or "none"
        raise InvalidInput(f"unknown setting {unknown[0]!r}; this kind of step has {allowed}")
    return dict(data)


@dataclass(frozen=True)
class NoSettings(StepSettings):
    pass


# -- kinds ------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """The step another step works on, as far as a kind needs to judge it."""
    kind: str
    settings: StepSettings


class StepKind:
    key: ClassVar[str]
    title: ClassVar[str]
    purpose: ClassVar[str]
    default_minutes: ClassVar[int] = 10
    settings_type: ClassVar[type[StepSettings]] = NoSettings
    may_work_on: ClassVar[frozenset[str]] = frozenset()  # with any settings
    # The workshop's end: the room may keep it open as long as it likes (the summary
    # stays on the projector after everyone left), so it is not timed: its actual
    # minutes are none and it is expected to take its planned minutes, never more.
    open_ended: ClassVar[bool] = False

    def sources(self, settings: Any) -> frozenset[str]:
        """The kinds of earlier step this step may work on, with these settings."""
        return self.may_work_on

    def needs_source(self, settings: Any) -> bool:
        return False

    def check_source(self, settings: Any, source: Source) -> None:
        """Refuse a source of the wrong kind; kinds add rules about the source's settings."""
        allowed = self.sources(settings)
        if source.kind not in allowed:
            wanted = " or ".join(sorted(allowed)) if allowed else "no other step"
            raise BadReference(f"a {self.key} step {self._as(settings)}works on {wanted}, not on a {source.kind} step")

    def _as(self, settings: Any) -> str:
        """How these settings read in an error ("in groups ")."""
        return ""

    def participants_may(self, settings: Any) -> frozenset[str]:
        return frozenset()

    def facilitator_may(self, settings: Any) -> frozenset[str]:
        return frozenset()

    def group_only(self, settings: Any) -> bool:
        """Whether participants read only their own group's cards during this step."""
        return False

    def in_groups(self, settings: Any) -> bool:
        """Whether each group works on a board of its own (its clusters, its vote) at once."""
        return False

    def carries_top_items(self, settings: Any) -> bool:
        """Whether this step's top items per group are the material of a whole-room step working on it."""
        return False

    def blind(self, settings: Any) -> bool:
        """Whether each card is read only by its author (and the facilitator) until revealed."""
        return False

    def allowed(self, settings: Any, *, facilitator: bool) -> frozenset[str]:
        reading = frozenset() if self.group_only(settings) else frozenset({"read_all_cards"})
        if facilitator:
            return self.facilitator_may(settings) | {"read_all_cards"}
        return self.participants_may(settings) | reading

    def describe(self) -> dict[str, object]:
        """What the browser needs to offer this kind in the agenda editor."""
        return {"key": self.key, "title": self.title, "purpose": self.purpose,
                "default_minutes": self.default_minutes,
                "settings": self.settings_type.describe(),
                "works_on": sorted(self.may_work_on)}


KINDS: dict[str, StepKind] = {}
K = TypeVar("K", bound=type[StepKind])


def register(cls: K) -> K:
    """Class decorator: makes a kind known by its key."""
    if cls.key in KINDS:
        raise RuntimeError(f"two step kinds are called {cls.key!r}")
    KINDS[cls.key] = cls()
    return cls


def kind(key_: object) -> StepKind:
    try:
        return KINDS[key_]  # type: ignore[index]
    except (KeyError, TypeError):
        raise UnknownStepKind(f"unknown kind of step {key_!r}; kinds are {', '.join(sorted(KINDS))}") from None
