"""How a journey is doing, per session and as a whole (seed 003: a few KPIs,
the same numbers compared between groups).

- **Reach**: people who took part in the broad stage against the head count
  the organiser expected, by team or office; and who they were, by role and by
  experience level (no head count is expected per role: counts and shares).
- **Cards per person**: cards people wrote in the session (not what was carried
  into it) over people who took part.
- **Share of voices**: of the people who wrote cards, how many had a card carried
  into a later stage's item.
- **NPS and satisfaction**: from the closing feedback (``feedback``).
- **Decisions**: polls committed, and the rounds each needed.
- **Time-box adherence**: of the topics with a time-box, how many ended within it.
- **Elmos** thrown.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import feedback
from .analytics import percent
from .journeys import Team
from .participants import EXPERIENCE_LEVELS

REACH_STAGE = "start"  # the stage meant for everybody
UNASSIGNED = "(no team)"
NOT_SAID = "(not said)"  # a person who gave no role, or no experience level, when joining


@dataclass(frozen=True)
class SessionFacts:
    """What one session's KPIs are computed from (the store reads it)."""
    id: str
    title: str
    stage: str
    team: str
    participants: int
    cards: int
    writers: frozenset[str] = frozenset()          # people who wrote a card
    carried_writers: frozenset[str] = frozenset()  # of them, whose card reached a later stage
    scores: tuple[int, ...] = ()                   # closing feedback, 0–10
    polls: int = 0
    rounds_to_commit: tuple[int, ...] = ()         # one per committed poll
    topics: tuple[tuple[float, float], ...] = ()   # (planned, spent) seconds per topic
    elmos: int = 0
    roles: tuple[str, ...] = ()        # one per participant, as typed ("" when not said)
    experience: tuple[str, ...] = ()   # one per participant, one of EXPERIENCE_LEVELS
    extra: dict = field(default_factory=dict)


def cards_per_person(cards: int, people: int) -> float | None:
    return round(cards / people, 1) if people else None


def share_of_voices(writers: int, carried: int) -> dict:
    return {"writers": writers, "carried": carried, "percent": percent(carried, writers)}


def adherence(topics: tuple[tuple[float, float], ...] | list[tuple[float, float]]) -> dict:
    """Topics with a time-box (planned > 0) that ended within it."""
    timed = [(planned, spent) for planned, spent in topics if planned > 0]
    within = sum(1 for planned, spent in timed if spent <= planned)
    return {"timed": len(timed), "within": within, "percent": percent(within, len(timed))}


def decisions(polls: int, rounds_to_commit: tuple[int, ...] | list[int]) -> dict:
    rounds = list(rounds_to_commit)
    return {"polls": polls, "committed": len(rounds),
            "mean_rounds": round(sum(rounds) / len(rounds), 1) if rounds else None}


def reach(teams: tuple[Team, ...], sessions: list[SessionFacts]) -> dict:
    """People in the broad stage's sessions against the expected head count, by team."""
    broad = [s for s in sessions if s.stage == REACH_STAGE]
    per_team = []
    for team in teams:
        reached = sum(s.participants for s in broad if s.team == team.name)
        per_team.append({"team": team.name, "expected": team.expected, "reached": reached,
                         "percent": percent(reached, team.expected)})
    unassigned = sum(s.participants for s in broad if s.team not in {t.name for t in teams})
    if unassigned:
        per_team.append({"team": UNASSIGNED, "expected": None, "reached": unassigned, "percent": None})
    expected = sum(t.expected for t in teams)
    reached = sum(s.participants for s in broad)
    return {"expected": expected, "reached": reached, "percent": percent(reached, expected), "per_team": per_team,
            "by_role": by_role([r for s in broad for r in s.roles]),
            "by_experience": by_experience([e for s in broad for e in s.experience])}


def role_key(role: str) -> str:
    """Roles are typed freely: "Engineer" and " engineer" are one role."""
    return " ".join(role.split()).casefold()


def _shares(counted: dict[str, int], people: int) -> list[dict]:
    return [{"name": name, "people": n, "percent": percent(n, people)} for name, n in counted.items()]


def by_role(roles: list[str]) -> list[dict]:
    """People per role, most first (ties by name); the first spelling names the role."""
    names: dict[str, str] = {}
    counted: dict[str, int] = {}
    for role in roles:
        key = role_key(role)
        names.setdefault(key, " ".join(role.split()) or NOT_SAID)
        counted[key] = counted.get(key, 0) + 1
    ordered = sorted(counted, key=lambda k: (k == "", -counted[k], k))
    return _shares({names[k]: counted[k] for k in ordered}, len(roles))


def by_experience(levels: list[str]) -> list[dict]:
    """People per experience level, in the order of the levels; levels nobody gave are left out."""
    counted = {(level or NOT_SAID): levels.count(level) for level in (*EXPERIENCE_LEVELS[1:], "")
               if level in levels}
    return _shares(counted, len(levels))


def session_kpis(s: SessionFacts) -> dict:
    return {"id": s.id, "title": s.title, "stage": s.stage, "team": s.team, "participants": s.participants,
            "cards": s.cards, "cards_per_person": cards_per_person(s.cards, s.participants),
            "voices": share_of_voices(len(s.writers), len(s.carried_writers & s.writers)),
            "feedback": feedback.figures(s.scores), "decisions": decisions(s.polls, s.rounds_to_commit),
            "adherence": adherence(s.topics), "elmos": s.elmos}


def totals(sessions: list[SessionFacts]) -> dict:
    """The KPIs of several sessions taken together: people counted once per
    session (a person is known only within the session they joined)."""
    people = sum(s.participants for s in sessions)
    cards = sum(s.cards for s in sessions)
    writers = sum(len(s.writers) for s in sessions)
    carried = sum(len(s.carried_writers & s.writers) for s in sessions)
    return {"participants": people, "cards": cards, "cards_per_person": cards_per_person(cards, people),
            "voices": share_of_voices(writers, carried),
            "feedback": feedback.figures(score for s in sessions for score in s.scores),
            "decisions": decisions(sum(s.polls for s in sessions), [r for s in sessions for r in s.rounds_to_commit]),
            "adherence": adherence([t for s in sessions for t in s.topics]),
            "elmos": sum(s.elmos for s in sessions)}


def journey_kpis(teams: tuple[Team, ...], sessions: list[SessionFacts]) -> dict:
    """Every session's KPIs and the whole journey's."""
    return {"reach": reach(teams, sessions), "whole": totals(sessions),
            "sessions": [session_kpis(s) for s in sessions]}
