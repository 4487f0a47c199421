"""Share back over HTTP: an organiser publishes, lists and revokes the briefings'
share links; anyone holding a link reads that one briefing, and nothing else.

A share link proves itself by its path, ``/briefings/<share id>/<secret>``; it
never joins the browser's session, so it opens no journey, workshop or export.
"""
from __future__ import annotations

import time

from flask import Blueprint, Flask, jsonify, render_template, request

from .domain import briefings as rules
from .organise import refused
from .organise_journeys import require
from .services import services
from .shapes import bounded, shape
from .store import briefings
from .web import body

bp = Blueprint("share_back", __name__)


@shape
class Publish:
    kind: str = bounded(20)
    expires_in_days: float | None = None


def share_url(share: dict) -> str:
    return f"{request.host_url.rstrip('/')}/briefings/{share['id']}/{share['secret']}"


@bp.post("/api/journeys/<journey_id>/briefings")
def publish(journey_id: str):
    """A new share link of the leadership or the organisation briefing (its secret shown this once)."""
    require(journey_id)
    asked = body(Publish)
    new = rules.new_share(asked.kind, asked.expires_in_days, time.time())
    share, _ = services().store.write(briefings.publish, journey_id, new)
    share["url"] = share_url(share)
    return jsonify({"ok": True, "share": share}), 201


@bp.get("/api/journeys/<journey_id>/briefings")
def listing(journey_id: str):
    require(journey_id)
    return jsonify({"ok": True, "shares": services().store.read(briefings.shares, journey_id)})


@bp.delete("/api/journeys/<journey_id>/briefings/<share_id>")
def revoke(journey_id: str, share_id: str):
    require(journey_id)
    share, _ = services().store.write(briefings.revoke, journey_id, share_id)
    return jsonify({"ok": True, "share": share})


@bp.get("/briefings/<share_id>/<secret>")
def briefing_page(share_id: str, secret: str):
    if not services().store.read(briefings.is_secret, share_id, secret):
        # An unknown link and a wrong secret read the same, and both count as a guess.
        raise refused("this briefing link is not valid")
    share, _ = services().store.write(briefings.open_share, share_id)
    model = services().store.read(briefings.briefing, share["journey_id"], share["kind"])
    return render_template("briefing.html", briefing=model, expires=when(share["expires_at"]))


def when(at: float | None) -> str | None:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(at)) if at is not None else None


@bp.after_request
def _private(response):
    # The secret is in the path: never cached, never indexed, never sent on as a referrer.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.add_template_filter(when, "utc")
