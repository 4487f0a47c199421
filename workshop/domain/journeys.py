"""Journeys: the whole bowtie as one thing an organiser plans, runs and measures.

A journey has four stages, left to right (seed 000): start broad (every team,
in small mixed groups, often several sessions), narrow down (leaders
consolidate), formulate (the management team's offsite) and carry back (the
outcome, through the same groups). Each stage holds workshops; each stage is
fed from the one before. A journey belongs to whoever holds its organiser key.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from . import text
from .errors import Conflict, DomainError, InvalidInput, NotFound

TITLE_MAX = 120
PURPOSE_MAX = 4000
TEAM_MAX = 60
MAX_TEAMS = 50
MAX_HEAD_COUNT = 100_000
MAX_WORKSHOPS_PER_STAGE = 100

PLANNED, LIVE, DONE = "planned", "live", "done"


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    about: str
    agenda: str  # the agenda template a workshop made for this stage starts from


# The formulate stage runs the Offsite (purpose and vision statements, pillars, OKRs: issue 15).
STAGES: tuple[Stage, ...] = (
    Stage("start", "Start broad", "Every team, in small mixed groups, collects challenges and opportunities.",
          "all-hands-collect"),
    Stage("narrow", "Narrow down", "Leaders consolidate what the groups found and brief each statement.",
          "leadership-consolidation"),
    Stage("formulate", "Formulate", "The management team formulates vision, pillars and OKRs.", "offsite"),
    Stage("carry", "Carry back", "The outcome goes back to the organisation through the same groups.",
          "all-hands-collect"),
)
_BY_KEY = {s.key: s for s in STAGES}


class JourneyNotFound(NotFound):
    code = "no_such_journey"


class UnknownStage(InvalidInput):
    code = "unknown_stage"


class LastStage(InvalidInput):
    code = "last_stage"


class AlreadyInJourney(Conflict):
    code = "already_in_journey"


class NotInStage(InvalidInput):
    code = "not_in_stage"


class NotFinished(Conflict):
    code = "not_finished"


class StageFull(Conflict):
    code = "stage_full"


class LeavesJourney(DomainError):
    """Deleting a workshop of a journey takes it out of the journey: asked first."""
    code = "confirm_leaving_journey"
    status = 409


@dataclass(frozen=True)
class Team:
    name: str
    expected: int


@dataclass(frozen=True)
class NewJourney:
    title: str
    purpose: str
    teams: tuple[Team, ...]

    def head_count(self) -> int:
        return sum(t.expected for t in self.teams)


def new_journey(title: object, purpose: object = "", teams: object = None) -> NewJourney:
    return NewJourney(text.clean(title, field="title", min_len=1, max_len=TITLE_MAX, multiline=False),
                      text.clean(purpose or "", field="purpose", max_len=PURPOSE_MAX),
                      check_teams(teams or []))


def check_teams(value: object) -> tuple[Team, ...]:
    """The expected head count per team or office: ``[{"team": "Munich", "expected": 40}, ...]``."""
    if not isinstance(value, list) or len(value) > MAX_TEAMS:
        raise InvalidInput(f"teams must list at most {MAX_TEAMS} teams, each with its expected head count")
    teams: list[Team] = []
    for item in value:
        if not isinstance(item, dict):
            raise InvalidInput("each team is {\"team\": name, \"expected\": head count}")
        name = text.clean(item.get("team"), field="team", min_len=1, max_len=TEAM_MAX, multiline=False)
        expected = item.get("expected")
        if isinstance(expected, bool) or not isinstance(expected, int) or not 1 <= expected <= MAX_HEAD_COUNT:
            raise InvalidInput(f"expected head count of {name!r} must be a whole number from 1 to {MAX_HEAD_COUNT}")
        if any(t.name.casefold() == name.casefold() for t in teams):
            raise InvalidInput(f"the team {name!r} is listed twice")
        teams.append(Team(name, expected))
    return tuple(teams)


def check_team_of_session(team: object, teams: Iterable[Team]) -> str:
    """Which team or office a session is for ("" for no one team): one the journey expects."""
    if team is None or team == "":
        return ""
    names = {t.name for t in teams}
    if team not in names:
        raise InvalidInput(f"team must be one of the journey's teams ({', '.join(sorted(names)) or 'none yet'})")
    return str(team)


def stage(value: object) -> Stage:
    if not isinstance(value, str) or value not in _BY_KEY:
        raise UnknownStage(f"stage must be one of {', '.join(s.key for s in STAGES)}")
    return _BY_KEY[value]


def next_stage(value: object) -> Stage:
    """The stage fed from this one; the last stage feeds none."""
    index = STAGES.index(stage(value))
    if index == len(STAGES) - 1:
        raise LastStage(f"{STAGES[index].title!r} is the last stage: it feeds no other")
    return STAGES[index + 1]


def check_room(stage_key: str, held: int) -> None:
    if held >= MAX_WORKSHOPS_PER_STAGE:
        raise StageFull(f"a stage holds at most {MAX_WORKSHOPS_PER_STAGE} workshops")


def check_not_attached(journey_title: str | None) -> None:
    if journey_title is not None:
        raise AlreadyInJourney(f"that workshop already belongs to the journey {journey_title!r}")


def workshop_state(running_kind: str | None, started_steps: int, done_steps: int, participants: int,
                   archived: bool) -> str:
    """Planned, live or done, as the journey page tells it.

    Done: archived, at its summary, or every step closed. Planned: nobody has
    joined yet and no step after the first has run. Live otherwise."""
    if archived or running_kind == "summary" or (running_kind is None and done_steps > 0):
        return DONE
    if participants == 0 and started_steps <= 1:
        return PLANNED
    return LIVE


def check_finished(title: str, state: str) -> None:
    """Only a finished workshop feeds the next stage: its ranking is final."""
    if state != DONE:
        raise NotFinished(f"{title!r} is not finished yet: move it to its summary first")


def check_sources_in_stage(sources: Iterable[str], stage_of: dict[str, str], stage_key: str) -> list[str]:
    chosen = list(dict.fromkeys(sources))
    if not chosen:
        raise InvalidInput("pick at least one finished workshop of the stage")
    for workshop_id in chosen:
        if stage_of.get(workshop_id) != stage_key:
            raise NotInStage(f"workshop {workshop_id} is not in the stage {stage(stage_key).title!r} of this journey")
    return chosen


def confirm_leaving(journey_title: str | None, leave_journey: object) -> None:
    """Deleting a workshop of a journey says so: ``leave_journey: true``."""
    if journey_title is not None and leave_journey is not True:
        # Read out to the facilitator as the question before deleting (static/js/workshops.js).
        raise LeavesJourney(f"This workshop belongs to the journey {journey_title!r}: deleting it takes it out "
                            "of the journey too (the journey and its other workshops stay)")


class TeamInUse(Conflict):
    code = "team_in_use"


class ConfirmDeleteJourney(InvalidInput):
    """Deleting a journey is asked first: the organiser repeats its title."""
    code = "confirm_delete_journey"


def renamed(current: NewJourney, title: object = None, purpose: object = None, teams: object = None,
            sessions_for: Iterable[str] = ()) -> NewJourney:
    """The journey with what the organiser changed (None: left as it was). A team or
    office that sessions are still for stays: its sessions would lose their team."""
    changed = new_journey(current.title if title is None else title,
                          current.purpose if purpose is None else purpose,
                          [{"team": t.name, "expected": t.expected} for t in current.teams] if teams is None else teams)
    kept = {t.name for t in changed.teams}
    missing = sorted({team for team in sessions_for if team and team not in kept})
    if missing:
        raise TeamInUse(f"sessions are still for {', '.join(missing)}: keep it, or change those sessions first")
    return changed


def confirm_delete(title: str, confirm: object) -> None:
    """The journey goes (its stages, links and share links); its workshops stay."""
    if not isinstance(confirm, str) or " ".join(confirm.split()).casefold() != title.casefold():
        raise ConfirmDeleteJourney(f"type the journey's title ({title!r}) to delete it; its workshops stay")
