"""Projects by pillar over HTTP: an organiser lists, adds, changes, reorders and
removes a journey's projects (domain/projects.py), and downloads them as CSV.
Who may: as for the journey."""
from __future__ import annotations

from flask import Blueprint, Flask, jsonify

from .export import projects_csv
from .organise import no_store
from .organise_journeys import csv_download, require
from .services import services
from .shapes import bounded, client_id, shape
from .store import projects
from .web import body

bp = Blueprint("journey_projects", __name__)


@shape
class NewProject:
    id: str = client_id()  # the client's: sent again, the project is not added twice
    title: str = bounded(1000)
    team: str | None = bounded(200, default=None)
    pillar_id: str | None = bounded(100, default=None)  # none or "": serves no pillar yet
    key_result_id: str | None = bounded(100, default=None)  # one of its pillar's; none or "": none named


@shape
class ChangeProject:
    title: str | None = bounded(1000, default=None)  # None: as it is
    team: str | None = bounded(200, default=None)
    pillar_id: str | None = bounded(100, default=None)  # "": off its pillar
    key_result_id: str | None = bounded(100, default=None)  # "": names none
    position: int | None = None  # its place among its pillar's projects, from 0


@bp.get("/api/journeys/<journey_id>/projects")
def portfolio(journey_id: str):
    require(journey_id)
    return jsonify({"ok": True, **services().store.read(projects.portfolio, journey_id)})


@bp.get("/journeys/<journey_id>/projects.csv")
def portfolio_csv(journey_id: str):
    require(journey_id)
    groups = services().store.read(projects.portfolio, journey_id)["groups"]
    return csv_download(projects_csv.render(groups), f"bowtie-journey-{journey_id[:8]}-projects.csv")


@bp.post("/api/journeys/<journey_id>/projects")
def add(journey_id: str):
    require(journey_id)
    asked = body(NewProject)
    project, _ = services().store.write(projects.add, journey_id, asked.id, asked.title, asked.team,
                                        asked.pillar_id, asked.key_result_id)
    return jsonify({"ok": True, "project": project}), 201


@bp.patch("/api/journeys/<journey_id>/projects/<project_id>")
def change(journey_id: str, project_id: str):
    require(journey_id)
    asked = body(ChangeProject)
    project, _ = services().store.write(projects.change, journey_id, project_id, asked.title, asked.team,
                                        asked.pillar_id, asked.position, asked.key_result_id)
    return jsonify({"ok": True, "project": project})


@bp.delete("/api/journeys/<journey_id>/projects/<project_id>")
def remove(journey_id: str, project_id: str):
    require(journey_id)
    project, _ = services().store.write(projects.remove, journey_id, project_id)
    return jsonify({"ok": True, "project": project})


bp.after_request(no_store)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
