"""The trail over HTTP: a JSON route and a readable page, for a workshop's items
or for a whole journey's.

Who may open which trail (docs/protocol.md, *The trail*):
- ``/trail/<workshop id>`` and ``/api/workshops/<id>/trail``: the workshop's
  facilitator key (or the admin). The trail starts only from an item of that
  workshop; it follows what was carried into earlier and later workshops (their
  titles, groups and texts along that one trail, nothing else of them), and
  names authors only of workshops the asker holds the key of (and that were not
  anonymous). Another workshop's item is answered as if it did not exist.
- ``/journeys/<id>/trail`` and ``/api/journeys/<id>/trail``: the journey's
  organiser key (or the admin); a trail from any item of the journey's
  workshops, naming authors of those workshops where they were not anonymous.
  A workshop's key never opens it.
"""
from __future__ import annotations

from flask import Blueprint, Flask, copy_current_request_context, jsonify, render_template, request

from .organise import is_admin, may_open, no_store, remembered
from .organise import require as require_workshop
from .organise_journeys import may_organise
from .organise_journeys import require as require_journey
from .services import services
from .store import journeys, trail, workshops

bp = Blueprint("trail", __name__)


def _named(workshop_id: str) -> frozenset[str] | None:
    """The workshops whose authors this asker may see: those it holds the key of."""
    return None if is_admin() else frozenset({workshop_id, *remembered()})


def _asked() -> tuple[str | None, str | None]:
    return request.args.get("kind"), request.args.get("id")


@bp.get("/api/workshops/<workshop_id>/trail")
def workshop_trail_json(workshop_id: str):
    require_workshop(workshop_id)
    kind, item_id = _asked()
    found = services().store.read(trail.of_workshop, workshop_id, kind, item_id, _named(workshop_id))
    return jsonify({"ok": True, "trail": found})


@bp.get("/api/journeys/<journey_id>/trail")
def journey_trail_json(journey_id: str):
    require_journey(journey_id)
    kind, item_id = _asked()
    return jsonify({"ok": True, "trail": services().store.read(trail.of_journey, journey_id, kind, item_id)})


@bp.get("/trail/<workshop_id>")
def workshop_trail_page(workshop_id: str):
    workshop = services().store.read(workshops.load, workshop_id)
    if not may_open(workshop_id):
        return render_template("unlock.html", workshop_id=workshop_id)
    kind, item_id = _asked()
    if kind is None and item_id is None:
        found, starts = None, services().store.read(trail.starts_of_workshop, workshop_id)
    else:
        found, starts = services().store.read(trail.of_workshop, workshop_id, kind, item_id, _named(workshop_id)), []
    return _page(title=workshop.title, found=found, starts=starts, startable={workshop_id},
                 back_links=[("Summary", f"/summary/{workshop_id}"), ("Strategy", f"/strategy/{workshop_id}")])


@bp.get("/journeys/<journey_id>/trail")
def journey_trail_page(journey_id: str):
    journey = services().store.read(journeys.load, journey_id)
    if not may_organise(journey_id):
        return render_template("journey_unlock.html", journey_id=journey_id)
    kind, item_id = _asked()
    held = services().store.read(trail.journey_workshops, journey_id)
    if kind is None and item_id is None:
        found, starts = None, services().store.read(trail.starts_of_journey, journey_id)
    else:
        found, starts = services().store.read(trail.of_journey, journey_id, kind, item_id), []
    return _page(title=journey["title"], found=found, starts=starts, startable=set(held),
                 back_links=[("Journey", f"/journeys/{journey_id}")])


def _page(**context) -> str:
    """A long trail is a deep tree of Jinja: rendered off the event loop, as the summary is."""
    def page() -> str:
        return render_template("trail.html", here=request.path, **context)
    return services().store.offload(copy_current_request_context(page))


bp.after_request(no_store)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

