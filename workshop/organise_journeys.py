"""Organisers' journeys over HTTP: create one, add workshops to its stages, the bowtie page.

Who may open a journey: whoever holds its organiser key, or the admin. A
workshop's facilitator key never opens a journey. Scripts send the organiser
key as ``Authorization: Bearer …``; browsers prove it once to
``/api/journeys/unlock`` and the signed session cookie remembers the journey.
"""
from __future__ import annotations

from flask import (
    Blueprint,
    Flask,
    copy_current_request_context,
    current_app,
    jsonify,
    render_template,
    request,
    session,
)

from .domain import journeys as rules
from .domain import next_stage as next_rules
from .domain import workshop as workshop_rules
from .domain.errors import Forbidden, InvalidInput
from .export import journey_dashboard
from .organise import MAX_REMEMBERED, bearer, is_admin, keep, may_open, no_store, refused, remember, remembered
from .services import services
from .shapes import bounded, client_id, shape
from .store import briefings, journey_feed, journey_kpis, journeys, progress, projects, workshops
from .web import body, join_url

bp = Blueprint("journeys", __name__)



@shape
class NewJourney:
    title: str = bounded(1000)
    purpose: str = bounded(10_000, default="")
    teams: list[dict] | None = None  # [{"team": name, "expected": head count}]


@shape
class Unlock:
    keys: dict  # journey id -> organiser key


@shape
class Rename:
    title: str | None = bounded(1000, default=None)      # None: left as it is
    purpose: str | None = bounded(10_000, default=None)
    teams: list[dict] | None = None


@shape
class DeleteJourney:
    confirm: str | None = bounded(1000, default=None)  # the journey's title, typed again


@shape
class NewStageWorkshop:
    stage: str = bounded(20)
    title: str = bounded(1000)
    context: str = bounded(10_000, default="")
    agenda: str | None = bounded(100, default=None)  # the stage's own, unless asked otherwise
    team: str | None = bounded(100, default=None)


@shape
class Feed:
    stage: str = bounded(20)  # the stage fed from; its next stage gets the new workshop
    sources: list[str] = client_id(key="from")
    title: str = bounded(1000, default="")
    top: int | None = None
    merges: list[list[str]] | None = bounded(200, default=None)  # item keys to carry as one (from the preview)


@shape
class Attach:
    stage: str = bounded(20)
    workshop_id: str = client_id()
    facilitator_key: str | None = bounded(200, default=None)  # unless this browser holds it already
    team: str | None = bounded(100, default=None)


# -- who may open what ------------------------------------------------------------

def _remembered() -> list[str]:
    return remembered("organises")


def _remember(journey_id: str) -> None:
    keep([journey_id], "organises")


def may_organise(journey_id: str) -> bool:
    if is_admin() or journey_id in _remembered():
        return True
    key = bearer()
    return key is not None and services().store.read(journeys.is_organiser_key, journey_id, key)


def require(journey_id: str) -> dict:
    """The journey, for its organiser (or the admin); a guessed key is throttled."""
    journey = services().store.read(journeys.load, journey_id)
    if not may_organise(journey_id):
        message = "this needs the journey's organiser key (or the admin token)"
        raise refused(message) if bearer() is not None else Forbidden(message)
    return journey


def _require_workshop(workshop_id: str, key: str | None) -> None:
    """Attaching a workshop also needs that workshop's own key (or the admin)."""
    services().store.read(workshops.load, workshop_id)
    if may_open(workshop_id):
        return
    if key is None:
        raise Forbidden("attaching a workshop needs its facilitator key too")
    if not services().store.read(workshops.is_facilitator_key, workshop_id, key):
        raise refused("that facilitator key does not open this workshop")


# -- routes ---------------------------------------------------------------------------

@bp.get("/journeys")
def journeys_page():
    return render_template("journeys.html", admin_available=bool(services().config.admin_token))


@bp.get("/journeys/<journey_id>")
def journey_page(journey_id: str):
    services().store.read(journeys.load, journey_id)
    if not may_organise(journey_id):
        # The key may be in the URL fragment: the page proves it, then reloads.
        return render_template("journey_unlock.html", journey_id=journey_id)
    model = services().store.read(journeys.bowtie, journey_id)
    shares = services().store.read(briefings.shares, journey_id)
    portfolio = services().store.read(projects.portfolio, journey_id)
    measures = services().store.read(progress.board, journey_id)
    return render_template("journey.html", **model, stage_keys=[s.key for s in rules.STAGES], shares=shares,
                           portfolio=portfolio, adoption=portfolio["adoption"], measures=measures,
                           trends=journey_dashboard.trends(measures))


@bp.post("/api/journeys")
def create_journey():
    asked = body(NewJourney)
    new = rules.new_journey(asked.title, asked.purpose, asked.teams)
    created, _ = services().store.write(journeys.create, new)
    _remember(created["id"])
    host = request.host_url.rstrip("/")
    created["journey_url"] = f"{host}/journeys/{created['id']}#key={created['organiser_key']}"
    return jsonify({"ok": True, **created}), 201


@bp.get("/api/journeys")
def listing():
    admin = is_admin()
    rows = services().store.read(journeys.listing, None if admin else _remembered())
    return jsonify({"ok": True, "admin": admin, "journeys": rows})


@bp.post("/api/journeys/unlock")
def unlock():
    """Prove organiser keys: ``{"keys": {"<journey id>": "<key>", ...}}``."""
    keys = body(Unlock).keys
    if len(keys) > MAX_REMEMBERED:
        raise InvalidInput(f"keys must map journey ids to organiser keys (at most {MAX_REMEMBERED})")

    def check(tx):
        return [jid for jid, key in keys.items() if isinstance(jid, str) and journeys.is_organiser_key(tx, jid, key)]
    valid = services().store.read(check)
    if keys and not valid:
        raise refused("those keys open no journey")
    for journey_id in valid:
        _remember(journey_id)
    return jsonify({"ok": True, "opened": valid, "refused": [j for j in keys if j not in valid]})


@bp.get("/api/journeys/<journey_id>")
def journey_json(journey_id: str):
    require(journey_id)
    return jsonify({"ok": True, **services().store.read(journeys.bowtie, journey_id)})


@bp.patch("/api/journeys/<journey_id>")
def rename_journey(journey_id: str):
    """Change the title, purpose or expected head counts (what is not sent stays)."""
    require(journey_id)
    asked = body(Rename)
    journey, _ = services().store.write(journeys.rename, journey_id, asked.title, asked.purpose, asked.teams)
    return jsonify({"ok": True, "journey": journey})


@bp.delete("/api/journeys/<journey_id>")
def delete_journey(journey_id: str):
    """The journey, its links and share links go; its workshops stay."""
    require(journey_id)
    counts, _ = services().store.write(journeys.delete, journey_id, body(DeleteJourney).confirm)
    session["organises"] = [j for j in _remembered() if j != journey_id]
    return jsonify({"ok": True, "deleted": counts})


@bp.get("/journeys/<journey_id>/delete")
def delete_page(journey_id: str):
    """Asks first: what goes, what stays, and the title to type."""
    services().store.read(journeys.load, journey_id)
    if not may_organise(journey_id):
        return render_template("journey_unlock.html", journey_id=journey_id)
    model = services().store.read(journeys.bowtie, journey_id)
    shares = services().store.read(briefings.shares, journey_id)
    held = services().store.read(projects.export, journey_id)
    readings = services().store.read(progress.export, journey_id)
    return render_template("journey_delete.html", **model, shares=shares, projects=held, readings=readings)


@bp.get("/api/journeys/<journey_id>/export")
def export_journey(journey_id: str):
    """The journey as JSON: stages, links and which workshops (not their content)."""
    require(journey_id)
    exported = services().store.read(lambda tx: {**journeys.export(tx, journey_id),
                                                 "projects": projects.export(tx, journey_id),
                                                 "readings": progress.export(tx, journey_id)})
    response = jsonify(exported)
    response.headers["Content-Disposition"] = f'attachment; filename="bowtie-journey-{journey_id[:8]}.json"'
    return response


@bp.post("/api/journeys/<journey_id>/workshops")
def add_workshop(journey_id: str):
    """A new workshop in a stage, from the stage's agenda template."""
    require(journey_id)
    asked = body(NewStageWorkshop)
    stage = rules.stage(asked.stage)
    new = workshop_rules.new_workshop(asked.title, asked.context, agenda_key=asked.agenda or stage.agenda,
                                      group_size=services().config.group_size)
    created, _ = services().store.write(journeys.add_new, journey_id, stage.key, new, asked.team)
    remember(created["id"])
    host = request.host_url.rstrip("/")
    created.update(stage=stage.key, join_url=join_url(created["code"]),
                   control_url=f"{host}/control/{created['id']}#key={created['facilitator_key']}")
    return jsonify({"ok": True, **created}), 201


@bp.post("/api/journeys/<journey_id>/workshops/attach")
def attach_workshop(journey_id: str):
    require(journey_id)
    asked = body(Attach)
    _require_workshop(asked.workshop_id, asked.facilitator_key)
    attached, _ = services().store.write(journeys.attach, journey_id, asked.stage, asked.workshop_id, asked.team)
    remember(asked.workshop_id)
    return jsonify({"ok": True, **attached}), 201


@bp.delete("/api/journeys/<journey_id>/workshops/<workshop_id>")
def detach_workshop(journey_id: str, workshop_id: str):
    """Take a workshop out of the journey (the workshop stays)."""
    require(journey_id)
    detached, _ = services().store.write(journeys.detach, journey_id, workshop_id)
    return jsonify({"ok": True, **detached})


def _feed(journey_id: str) -> tuple[Feed, list[str], int]:
    require(journey_id)
    asked = body(Feed)
    return asked, next_rules.check_sources(asked.sources), next_rules.check_top(asked.top)


@bp.post("/api/journeys/<journey_id>/feed/preview")
def feed_preview(journey_id: str):
    """What feeding the next stage from these workshops would carry, and which items look alike."""
    asked, sources, top = _feed(journey_id)
    preview = services().store.read(journey_feed.preview, journey_id, asked.stage, sources, top)
    return jsonify({"ok": True, "preview": preview})


@bp.post("/api/journeys/<journey_id>/feed")
def feed(journey_id: str):
    """A new workshop in the next stage from the top items of finished workshops of this one."""
    asked, sources, top = _feed(journey_id)
    following = rules.next_stage(asked.stage)
    new = workshop_rules.new_workshop(asked.title or following.title, "", agenda_key=following.agenda,
                                      group_size=services().config.group_size)
    created, _ = services().store.write(journey_feed.feed, journey_id, asked.stage, sources, top, new, asked.merges)
    remember(created["id"])
    host = request.host_url.rstrip("/")
    created.update(join_url=join_url(created["code"]),
                   control_url=f"{host}/control/{created['id']}#key={created['facilitator_key']}")
    return jsonify({"ok": True, **created}), 201


# -- the dashboard ----------------------------------------------------------------------

def _kpis(journey_id: str) -> dict:
    # Every session's summary: a consistent read, off the event loop (as the exports' are).
    return services().store.read(journey_kpis.kpis, journey_id)


@bp.get("/api/journeys/<journey_id>/kpis")
def kpis_json(journey_id: str):
    require(journey_id)
    return jsonify({"ok": True, **_kpis(journey_id)})


def _compared(journey_id: str) -> dict:
    """The two selections of ``?a=…&b=…`` side by side (values as the dashboard's form sends them)."""
    return services().store.read(journey_kpis.comparison, journey_id, request.args.get("a"), request.args.get("b"))


@bp.get("/journeys/<journey_id>/dashboard")
def dashboard_page(journey_id: str):
    services().store.read(journeys.load, journey_id)
    if not may_organise(journey_id):
        return render_template("journey_unlock.html", journey_id=journey_id)
    kpis = _kpis(journey_id)
    first, second = request.args.get("a", ""), request.args.get("b", "")
    compared, problem = None, None
    if first and second:
        try:
            compared = journey_dashboard.comparison_context(_compared(journey_id))
        except InvalidInput as error:  # a stale or hand-made pick: the page says so and offers the form
            problem = str(error)

    portfolio = services().store.read(projects.portfolio, journey_id)
    measures = services().store.read(progress.board, journey_id)

    def page() -> str:
        return render_template("journey_dashboard.html", **journey_dashboard.context(kpis),
                               **journey_dashboard.projects_context(portfolio),
                               **journey_dashboard.progress_context(measures),
                               compared=compared, problem=problem, picked=(first, second))
    return services().store.offload(copy_current_request_context(page))


@bp.get("/journeys/<journey_id>/dashboard.csv")
def dashboard_csv(journey_id: str):
    require(journey_id)
    kpis = _kpis(journey_id)
    adoption = services().store.read(projects.portfolio, journey_id)["adoption"]
    measures = services().store.read(progress.board, journey_id)
    return csv_download(services().store.offload(journey_dashboard.render_csv, kpis, adoption, measures),
                         f"bowtie-journey-{journey_id[:8]}-kpis.csv")


@bp.get("/api/journeys/<journey_id>/compare")
def compare_json(journey_id: str):
    require(journey_id)
    return jsonify({"ok": True, **_compared(journey_id)})


@bp.get("/journeys/<journey_id>/compare.csv")
def compare_csv(journey_id: str):
    require(journey_id)
    compared = _compared(journey_id)
    return csv_download(services().store.offload(journey_dashboard.render_comparison_csv, compared),
                         f"bowtie-journey-{journey_id[:8]}-comparison.csv")


def csv_download(data: bytes, filename: str):
    response = current_app.response_class(data, mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


bp.after_request(no_store)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
