"""Two selections of a journey side by side (seed 003 compares customers with
and without a CSM): two sessions, the sessions of one team against another's,
or two sets of groups, such as mixed-role groups against single-role ones.

A selection of sessions has every KPI. A selection of groups has those that
belong to people: cards per person, share of voices, NPS and satisfaction
(feedback keeps the group it was given in) and Elmos (thrown by a person).
Decisions and time-boxes belong to the whole room, never to one group: a poll
is answered by everybody present and a topic's time-box runs for the room, so
they are not told for a set of groups (``UNAVAILABLE_FOR_GROUPS`` says why).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import feedback
from .errors import InvalidInput
from .journey_kpis import SessionFacts, cards_per_person, role_key, share_of_voices, totals

MIXED_ROLE, SINGLE_ROLE = "mixed-role", "single-role"
MIXED_EXPERIENCE, SINGLE_EXPERIENCE = "mixed-experience", "single-experience"
GROUP_RULES = {
    MIXED_ROLE: "Mixed-role groups",
    SINGLE_ROLE: "Single-role groups",
    MIXED_EXPERIENCE: "Groups of mixed experience",
    SINGLE_EXPERIENCE: "Groups of one experience level",
}
UNAVAILABLE_FOR_GROUPS = {
    "decisions": "a poll is answered by the whole room, not by one group",
    "mean_rounds": "a poll's rounds belong to the whole room, not to one group",
    "adherence_percent": "a topic's time-box runs for the whole room, not for one group",
}


@dataclass(frozen=True)
class GroupFacts:
    """What one group's KPIs are computed from (the store reads it). People are
    counted in the group they sit in now; cards and Elmos by their author."""
    session: str
    name: str
    team: str
    roles: tuple[str, ...]        # one per member, as typed ("" when not said)
    experience: tuple[str, ...]   # one per member
    cards: int = 0
    writers: frozenset[str] = frozenset()
    carried_writers: frozenset[str] = frozenset()
    scores: tuple[int, ...] = ()
    elmos: int = 0

    @property
    def people(self) -> int:
        return len(self.roles)


@dataclass(frozen=True)
class Selection:
    """What one side of a comparison holds: sessions, or groups (never both)."""
    label: str
    sessions: tuple[SessionFacts, ...] = ()
    groups: tuple[GroupFacts, ...] | None = None

    @property
    def of_groups(self) -> bool:
        return self.groups is not None


def _distinct(values: tuple[str, ...], key: Callable[[str], str]) -> int:
    return len({key(v) for v in values if v.strip()})


def fits(rule: str, group: GroupFacts) -> bool:
    """Mixed: two or more different roles (levels) among those who said one;
    single: exactly one. A group where nobody said fits neither."""
    if rule in (MIXED_ROLE, SINGLE_ROLE):
        distinct = _distinct(group.roles, role_key)
    else:
        distinct = _distinct(group.experience, str)
    return distinct >= 2 if rule in (MIXED_ROLE, MIXED_EXPERIENCE) else distinct == 1


def select(spec: object, sessions: list[SessionFacts], groups: list[GroupFacts]) -> Selection:
    """A selection from what the dashboard's form sends:

    - ``session:<id>``: one session of the journey;
    - ``team:<name>``: every session for that team or office;
    - ``groups:<rule>``: every group of the journey that fits the rule (GROUP_RULES);
    - ``groups:team:<name>``: every group of that team's sessions.
    """
    kind, _, rest = spec.partition(":") if isinstance(spec, str) else ("", "", "")
    if kind == "session":
        found = [s for s in sessions if s.id == rest]
        if found:
            return Selection(found[0].title, sessions=tuple(found))
    elif kind == "team" and rest:
        return Selection(f"Sessions of {rest}", sessions=tuple(s for s in sessions if s.team == rest))
    elif kind == "groups" and rest.startswith("team:"):
        team = rest.removeprefix("team:")
        return Selection(f"Groups of {team}", groups=tuple(g for g in groups if g.team == team))
    elif kind == "groups" and rest in GROUP_RULES:
        return Selection(GROUP_RULES[rest], groups=tuple(g for g in groups if fits(rest, g)))
    raise InvalidInput("pick a session, a team, or a rule for groups of this journey")


def _group_totals(groups: tuple[GroupFacts, ...]) -> dict:
    people = sum(g.people for g in groups)
    cards = sum(g.cards for g in groups)
    return {"participants": people, "cards": cards, "cards_per_person": cards_per_person(cards, people),
            "voices": share_of_voices(sum(len(g.writers) for g in groups),
                                      sum(len(g.carried_writers & g.writers) for g in groups)),
            "feedback": feedback.figures(s for g in groups for s in g.scores),
            "decisions": None, "adherence": None, "elmos": sum(g.elmos for g in groups)}


def figures(selection: Selection) -> dict:
    """One side's figures, flat: None where the figure has no value (or, for groups, no meaning)."""
    count: dict[str, int | None]
    if selection.of_groups:
        found = _group_totals(selection.groups or ())
        count = {"sessions": len({g.session for g in selection.groups or ()}), "groups": len(selection.groups or ())}
    else:
        found = totals(list(selection.sessions))
        count = {"sessions": len(selection.sessions), "groups": None}
    decided, timed = found["decisions"] or {}, found["adherence"] or {}
    return {**count, "participants": found["participants"], "cards": found["cards"],
            "cards_per_person": found["cards_per_person"], "voices_percent": found["voices"]["percent"],
            "responses": found["feedback"]["responses"], "nps": found["feedback"]["nps"],
            "satisfaction": found["feedback"]["satisfaction"], "decisions": decided.get("committed"),
            "mean_rounds": decided.get("mean_rounds"), "adherence_percent": timed.get("percent"),
            "elmos": found["elmos"]}


FIGURES = [("sessions", "Sessions"), ("groups", "Groups"), ("participants", "People"), ("cards", "Cards"),
           ("cards_per_person", "Cards per person"), ("voices_percent", "Share of voices %"),
           ("responses", "Feedback answers"), ("nps", "NPS"), ("satisfaction", "Satisfaction"),
           ("decisions", "Decisions committed"), ("mean_rounds", "Rounds to commit (mean)"),
           ("adherence_percent", "Time-box adherence %"), ("elmos", "Elmos")]


def compare(a: Selection, b: Selection) -> dict:
    """Both sides figure by figure, with the difference (b − a) where both have a value,
    and the figures a side of groups cannot tell, with why."""
    first, second = figures(a), figures(b)
    rows = []
    for key, label in FIGURES:
        x, y = first[key], second[key]
        difference = round(y - x, 1) if x is not None and y is not None else None
        rows.append({"key": key, "label": label, "a": x, "b": y, "difference": difference})
    unavailable = [{"figure": dict(FIGURES)[key], "why": why} for key, why in UNAVAILABLE_FOR_GROUPS.items()
                   if a.of_groups or b.of_groups]
    return {"a": a.label, "b": b.label, "rows": rows, "unavailable": unavailable}
