"""Projects by pillar: carrying the strategy into the teams' plans.

After the offsite, the teams plan their next half year and prioritise each
project by the pillar it moves forward, its "impacted pillar" (seed 000). A
journey keeps those projects: a title, the team or office that runs it, and the
pillar of the formulate stage it serves, or none yet. Within each pillar the
projects stand in the order of their priority; the organiser reorders them.
A project whose pillar was since removed from the offsite falls back to "no
pillar", marked so, rather than disappearing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Iterable

from . import text
from .errors import Conflict, InvalidInput, NotFound

TITLE_MAX = 120
TEAM_MAX = 60
MAX_PROJECTS = 500  # per journey: a department's portfolio, not a backlog


class ProjectNotFound(NotFound):
    code = "no_such_project"


class UnknownPillar(InvalidInput):
    code = "unknown_pillar"


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


def _title(value: object) -> str:
    return text.clean(value, field="title", min_len=1, max_len=TITLE_MAX, multiline=False)


def _team(value: object) -> str:
    return text.optional(value, field="team", max_len=TEAM_MAX)


def _pillar(value: object, pillar_ids: Collection[str]) -> str | None:
    """"" or None: no pillar; otherwise one of the journey's pillars."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or value not in pillar_ids:
        raise UnknownPillar("that pillar is not one of this journey's (the formulate stage's pillars)",
                            field="pillar_id")
    return value


def new_project(project_id: str, title: object, team: object, pillar_id: object,
                pillar_ids: Collection[str], how_many: int) -> Project:
    """A project to add, the journey holding ``how_many`` already."""
    if how_many >= MAX_PROJECTS:
        raise TooManyProjects(f"a journey holds at most {MAX_PROJECTS} projects")
    return Project(project_id, _title(title), _team(team), _pillar(pillar_id, pillar_ids))


def changed(project: Project, title: object, team: object, pillar_id: object,
            pillar_ids: Collection[str]) -> Project:
    """What is None stays as it is; a pillar of "" takes the project off its pillar."""
    return Project(
        project.id,
        project.title if title is None else _title(title),
        project.team if team is None else _team(team),
        project.pillar_id if pillar_id is None else _pillar(pillar_id, pillar_ids),
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


def portfolio(pillars: Iterable[dict], projects: Iterable[dict]) -> list[dict]:
    """The projects grouped under the pillars they serve, pillars in the strategy's
    order, each group in priority order; then those serving no pillar, where a
    project whose pillar is gone says so. ``projects`` come in priority order."""
    by_pillar: dict[str, list[dict]] = {}
    groups = [{"pillar": pillar, "projects": by_pillar.setdefault(pillar["id"], [])} for pillar in pillars]
    unplaced: list[dict] = []
    for project in projects:
        home = by_pillar.get(project["pillar_id"])
        if home is not None:
            home.append({**project, "pillar_gone": False})
        else:
            unplaced.append({**project, "pillar_gone": project["pillar_id"] is not None})
    return [*groups, {"pillar": None, "projects": unplaced}]


def adoption(groups: list[dict]) -> dict:
    """How far the teams' plans carry the strategy ("focus on projects that move us
    forward", seed 000): how many projects serve a pillar, how many each pillar
    has, and the pillars no project serves."""
    total = sum(len(g["projects"]) for g in groups)
    served = [g for g in groups if g["pillar"]]
    placed = sum(len(g["projects"]) for g in served)
    return {"projects": total, "on_a_pillar": placed,
            "percent": round(100 * placed / total) if total else None,
            "per_pillar": [(g["pillar"]["name"], len(g["projects"])) for g in served],
            "unserved": [g["pillar"]["name"] for g in served if not g["projects"]]}
