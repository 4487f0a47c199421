"""Agenda templates: whole agendas saved for reuse, four built in.

A template is an agenda of planned steps whose ids are local to the template
("collect", "vote"); ``instantiate`` gives a workshop its own ids, with every
reference between steps following. The *Team retrospective* is today's seven
fixed phases, step for phase, which is how a workshop made before agendas
existed is migrated (``migrated_agenda``).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from . import text
from .agenda import DONE, PLANNED, RUNNING, Agenda, Step, new_step, step_from_dict
from .card_templates import derive_key
from .errors import Forbidden, InvalidInput
from .votes import VoteSettings
from .workshop import DEFAULT_TEMPLATE, PHASES, Settings, check_phase

TITLE_MAX = 60
DESCRIPTION_MAX = 500


@dataclass(frozen=True)
class AgendaTemplate:
    key: str
    title: str
    description: str
    agenda: Agenda
    built_in: bool = False

    def instantiate(self, new_id: Callable[[str], str] = str) -> Agenda:
        """The template's steps for a new workshop: ``new_id`` gives each template
        step id its id in the workshop (UUIDs, or ids scoped by the store)."""
        ids = {s.id: new_id(s.id) for s in self.agenda.steps}
        return Agenda.of(dataclasses.replace(s, id=ids[s.id], works_on=ids.get(s.works_on) if s.works_on else None)
                         for s in self.agenda.steps)

    @property
    def card_templates(self) -> frozenset[str]:
        """The card templates its steps write into."""
        return frozenset(t for t in (getattr(s.settings, "card_template", None) for s in self.agenda.steps) if t)

    def public(self) -> dict[str, object]:
        return {"key": self.key, "title": self.title, "description": self.description, "built_in": self.built_in,
                "steps": [_plan(s) for s in self.agenda.steps]}


def _plan(step: Step) -> dict[str, object]:
    """A step as a template keeps it: what to run, not what happened."""
    return {"id": step.id, "kind": step.kind, "title": step.title, "planned_minutes": step.planned_minutes,
            "settings": step.settings.public(), "works_on": step.works_on}


# -- a facilitator's own -------------------------------------------------------------------

def agenda_template(title: object, steps: object, *, description: object = "", key: object = None,
                    taken_keys: Iterable[str] = ()) -> AgendaTemplate:
    """A template checked as an agenda is: known kinds, good settings, references to earlier steps."""
    name = text.clean(title, field="agenda template title", min_len=1, max_len=TITLE_MAX, multiline=False)
    about = text.clean(description or "", field="description", max_len=DESCRIPTION_MAX)
    if not isinstance(steps, list) or not steps:
        raise InvalidInput("an agenda template needs a list of at least one step")
    planned = [dataclasses.replace(step_from_dict(s), state=PLANNED, started_at=None, ended_at=None,
                                   has_data=False) for s in steps]
    if key is None:
        key = derive_key(name, set(taken_keys) | set(BUILT_INS))
    elif not isinstance(key, str) or derive_key(key) != key:
        raise InvalidInput("a template key is lower-case letters, digits and dashes")
    return AgendaTemplate(key, name, about, Agenda.wired(planned))


def save_as(agenda: Agenda, title: object, taken_keys: Iterable[str] = (), description: object = "") -> AgendaTemplate:
    """"Save this agenda as a template": its steps as planned, none of what happened."""
    return agenda_template(title, [_plan(s) for s in agenda.steps], description=description, taken_keys=taken_keys)


def edited(key: str, title: object, steps: object, description: object = "") -> AgendaTemplate:
    """A library agenda changed: same key, its steps checked as a new template's are."""
    check_editable(key)
    return agenda_template(title, steps, description=description, key=key)


def from_dict(data: object) -> AgendaTemplate:
    if not isinstance(data, Mapping):
        raise InvalidInput("an agenda template must be an object")
    if data.get("key") in BUILT_INS:
        return BUILT_INS[data["key"]]
    return agenda_template(data.get("title"), data.get("steps"), description=data.get("description"),
                           key=data.get("key"))


def check_editable(key: str) -> None:
    if key in BUILT_INS:
        raise Forbidden("the built-in agendas cannot be changed or deleted; save a copy under a new title")


# -- the built-ins ------------------------------------------------------------------------------

def _built_in(key: str, title: str, description: str, steps: Iterable[Step]) -> AgendaTemplate:
    return AgendaTemplate(key, title, description, Agenda.of(steps), built_in=True)


ALL_HANDS = _built_in(
    "all-hands-collect", "All-hands collect",
    "Small mixed groups each write, cluster and prioritise their own challenges at the same time; "
    "the groups' top items then meet in one whole-room cluster.",
    [
        new_step("lobby", "lobby"),
        new_step("collect", "collect", minutes=15, settings={"card_template": "start-stop-continue"}),
        new_step("cluster", "cluster-groups", title="Cluster in groups", minutes=15,
                 settings={"scope": "groups", "participants_cluster": True}, works_on="collect"),
        new_step("vote", "vote-groups", title="Vote in groups", minutes=5,
                 settings={"scope": "groups", "top_n": 3}, works_on="cluster-groups"),
        new_step("cluster", "cluster-room", title="The groups' top items", minutes=15,
                 works_on="vote-groups"),
        new_step("summary", "summary"),
    ])

LEADERSHIP = _built_in(
    "leadership-consolidation", "Leadership consolidation",
    "Leaders browse the statements carried in from the groups, write a briefing per statement "
    "(situation, desired state, obstacles) and commit with 80%-agree polls.",
    [
        new_step("lobby", "lobby"),
        new_step("collect", "statements", title="Statements", minutes=15,
                 settings={"carried_statements": True, "blind_writing": False}),
        new_step("discuss", "briefings", title="Briefings", minutes=60,
                 settings={"topics": "cards", "top_n": 16, "briefing_notes": True}, works_on="statements"),
        new_step("decide", "decide", minutes=20, works_on="briefings"),
        new_step("summary", "summary"),
    ])

OFFSITE = _built_in(
    "offsite", "Offsite",
    "The management team turns the consolidated material into a strategy: a purpose and a vision, "
    "each combined from everyone's statements and committed with an 80%-agree poll, then three to six "
    "strategic pillars with their snippets, and the OKRs of each pillar.",
    [
        new_step("lobby", "lobby"),
        new_step("statements", "purpose", title="Purpose", minutes=30, settings={"subject": "purpose"}),
        new_step("statements", "vision", title="Vision", minutes=45, settings={"subject": "vision"}),
        new_step("pillars", "pillars", title="Strategic pillars", minutes=60, works_on="vision"),
        new_step("okrs", "okrs", title="OKRs", minutes=90, works_on="pillars"),
        new_step("decide", "decide", minutes=20),
        new_step("summary", "summary"),
    ])

TEAM_RETROSPECTIVE = _built_in(
    "team-retrospective", "Team retrospective",
    "Write, cluster and vote across the room, discuss the top topics, decide, and read the summary: "
    "the seven steps every workshop had before agendas.",
    [
        new_step("lobby", "lobby"),
        new_step("collect", "collect"),
        new_step("cluster", "cluster", works_on="collect"),
        new_step("vote", "vote", works_on="cluster"),
        new_step("discuss", "discuss", works_on="vote"),
        new_step("decide", "decide", works_on="discuss"),
        new_step("summary", "summary"),
    ])

BUILT_INS: dict[str, AgendaTemplate] = {t.key: t for t in (ALL_HANDS, LEADERSHIP, OFFSITE, TEAM_RETROSPECTIVE)}


# -- the migration from fixed phases --------------------------------------------------------------

def step_for_phase(phase: object) -> str:
    """The *Team retrospective* step (its template id) that today's phase becomes."""
    return TEAM_RETROSPECTIVE.agenda.step(check_phase(phase)).id


def migrated_agenda(phase: object, *, card_template: str = DEFAULT_TEMPLATE, settings: Settings | None = None,
                    vote: VoteSettings | None = None, now: float | None = None,
                    new_id: Callable[[str], str] = str) -> Agenda:
    """A workshop made before agendas, as an agenda: the *Team retrospective*
    with the workshop's template and switches in its steps' settings, the phases
    before ``phase`` done (their times were never recorded) and ``phase`` running
    (since ``now``, when given, so the time plan has a start)."""
    current = PHASES.index(check_phase(phase))
    settings = settings or Settings()
    ids = {s.id: new_id(s.id) for s in TEAM_RETROSPECTIVE.agenda.steps}  # once each: new_id may be random
    agenda = TEAM_RETROSPECTIVE.instantiate(ids.__getitem__)
    chosen: dict[str, dict[str, object]] = {
        "collect": {"card_template": card_template, "blind_writing": settings.blind_writing},
        "cluster": {"participants_cluster": settings.participants_cluster},
        "discuss": {"participants_edit_notes": settings.participants_edit_notes},
    }
    if vote is not None:
        chosen["vote"] = {"dots_per_person": vote.dots_per_participant, "cap_per_item": vote.max_per_item,
                          "own_items": vote.own_items}
    for name, changes in chosen.items():
        agenda = agenda.change_settings(ids[name], changes)
    steps = [dataclasses.replace(s, state=DONE) if i < current
             else dataclasses.replace(s, state=RUNNING, started_at=now) if i == current else s
             for i, s in enumerate(agenda.steps)]
    return Agenda.of(steps)


def starting_agenda(*, card_template: str, settings: Settings, now: float,
                    new_id: Callable[[str], str]) -> Agenda:
    """A new workshop's agenda until the facilitator composes one: the *Team
    retrospective*, with the workshop's columns and switches, in the lobby."""
    return migrated_agenda("lobby", card_template=card_template, settings=settings, now=now, new_id=new_id)


# -- a new workshop's agenda ----------------------------------------------------------------------

# Workshop switches that steps hold too, with the kind that holds each. A new
# workshop follows the facilitator where they chose, and the agenda template's
# first step of that kind where they did not (All-hands groups cluster themselves).
SWITCHES = {"blind_writing": "collect", "participants_cluster": "cluster", "participants_edit_notes": "discuss"}


@dataclass(frozen=True)
class Opening:
    """What a new workshop starts with: its agenda, its card template and its switches."""
    agenda: Agenda
    card_template: str
    settings: Settings


def opening(template: AgendaTemplate, *, card_template: str | None, settings: Settings,
            chosen: Iterable[str] = (), now: float, new_id: Callable[[str], str]) -> Opening:
    """A new workshop made from ``template``: steps of its own (``new_id``), the first
    running since ``now``. A chosen ``card_template`` goes into the first collect step
    (the workshop's cards are written in it); without one the workshop takes that
    step's. Switches in ``chosen`` go into every step of their kind; the others come
    from the template's first step of their kind."""
    agenda = template.instantiate(new_id)
    collect = next((s for s in agenda.steps if s.kind == "collect"), None)
    if collect is not None and card_template is not None:
        agenda = agenda.change_settings(collect.id, {"card_template": card_template})
    columns = card_template or str(getattr(collect.settings, "card_template", DEFAULT_TEMPLATE)
                                   if collect else DEFAULT_TEMPLATE)
    picked = set(chosen)
    for switch, kind in SWITCHES.items():
        of_kind = [s for s in agenda.steps if s.kind == kind]
        if switch in picked:
            for step in of_kind:
                agenda = agenda.change_settings(step.id, {switch: getattr(settings, switch)})
        elif of_kind:
            settings = settings.changed(**{switch: getattr(agenda.step(of_kind[0].id).settings, switch)})
    return Opening(agenda.go_to(agenda.steps[0].id, now), columns, settings)
