"""Key results, measured, over HTTP: an organiser reads where a journey's key results
stand, records a reading of one, removes a reading made by mistake, and downloads
every reading as CSV (domain/progress.py). Who may: as for the journey."""
from __future__ import annotations

from flask import Blueprint, Flask, jsonify

from .export import readings_csv
from .organise import no_store
from .organise_journeys import csv_download, require
from .services import services
from .shapes import bounded, client_id, shape
from .store import progress
from .web import body

bp = Blueprint("journey_progress", __name__)


@shape
class NewReading:
    id: str = client_id()  # the client's: sent again, the reading is not recorded twice
    key_result_id: str = bounded(100)
    value: float | str = bounded(40)  # 42, 4.5, or as typed: "4,5"
    taken_on: str | None = bounded(40, default=None)  # yyyy-mm-dd; none: today
    note: str | None = bounded(1000, default=None)


@bp.get("/api/journeys/<journey_id>/key-results")
def board(journey_id: str):
    require(journey_id)
    return jsonify({"ok": True, **services().store.read(progress.board, journey_id)})


@bp.get("/journeys/<journey_id>/readings.csv")
def readings_download(journey_id: str):
    require(journey_id)
    groups = services().store.read(progress.board, journey_id)["groups"]
    return csv_download(readings_csv.render(groups), f"bowtie-journey-{journey_id[:8]}-readings.csv")


@bp.post("/api/journeys/<journey_id>/readings")
def add(journey_id: str):
    require(journey_id)
    asked = body(NewReading)
    reading, _ = services().store.write(progress.add, journey_id, asked.id, asked.key_result_id, asked.value,
                                        asked.taken_on, asked.note)
    return jsonify({"ok": True, "reading": reading}), 201


@bp.delete("/api/journeys/<journey_id>/readings/<reading_id>")
def remove(journey_id: str, reading_id: str):
    require(journey_id)
    reading, _ = services().store.write(progress.remove, journey_id, reading_id)
    return jsonify({"ok": True, "reading": reading})


bp.after_request(no_store)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
