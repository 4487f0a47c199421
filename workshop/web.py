"""Pages, the JSON API and the browser's libraries, over plain HTTP."""
from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import segno
from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
)
from werkzeug.exceptions import MethodNotAllowed

from .domain import workshop as rules
from .domain.errors import DomainError, InvalidInput
from .realtime.guard import TooManyGuesses, WrongCode, look_up_code
from .services import services
from .shapes import bounded, parse, shape
from .store import SCHEMA_VERSION, agenda_templates, card_templates, workshops

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

bp = Blueprint("web", __name__)
S = TypeVar("S", bound="DataclassInstance")

NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
# Browser libraries come from npm (package.json), never from a CDN: venue LANs are offline.
VENDOR = {"socket.io.esm.min.js": "socket.io-client/dist/socket.io.esm.min.js"}

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")


def body(declared: type[S]) -> S:
    """The request's JSON body, checked against its declared shape (as socket payloads are).
    No body reads as an empty object; a body that is not JSON (or nested past
    what the decoder reads) is refused, never taken for an empty one."""
    payload = request.get_json(silent=True)
    if payload is None and request.get_data(cache=True):
        raise InvalidInput("the body must be JSON")
    return parse(declared, payload)


def join_url(code: str) -> str:
    base = services().config.public_url or request.host_url.rstrip("/")
    return f"{base}/j/{code}"


@shape
class NewWorkshop:
    title: str = bounded(1000)
    context: str = bounded(10_000, default="")
    template: str | None = bounded(100, default=None)
    agenda: str | None = bounded(100, default=None)
    blind_writing: bool | None = None
    group_size: int | None = None
    participants_cluster: bool | None = None


def _home(**extra):
    listed = services().store.read(lambda tx: (card_templates.listing(tx), agenda_templates.listing(tx)))
    return render_template("home.html", templates=listed[0], agendas=listed[1], **extra)


@bp.get("/")
def home():
    return _home()


def socketio_endpoint():
    """Never reached: Socket.IO's middleware answers this path before Flask does.

    The rules are here for the request context Flask-SocketIO builds around
    a connection's first event (its ``connect``) from the connection's environ
    (a polling request or a websocket upgrade; later events are not routed at
    all, realtime/event_context.py): when its URL matches no rule, Flask keeps the routing error on the
    request, and the error's traceback refers back to the request. That was a
    reference cycle per event, freed only by a full garbage collection, which
    stopped the server for 1.3 s after a storm of 15,000 dots
    (docs/performance.md; tests/socket/test_garbage.py)."""
    abort(404)


bp.add_url_rule("/socket.io/", "socketio", socketio_endpoint, strict_slashes=False, methods=["GET", "POST"])
bp.add_url_rule("/socket.io/", "socketio_websocket", socketio_endpoint, strict_slashes=False, websocket=True)


@bp.get("/j/<code>")
def board(code: str):
    try:
        workshop = services().store.read(look_up_code, code)
    except WrongCode as exc:
        answer = services().guesses.answer(request.remote_addr, exc)
        if isinstance(answer, TooManyGuesses):
            raise answer from None
        return _home(unknown_code=code), 404
    return render_template("board.html", workshop=workshop)


@bp.get("/control/<workshop_id>")
def control(workshop_id: str):
    # The facilitator key travels in the URL fragment, so it never reaches this server's logs.
    workshop = services().store.read(workshops.load, workshop_id)
    return render_template("control.html", workshop=workshop, join_url=join_url(workshop.code))


@bp.get("/room/<workshop_id>")
def room(workshop_id: str):
    # The view pass travels in the URL fragment, as the facilitator key does (realtime/watch.py).
    workshop = services().store.read(workshops.load, workshop_id)
    return render_template("room.html", workshop=workshop, join_url=join_url(workshop.code))


@bp.get("/w/<code>/qr.svg")
def qr(code: str):
    workshop = services().store.read(look_up_code, code)
    out = io.BytesIO()
    segno.make(join_url(workshop.code), error="m").save(out, kind="svg", scale=8, border=2, dark="#111827",
                                                          xmldecl=False, svgns=True)
    return current_app.response_class(out.getvalue(), mimetype="image/svg+xml")


@bp.post("/api/workshops")
def create_workshop():
    asked = body(NewWorkshop)
    options = {k: getattr(asked, k) for k in ("blind_writing", "group_size", "participants_cluster")
               if getattr(asked, k) is not None}
    new = rules.new_workshop(asked.title, asked.context, asked.template, agenda_key=asked.agenda,
                             group_size=services().config.group_size, options=options)
    created, _ = services().store.write(workshops.create, new)
    created.update(join_url=join_url(created["code"]),
                   control_url=f"{request.host_url.rstrip('/')}/control/{created['id']}#key={created['facilitator_key']}")
    return jsonify({"ok": True, **created}), 201


@bp.get("/api/templates")
def templates():
    """Every card template of this server (the library's ``GET /api/card-templates``);
    each column also carries ``hint``, the prompt's name before the library."""
    listed = services().store.read(card_templates.listing)
    return jsonify({"ok": True, "templates": [
        {**t, "columns": [{**c, "hint": c["prompt"]} for c in t["columns"]]} for t in listed]})


@bp.get("/healthz")
def healthz():
    # Healthy means able to store: a damaged or read-only database answers 503.
    problem = services().store.write_problem()
    if problem:
        return jsonify({"ok": False, "error": {"code": "storage", "message": problem},
                        "schema_version": SCHEMA_VERSION}), 503
    return jsonify({"ok": True, "schema_version": SCHEMA_VERSION, "connections": services().presence.connections()})


@bp.get("/vendor/<name>")
def vendor(name: str):
    if name not in VENDOR:
        abort(404)
    path = NODE_MODULES / VENDOR[name]
    return send_from_directory(path.parent, path.name, mimetype="text/javascript", max_age=3600)


def _asked_of_the_api() -> bool:
    """JSON answers under /api/, pages everywhere else."""
    return request.path.startswith("/api/")


def _domain_error(exc: DomainError) -> tuple[Response | str, int]:
    """Every refusal over HTTP, in one place: the error's own status, as JSON
    under /api/ and as a page elsewhere. A wrong join code is answered through
    the guessing guard (it may wait, or become ``too_many_attempts``)."""
    if isinstance(exc, WrongCode):
        exc = services().guesses.answer(request.remote_addr, exc)
    if _asked_of_the_api():
        return jsonify({"ok": False, "error": {"code": exc.code, "message": exc.message}}), exc.status
    return render_template("error.html", message=exc.message), exc.status


def _form_before_its_script(exc: MethodNotAllowed):
    """A page's form posted natively because its script had not hooked it yet (a slow
    laptop, Enter pressed at once): the same page again, the fields dropped, instead of
    an error page. Pages' forms are method="post" so that what they hold (a control
    link, a token) never lands in a URL. The JSON API keeps its 405."""
    if request.method == "POST" and not _asked_of_the_api() and "GET" in (exc.valid_methods or ()):
        page = request.path  # Werkzeug's path has one leading slash: never "//host", another site
        query = request.query_string.decode("latin-1")
        return redirect(f"{page}?{query}" if query else page, 303)
    return exc


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if _asked_of_the_api():
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(MethodNotAllowed, _form_before_its_script)
    app.after_request(_security_headers)
