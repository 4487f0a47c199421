"""A workshop: its template, phases, settings and join code."""
from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from . import text
from .errors import InvalidInput, WrongPhase


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    hint: str


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise InvalidInput(f"unknown column {key!r}; this workshop has {', '.join(self.column_keys)}")

    @property
    def column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


TEMPLATES = {
    t.key: t
    for t in (
        Template("start-stop-continue", "Start / Stop / Continue", (
            Column("start", "Start", "What should we start doing?"),
            Column("stop", "Stop", "What should we stop or change?"),
            Column("continue", "Continue", "What are we doing well and should keep?"),
        )),
        Template("four-questions", "Four questions", (
            Column("doing-well", "Doing well", "What are we doing well?"),
            Column("invest", "Invest further", "Where should we invest further?"),
            Column("change", "Change or stop", "What should we change or stop?"),
            Column("opportunities", "New opportunities", "What new opportunities do we see?"),
        )),
    )
}
DEFAULT_TEMPLATE = "start-stop-continue"


def template(key: object) -> Template:
    if not isinstance(key, str) or key not in TEMPLATES:
        raise InvalidInput(f"unknown template {key!r}; choose one of {', '.join(TEMPLATES)}")
    return TEMPLATES[key]


PHASES = ("lobby", "collect", "cluster", "vote", "discuss", "decide", "summary")
PHASE_TITLES = {
    "lobby": "Lobby", "collect": "Collect", "cluster": "Cluster", "vote": "Vote",
    "discuss": "Discuss", "decide": "Decide", "summary": "Summary",
}


def check_phase(phase: object) -> str:
    if phase not in PHASES:
        raise InvalidInput(f"unknown phase {phase!r}; phases are {', '.join(PHASES)}")
    return phase


# Participants read their own group's cards until clustering starts, and every
# card of the workshop from then on (they cluster and vote across groups).
GROUP_PHASES = frozenset({"lobby", "collect"})


def changes_what_participants_see(previous: str, phase: str) -> bool:
    """Whether moving from ``previous`` to ``phase`` changes which cards a
    participant may read: only crossing into or out of the group phases does.
    Other phase changes need no fresh snapshot, only the new phase (3,000
    browsers each asking for one, with every card, after every step was the
    heaviest moment of a large workshop)."""
    return (previous in GROUP_PHASES) != (phase in GROUP_PHASES)


def require_phase(current: str, *allowed: str, doing: str) -> None:
    """Raise WrongPhase unless the workshop is in one of the allowed phases."""
    if current not in allowed:
        wanted = " or ".join(PHASE_TITLES[p] for p in allowed)
        raise WrongPhase(f"cannot {doing} during {PHASE_TITLES[current]}; that is for {wanted}")


# Crockford's base-32 alphabet: no I, L, O or U. Six characters give 30 bits.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 6
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: object) -> str:
    """Accept what people type: lower case, spaces, dashes, O for 0, I or L for 1."""
    if not isinstance(code, str):
        raise InvalidInput("code must be text")
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_LOOKALIKES)
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        raise InvalidInput(f"a join code has {CODE_LENGTH} letters and digits")
    return cleaned


@dataclass(frozen=True)
class Settings:
    """What the facilitator may switch per workshop."""
    blind_writing: bool = True
    group_size: int = 5
    participants_cluster: bool = False
    participants_edit_notes: bool = False
    # Once the room is complete (or a troll keeps coming back), newcomers are
    # refused; people already in rejoin with their token as before.
    joining_locked: bool = False
    # The room view (the projector) shows the cards while groups write, not only
    # their counts; a group's cards still under blind writing stay counts (domain.room).
    room_cards: bool = False

    def changed(self, **changes) -> "Settings":
        unknown = set(changes) - set(self.__dataclass_fields__)
        if unknown:
            raise InvalidInput(f"unknown setting {sorted(unknown)[0]!r}")
        for key, value in changes.items():
            expected = type(getattr(self, key))
            if type(value) is not expected:
                raise InvalidInput(f"setting {key} must be {'true or false' if expected is bool else 'a number'}")
        if not 2 <= changes.get("group_size", self.group_size) <= 50:
            raise InvalidInput("group size must be between 2 and 50")
        return replace(self, **changes)

    @staticmethod
    def need_a_snapshot(changes: Mapping[str, object]) -> bool:
        """Whether changing these settings changes what participants may see
        (blind writing, who may do what), so that every client takes a fresh
        snapshot; locking the door, or what the projector shows, changes nothing on
        anyone's own screen (the room view is read again after every change)."""
        return bool(set(changes) - {"joining_locked", "room_cards"})

    @classmethod
    def from_dict(cls, data: dict) -> "Settings":
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)


DEFAULT_AGENDA = "team-retrospective"


@dataclass(frozen=True)
class NewWorkshop:
    title: str
    context: str
    # A card template key of this server (the store knows the library), or None
    # for the agenda template's own (its first collect step's).
    template: str | None = None
    settings: Settings = field(default_factory=Settings)
    agenda: str = DEFAULT_AGENDA
    # The switches the facilitator set; the others follow the agenda template's steps.
    chosen: frozenset[str] = frozenset()


def _template_key(value: object, what: str) -> str:
    if not isinstance(value, str) or not _TEMPLATE_KEY.fullmatch(value):
        raise InvalidInput(f"unknown {what} {value!r}; a key is lower-case letters, digits and dashes")
    return value


_TEMPLATE_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def new_workshop(title: object, context: object = "", template_key: object = None, *, agenda_key: object = None,
                 group_size: int = 5, options: Mapping[str, object] | None = None) -> NewWorkshop:
    """What a facilitator asked for; the store checks that the templates exist on this server."""
    chosen = dict(options or {})
    return NewWorkshop(
        title=text.clean(title, field="title", min_len=1, max_len=120, multiline=False),
        context=text.clean(context or "", field="context", max_len=4000),
        template=None if template_key is None else _template_key(template_key, "template"),
        settings=Settings(group_size=group_size).changed(**chosen),
        agenda=DEFAULT_AGENDA if agenda_key is None else _template_key(agenda_key, "agenda template"),
        chosen=frozenset(chosen),
    )
