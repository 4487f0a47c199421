"""Topics under discussion: title, planned time-box, Elmos, notes and actions.

A topic is usually a ranked cluster (``cluster_id``), but the facilitator can
also create one by hand. Elmo ("Enough, Let's Move On"): each participant may
throw one per topic and take it back; past a threshold the control screen asks
"move on?".
"""
from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from . import text
from .errors import Conflict, DomainError, Forbidden, InvalidInput
from .timebox import seconds

TITLE_MAX = 200
NOTE_MAX = 4000
ACTION_MAX = 500
OWNER_MAX = 80
DEFAULT_PLANNED = 10 * 60
POSITION_MAX = 100_000
AGENDA_MAX = 50  # places of a ranking put on the agenda at once
# The briefing shape of the product brief: each field of a topic's notes, as people read it.
NOTE_FIELDS = {"situation": "Current situation", "desired": "Desired state", "obstacles": "Potential obstacles"}


class NotCurrentTopic(DomainError):
    code = "not_current_topic"


def title(value: object) -> str:
    return text.clean(value, field="topic title", min_len=1, max_len=TITLE_MAX, multiline=False)


def planned(value: object) -> int:
    return DEFAULT_PLANNED if value is None else seconds(value, field="planned time")


def fixed(value: object, planned_sent: object = None) -> bool:
    """Whether the time plan keeps a topic's planned time: yes when it was set by
    hand (sent), unless the facilitator says otherwise."""
    if value is None:
        return planned_sent is not None
    if not isinstance(value, bool):
        raise InvalidInput("fixed must be true or false")
    return value


def cluster_ref(value: object) -> str | None:
    """A cluster id as plain text: the clusters area owns clusters; a topic only names one."""
    if value is None or value == "":
        return None
    return text.clean(value, field="cluster_id", min_len=1, max_len=64, multiline=False)


def position(value: object) -> int:
    """A topic's place on the agenda, as the facilitator orders it."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= POSITION_MAX:
        raise InvalidInput("position must be a whole number from 0")
    return value


def agenda_count(value: object) -> int:
    """How many places of the vote's ranking "discuss the top N" puts on the agenda."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= AGENDA_MAX:
        raise InvalidInput(f"count must be a whole number from 1 to {AGENDA_MAX}")
    return value


def top_places(ranking: list[dict] | None, count: int) -> list[dict]:
    """``{"id", "title"}`` of the ranking's items placed ``count`` or better, best
    first: ties at the last place come along. The ranking comes from a closed vote."""
    if not ranking:
        raise Conflict("close a dot vote first: its ranking sets the agenda")
    return [{"id": item["id"], "title": item["name"]} for item in ranking if item["rank"] <= count]


def require_current(topic_id: str, current_id: str | None) -> None:
    if topic_id != current_id:
        raise NotCurrentTopic("that is not the topic under discussion now")


# -- Elmo -----------------------------------------------------------------

@dataclass(frozen=True)
class ElmoCount:
    count: int
    threshold: int
    present: int

    @property
    def move_on(self) -> bool:
        return self.count >= self.threshold

    def public(self) -> dict:
        return {"count": self.count, "threshold": self.threshold, "present": self.present,
                "move_on": self.move_on}


def elmo_threshold(present: int, fixed: int | None = None) -> int:
    """The facilitator's own threshold, else half of the people present (rounded
    up, at least one): with 3 present it takes 2 Elmos, with 4 it takes 2."""
    if fixed is not None:
        return fixed
    return max(1, math.ceil(present / 2))


def fixed_threshold(value: object) -> int | None:
    """A threshold the facilitator sets by hand (None: back to half of those present)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000:
        raise InvalidInput("the Elmo threshold must be a whole number from 1")
    return value


def count_elmos(active: int, present: int, fixed: int | None = None) -> ElmoCount:
    if active < 0 or present < 0:
        raise ValueError("counts cannot be negative")
    return ElmoCount(active, elmo_threshold(present, fixed), present)


def elmos_thrown(throwers: list[str]) -> int:
    """Elmos thrown on a topic, one per person: taking an Elmo back and throwing it
    again is still that person's one Elmo (the log keeps both throws)."""
    return len(set(throwers))


# -- notes and actions ---------------------------------------------------------

def may_edit_notes(facilitator: bool, participants_edit_notes: bool) -> None:
    if not facilitator and not participants_edit_notes:
        raise Forbidden("only the facilitator edits notes in this workshop")


def notes(changes: dict) -> dict:
    """The note fields being changed, cleaned; unknown fields are refused."""
    unknown = set(changes) - set(NOTE_FIELDS)
    if unknown:
        raise InvalidInput(f"unknown note field {sorted(unknown)[0]!r}; notes have {', '.join(NOTE_FIELDS)}")
    if not changes:
        raise InvalidInput(f"send at least one of {', '.join(NOTE_FIELDS)}")
    return {k: text.clean(v, field=k, max_len=NOTE_MAX) for k, v in changes.items()}


@dataclass(frozen=True)
class Action:
    text: str
    owner: str
    due: str | None
    done: bool


def action(body: object, owner: object, due: object = None, done: object = False) -> Action:
    if not isinstance(done, bool):
        raise InvalidInput("done must be true or false")
    return Action(
        text=text.clean(body, field="action", min_len=1, max_len=ACTION_MAX),
        owner=text.clean(owner, field="owner", min_len=1, max_len=OWNER_MAX, multiline=False),
        due=due_date(due),
        done=done,
    )


def due_date(value: object) -> str | None:
    """An optional due date as an ISO date (YYYY-MM-DD), the format of <input type=date>."""
    if value is None or value == "":
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat() if isinstance(value, str) and len(value) == 10 else _bad_date()
    except ValueError:
        return _bad_date()


def _bad_date() -> str:
    raise InvalidInput("due must be a date as YYYY-MM-DD")
