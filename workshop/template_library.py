"""The template library over HTTP: the server's card templates and agenda templates.

Reading is open to anyone (the home page lists them). Anyone may add a template,
as anyone may create a workshop (and a facilitator may save one from a running
workshop). Changing or deleting one changes what other facilitators rely on, so
when the server has ``BOWTIE_ADMIN_TOKEN`` only the admin may (proved as on the
organisers' pages: ``Authorization: Bearer`` or the admin session cookie);
without a token, anyone may. Built-ins are never changed or deleted.
"""
from __future__ import annotations

from flask import Blueprint, Flask, jsonify, request

from .domain.errors import Forbidden
from .organise import is_admin, refused
from .services import services
from .shapes import bounded, shape
from .store import agenda_templates, card_templates
from .web import body

bp = Blueprint("template_library", __name__)


@shape
class CardTemplateBody:
    title: str = bounded(1000)
    columns: list[dict]


@shape
class AgendaTemplateBody:
    title: str = bounded(1000)
    steps: list[dict]
    description: str = bounded(10_000, default="")


def may_change() -> bool:
    return not services().config.admin_token or is_admin()


def _require_change() -> None:
    if not may_change():
        message = "on this server only the admin may change or delete templates; save a copy instead"
        # A token sent and refused is a guess (slowed like the organisers' pages); no token is not.
        raise refused(message) if request.headers.get("Authorization") else Forbidden(message)


# -- card templates ----------------------------------------------------------------

@bp.get("/api/card-templates")
def card_template_list():
    listed = services().store.read(card_templates.listing)
    return jsonify({"ok": True, "templates": listed, "may_change": may_change()})


@bp.post("/api/card-templates")
def card_template_create():
    asked = body(CardTemplateBody)
    made, _ = services().store.write(card_templates.create, asked.title, asked.columns)
    return jsonify({"ok": True, "template": made}), 201


@bp.put("/api/card-templates/<key>")
def card_template_update(key: str):
    _require_change()
    asked = body(CardTemplateBody)
    changed, _ = services().store.write(card_templates.update, key, asked.title, asked.columns)
    return jsonify({"ok": True, "template": changed})


@bp.delete("/api/card-templates/<key>")
def card_template_delete(key: str):
    _require_change()
    services().store.write(card_templates.delete, key)
    return jsonify({"ok": True, "deleted": key})


# -- agenda templates ----------------------------------------------------------------

@bp.get("/api/agenda-templates")
def agenda_template_list():
    listed = services().store.read(agenda_templates.listing)
    return jsonify({"ok": True, "templates": listed, "may_change": may_change()})


@bp.post("/api/agenda-templates")
def agenda_template_create():
    asked = body(AgendaTemplateBody)
    made, _ = services().store.write(agenda_templates.create, asked.title, asked.steps, asked.description)
    return jsonify({"ok": True, "template": made}), 201


@bp.put("/api/agenda-templates/<key>")
def agenda_template_update(key: str):
    _require_change()
    asked = body(AgendaTemplateBody)
    changed, _ = services().store.write(agenda_templates.update, key, asked.title, asked.steps, asked.description)
    return jsonify({"ok": True, "template": changed})


@bp.delete("/api/agenda-templates/<key>")
def agenda_template_delete(key: str):
    _require_change()
    services().store.write(agenda_templates.delete, key)
    return jsonify({"ok": True, "deleted": key})


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
