"""Projects by pillar: carrying the strategy into the teams' plans.

After the offsite, the teams plan their next half year and prioritise each
project by the pillar it moves forward, its "impacted pillar" (seed 000). A
journey keeps those projects: a title, the team or office that runs it, and the
pillar of the formulate stage it serves, or none yet. Within each pillar the
projects stand in the order of their priority; the organiser reorders them.
A project whose pillar was since removed from the offsite falls back to "no
pillar", marked so, rather than disappearing.

A project may also name the key result it moves: one of its pillar's, from an
objective the offsite presented or accepted. That is how the teams' plans reach
the measures of the strategy, and how the key results no project moves show.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from . import okrs, text
from .errors import Conflict, InvalidInput, NotFound

TITLE_MAX = 120
TEAM_MAX = 60
MAX_PROJECTS = 500  # per journey: a department's portfolio, not a backlog
# The objectives whose key results a project may move: the strategy shows them (drafts it does not).
MEASURED = (okrs.PRESENTED, okrs.ACCEPTED)


class ProjectNotFound(NotFound):
    code = "no_such_project"


class UnknownPillar(InvalidInput):
    code = "unknown_pillar"


class UnknownKeyResult(InvalidInput):
    code = "unknown_key_result"


class ProjectIdTaken(Conflict):
    code = "project_id_taken"


class TooManyProjects(Conflict):
    code = "too_many_projects"


@dataclass(frozen=True)
class Project:
    id: str
    title: str
    team: str
    pillar_id: str | None  # None: serves no pillar yet
    key_result_id: str | None = None  # None: moves no key result named yet


@dataclass(frozen=True)
class Strategy:
    """What a project may serve: the formulate stage's pillars, and its key results
    with the pillar each belongs to."""
    pillar_ids: frozenset[str]
    key_result_pillars: Mapping[str, str]

    @classmethod
    def of(cls, pillars: Iterable[dict], key_results: Iterable[dict] = ()) -> Strategy:
        return cls(frozenset(p["id"] for p in pillars), {k["id"]: k["pillar_id"] for k in key_results})


def _title(value: object) -> str:
    return text.clean(value, field="title", min_len=1, max_len=TITLE_MAX, multiline=False)


def _team(value: object) -> str:
    return text.optional(value, field="team", max_len=TEAM_MAX)


def _pillar(value: object, strategy: Strategy) -> str | None:
    """"" or None: no pillar; otherwise one of the journey's pillars."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value not in strategy.pillar_ids:
        raise UnknownPillar("that pillar is not one of this journey's (the formulate stage's pillars)",
                            field="pillar_id")
    return value


def _key_result(value: object, pillar_id: str | None, strategy: Strategy) -> str | None:
    """"" or None: none named; otherwise a key result of the project's pillar."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or pillar_id is None or strategy.key_result_pillars.get(value) != pillar_id:
        raise UnknownKeyResult("that key result is not one of the project's pillar's (its objectives "
                               "presented or accepted at the offsite)", field="key_result_id")
    return value


def new_project(project_id: str, title: object, team: object, pillar_id: object, key_result_id: object,
                strategy: Strategy, how_many: int) -> Project:
    """A project to add, the journey holding ``how_many`` already."""
    if how_many >= MAX_PROJECTS:
        raise TooManyProjects(f"a journey holds at most {MAX_PROJECTS} projects")
    pillar = _pillar(pillar_id, strategy)
    return Project(project_id, _title(title), _team(team), pillar, _key_result(key_result_id, pillar, strategy))


def changed(project: Project, title: object, team: object, pillar_id: object, key_result_id: object,
            strategy: Strategy) -> Project:
    """What is None stays as it is; a pillar of "" takes the project off its pillar.
    Another pillar lets go of the key result, which was the old pillar's."""
    pillar = project.pillar_id if pillar_id is None else _pillar(pillar_id, strategy)
    if key_result_id is None:
        key_result = project.key_result_id if pillar == project.pillar_id else None
    else:
        key_result = _key_result(key_result_id, pillar, strategy)
    return Project(
        project.id,
        project.title if title is None else _title(title),
        project.team if team is None else _team(team),
        pillar,
        key_result,
    )


def place(position: object) -> int:
    """A place among a pillar's projects, counted from 0."""
    if isinstance(position, bool) or not isinstance(position, int) or position < 0:
        raise InvalidInput("position must be a whole number from 0", field="position")
    return position


def moved(order: list[str], project_id: str, position: object) -> list[str]:
    """``order`` (one pillar's projects, first priority first) with the project at
    ``position``; a position past the end puts it last."""
    rest = [p for p in order if p != project_id]
    rest.insert(min(place(position), len(rest)), project_id)
    return rest


def portfolio(pillars: Iterable[dict], projects: Iterable[dict], key_results: Iterable[dict] = ()) -> list[dict]:
    """The projects grouped under the pillars they serve, pillars in the strategy's
    order, each group in priority order; then those serving no pillar, where a
    project whose pillar is gone says so. ``projects`` come in priority order.
    Each pillar lists its key results with how many projects move each; a project
    names its key result and that key result's objective, or says the one it named is gone."""
    by_pillar: dict[str, list[dict]] = {}
    measures: dict[str, list[dict]] = {}
    for kr in key_results:
        measures.setdefault(kr["pillar_id"], []).append({"id": kr["id"], "statement": kr["statement"],
                                                         "objective_id": kr["objective_id"], "projects": 0})
    groups = [{"pillar": pillar, "projects": by_pillar.setdefault(pillar["id"], []),
               "key_results": measures.get(pillar["id"], [])} for pillar in pillars]
    unplaced: list[dict] = []
    for project in projects:
        home = by_pillar.get(project["pillar_id"])
        if home is not None:
            home.append({**project, "pillar_gone": False,
                         **_measure(project, measures.get(project["pillar_id"], []))})
        else:
            unplaced.append({**project, "pillar_gone": project["pillar_id"] is not None,
                             "key_result": None, "objective_id": None,
                             "key_result_gone": project.get("key_result_id") is not None})
    return [*groups, {"pillar": None, "projects": unplaced, "key_results": []}]


def _measure(project: dict, pillar_key_results: list[dict]) -> dict:
    """The statement and objective of the key result the project moves (counted on it), or whether
    the one it named is gone."""
    named = project.get("key_result_id")
    found = next((kr for kr in pillar_key_results if kr["id"] == named), None)
    if found is not None:
        found["projects"] += 1
    return {"key_result": found and found["statement"], "objective_id": found and found["objective_id"],
            "key_result_gone": named is not None and found is None}


def adoption(groups: list[dict]) -> dict:
    """How far the teams' plans carry the strategy ("focus on projects that move us
    forward", seed 000): how many projects serve a pillar, how many each pillar
    has, and the pillars no project serves; how many key results a project moves,
    and those none moves (pillar, statement)."""
    total = sum(len(g["projects"]) for g in groups)
    served = [g for g in groups if g["pillar"]]
    placed = sum(len(g["projects"]) for g in served)
    measures = [(g["pillar"]["name"], kr) for g in served for kr in g["key_results"]]
    return {"projects": total, "on_a_pillar": placed,
            "percent": round(100 * placed / total) if total else None,
            "per_pillar": [(g["pillar"]["name"], len(g["projects"])) for g in served],
            "unserved": [g["pillar"]["name"] for g in served if not g["projects"]],
            "key_results": len(measures),
            "key_results_moved": sum(1 for _, kr in measures if kr["projects"]),
            "per_key_result": [(name, kr["statement"], kr["projects"]) for name, kr in measures],
            "unmoved": [(name, kr["statement"]) for name, kr in measures if not kr["projects"]]}
