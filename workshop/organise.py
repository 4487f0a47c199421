"""Organisers, after the session: past workshops, summaries, exports, imports, the next stage.

Who may open a workshop here: whoever holds its facilitator key, or the admin
(when the server has ``BOWTIE_ADMIN_TOKEN``). Scripts send the key (or the
admin token) as ``Authorization: Bearer …``. Browsers prove their keys once to
``/api/organise/unlock``; the signed session cookie then remembers which
workshops they may open, so that summary pages and downloads are plain links.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import time
from pathlib import Path
from typing import Callable, TypeVar

from flask import (
    Blueprint,
    Flask,
    Response,
    copy_current_request_context,
    current_app,
    jsonify,
    render_template,
    request,
    session,
)

from .domain import next_stage as next_rules
from .domain import workshop as rules
from .domain.errors import DomainError, Forbidden, InvalidInput, NotFound
from .export import agreement, clock, csv_zip, figure, filename, json_io, markdown, minutes, report, when
from .gzipped import compress
from .services import services
from .shapes import bounded, client_id, shape
from .store import journeys, library, next_stage, strategy, transfer, workshops
from .store.summary import summary as read_summary
from .web import body, join_url

bp = Blueprint("organise", __name__)
T = TypeVar("T")

# The JSON export of a 10,000-card workshop is 3.4 MB (bench/exports.py): ten times that
# fits any real workshop, and parsing it is bounded (256 MB once took the process to 1.6 GB).
MAX_IMPORT_BYTES = 32 * 1024 * 1024
MAX_REMEMBERED = 100  # workshops a browser session remembers (the cookie stays small)
REPORT_CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "report.css"


@shape
class Unlock:
    keys: dict  # workshop id -> facilitator key


@shape
class AdminLogin:
    token: str = bounded(1000, default="")


@shape
class Archive:
    archived: bool


@shape
class Delete:
    confirm: str | None = bounded(100, default=None)  # the workshop's join code
    leave_journey: bool | None = None  # a workshop of a journey: "yes, take it out of the journey"


@shape
class NextWorkshop:
    sources: list[str] = client_id(key="from")  # the earlier workshops' ids
    title: str = bounded(1000)
    context: str = bounded(10_000, default="")
    template: str | None = bounded(100, default=None)
    top: int | None = None


# -- who may open what ---------------------------------------------------------

def bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.startswith("Bearer ") else None


def _fingerprint(token: str) -> str:
    # The cookie holds a fingerprint, so that changing the admin token logs every browser out.
    return hashlib.sha256(b"bowtie.admin:" + token.encode()).hexdigest()[:32]


def is_admin() -> bool:
    config = services().config
    token = config.admin_token
    if not token:
        return False
    given = bearer()
    if given is not None and hmac.compare_digest(given.encode(), token.encode()):
        return True
    # The login's time is in the signed cookie: the server ends the session, whatever
    # the browser keeps.
    fresh = time.time() - _number(session.get("admin_at")) < config.admin_session_hours * 3600
    return fresh and hmac.compare_digest(str(session.get("admin", "")), _fingerprint(token))


def _number(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def refused(message: str) -> DomainError:
    """A wrong key or token, answered as slowly as this address has earned (guard.py)."""
    return services().key_guesses.answer(request.remote_addr, Forbidden(message))


def remembered(name: str = "facilitates") -> list[str]:
    """The ids this browser session remembers under ``name`` (workshops, or journeys)."""
    ids = session.get(name)
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []


def keep(ids: list[str], name: str = "facilitates") -> None:
    """Remember ``ids`` first, then what was remembered before, newest first and bounded."""
    session[name] = list(dict.fromkeys([*ids, *remembered(name)]))[:MAX_REMEMBERED]


def remember(workshop_id: str) -> None:
    """This browser may open the workshop from now on (it made it, or proved its key)."""
    keep([workshop_id])


def may_open(workshop_id: str) -> bool:
    if is_admin() or workshop_id in remembered():
        return True
    key = bearer()
    return key is not None and services().store.read(workshops.is_facilitator_key, workshop_id, key)


def require(workshop_id: str) -> None:
    services().store.read(workshops.load, workshop_id)  # an unknown id is a 404, before any key check
    if not may_open(workshop_id):
        message = "this needs the workshop's facilitator key (or the admin token)"
        # A key sent and refused is a guess; a browser that merely lacks one is not.
        raise refused(message) if bearer() is not None else Forbidden(message)


@bp.post("/api/organise/unlock")
def unlock():
    """Prove facilitator keys: ``{"keys": {"<workshop id>": "<key>", ...}}``."""
    keys = body(Unlock).keys
    if len(keys) > MAX_REMEMBERED:
        raise InvalidInput(f"keys must map workshop ids to facilitator keys (at most {MAX_REMEMBERED})")

    def check(tx):
        return [wid for wid, key in keys.items() if isinstance(wid, str) and workshops.is_facilitator_key(tx, wid, key)]
    valid = services().store.read(check)
    keep(valid)
    return jsonify({"ok": True, "opened": valid, "refused": [w for w in keys if w not in valid]})


@bp.post("/api/organise/admin")
def admin_login():
    token = services().config.admin_token
    if not token:
        raise NotFound("the admin view is off: start the server with BOWTIE_ADMIN_TOKEN")
    given = body(AdminLogin).token
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise refused("that is not the admin token")
    session["admin"] = _fingerprint(token)
    session["admin_at"] = time.time()
    return jsonify({"ok": True, "admin": True})


@bp.post("/api/organise/forget")
def forget():
    session.pop("facilitates", None)
    session.pop("admin", None)
    return jsonify({"ok": True})


# -- past workshops --------------------------------------------------------------

@bp.get("/workshops")
def workshops_page():
    return render_template("workshops.html", admin_available=bool(services().config.admin_token))


@bp.get("/api/organise/workshops")
def listing():
    """The workshops this browser (or script) may open; every one for the admin.
    ``?compare=1`` adds each workshop's analytics, for comparing sessions."""
    admin = is_admin()
    ids = None if admin else remembered()
    if request.args.get("compare") == "1":
        rows = services().store.read(library.compare, ids)
    else:
        rows = services().store.read(library.listing, ids)
    return jsonify({"ok": True, "admin": admin, "workshops": rows})


@bp.post("/api/workshops/<workshop_id>/archive")
def archive(workshop_id: str):
    require(workshop_id)
    result, _ = services().store.write(library.archive, workshop_id, body(Archive).archived)
    return jsonify({"ok": True, **result})


@bp.delete("/api/workshops/<workshop_id>")
def delete(workshop_id: str):
    require(workshop_id)
    asked = body(Delete)
    counts, _ = services().store.write(journeys.delete_workshop, workshop_id, asked.confirm, asked.leave_journey)
    session["facilitates"] = [w for w in remembered() if w != workshop_id]
    return jsonify({"ok": True, "deleted": counts})


# -- summary and exports ------------------------------------------------------------

@bp.get("/summary/<workshop_id>")
def summary_page(workshop_id: str):
    services().store.read(workshops.load, workshop_id)
    if not may_open(workshop_id):
        # The key may be in the URL fragment or this browser's storage: the page proves it, then reloads.
        return render_template("unlock.html", workshop_id=workshop_id)
    context = report.context(_summary(workshop_id))
    return _off_loop(lambda: render_template("summary.html", **context, standalone=False))


@bp.get("/strategy/<workshop_id>")
def strategy_page(workshop_id: str):
    """Strategy on a page: opened as the summary is (the key proved once, then the session)."""
    workshop = services().store.read(workshops.load, workshop_id)
    if not may_open(workshop_id):
        return render_template("unlock.html", workshop_id=workshop_id)
    model = services().store.read(strategy.strategy, workshop_id)
    return render_template("strategy.html", workshop=workshop, strategy=model)


@bp.get("/report/<workshop_id>")
def report_page(workshop_id: str):
    require(workshop_id)
    model = _summary(workshop_id)
    context = report.context(model)
    if request.args.get("download") == "1":
        css = REPORT_CSS.read_text()
        html = _off_loop(lambda: render_template("report.html", **context, standalone=True, css=css))
        return _attachment(html.encode(), "text/html; charset=utf-8", filename(model, "html"))
    return _off_loop(lambda: render_template("report.html", **context, standalone=False))


@bp.get("/api/workshops/<workshop_id>/summary")
def summary_json(workshop_id: str):
    require(workshop_id)
    model = _summary(workshop_id)
    return _off_loop(lambda: jsonify({"ok": True, "summary": model}))


@bp.get("/api/workshops/<workshop_id>/export/<kind>")
def export(workshop_id: str, kind: str):
    require(workshop_id)
    # Rendering a large workshop is ~0.1 s of pure Python: off the event loop, like the reads.
    render = services().store.offload
    if kind == "markdown":
        model = _summary(workshop_id)
        return _attachment(render(_markdown, model), "text/markdown; charset=utf-8", filename(model, "md"))
    if kind == "csv":
        model = _summary(workshop_id)
        return _attachment(render(csv_zip.render, model), "application/zip", filename(model, "csv.zip"),
                           compressible=False)
    if kind == "json":
        # The file name needs only the workshop's title and date, not a whole summary.
        dump = services().store.read(transfer.dump, workshop_id)
        named = {"workshop": {"title": dump["workshop"]["title"], "created_at": dump["workshop"]["created_at"]}}
        return _attachment(render(json_io.render, dump), "application/json", filename(named, "json"))
    raise NotFound("exports are markdown, csv and json (and the report page)")


def _off_loop(page: Callable[[], T]) -> T:
    """Render a large page (or JSON) off the event loop, with this request's context
    (templates and ``jsonify`` need it): 10,000 cards are ~0.1 s of Jinja."""
    return services().store.offload(copy_current_request_context(page))


def _markdown(model: dict) -> bytes:
    return markdown.render(model).encode()


def _summary(workshop_id: str) -> dict:
    return services().store.read(read_summary, workshop_id)


# A text export compresses to a fifth (a 3,000-person workshop's JSON: 14 MB, 2.8 MB at
# zlib-ng's level 2 in ~51 ms, off the loop), so its download over a venue's Wi-Fi takes a
# fifth of the time. Below this size compressing gains nothing worth a round of zlib.
GZIP_FROM = 8 * 1024
_gzip = functools.partial(compress, level=2)


def _attachment(body: bytes, mimetype: str, name: str, compressible: bool = True) -> Response:
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    if compressible:
        response.vary.add("Accept-Encoding")
        if len(body) >= GZIP_FROM and request.accept_encodings["gzip"]:
            response.set_data(services().store.offload(_gzip, body))
            response.headers["Content-Encoding"] = "gzip"
    return response


# -- import and the next stage -------------------------------------------------------

@bp.post("/api/workshops/import")
def import_workshop():
    """Recreate an exported workshop. With an admin token configured, only the admin may."""
    if services().config.admin_token and not is_admin():
        raise Forbidden("importing needs the admin token on this server")
    if not request.is_json:
        raise InvalidInput("send the export as application/json")
    # A large workshop's export passes the app's 8 MB limit for ordinary requests.
    request.max_content_length = MAX_IMPORT_BYTES
    # Off the event loop, as exports are: a file of many megabytes takes a while to read.
    data = services().store.offload(json_io.parse, request.get_data())
    created, events = services().store.write(transfer.restore, data)
    services().announce(events)
    keep([created["id"]])
    return jsonify({"ok": True, **created, "summary_url": f"/summary/{created['id']}"}), 201


@bp.post("/api/workshops/next")
def next_workshop():
    """A new workshop whose starting material is the top clusters of earlier ones."""
    asked = body(NextWorkshop)
    sources = next_rules.check_sources(asked.sources)
    top = next_rules.check_top(asked.top)
    for source in sources:
        require(source)
    new = rules.new_workshop(asked.title, asked.context, asked.template, group_size=services().config.group_size)
    created, _ = services().store.write(next_stage.create_from, new, sources, top)
    keep([created["id"]])
    host = request.host_url.rstrip("/")
    created.update(join_url=join_url(created["code"]),
                   control_url=f"{host}/control/{created['id']}#key={created['facilitator_key']}",
                   summary_url=f"{host}/summary/{created['id']}")
    return jsonify({"ok": True, **created}), 201


def no_store(response: Response) -> Response:
    # Summaries, exports, journeys and trails hold what people wrote: never kept by a
    # browser or proxy cache.
    response.headers["Cache-Control"] = "no-store"
    return response


bp.after_request(no_store)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.add_template_filter(when, "when")
    app.add_template_filter(figure, "figure")
    app.add_template_filter(minutes, "minutes")
    app.add_template_filter(clock, "clock")
    app.add_template_filter(lambda r: agreement(r)["agree"], "agreed")
