"""The room's shared cards over HTTP: what a participant's snapshot names as ``shared_cards``.

From Cluster on, every participant reads every card. A client that asks ``join``
or ``sync`` for ``shared_cards`` gets its own cards in the snapshot and fetches
the rest here, with its participant token as ``Authorization: Bearer …``. Every
response is the same bytes (gzip-compressed once when the client accepts it),
named by an ``ETag`` that changes only when the cards do, so a re-sync that
finds the same cards costs a ``304``.
"""
from __future__ import annotations

from flask import Blueprint, Flask, Response, request

from .organise import bearer
from .services import services
from .store.shared_cards import shared_with
from .tokens import BadToken

bp = Blueprint("board_cards", __name__)


@bp.get("/api/workshops/<workshop_id>/cards/shared")
def shared_cards(workshop_id: str) -> Response:
    token = bearer()
    if token is None:
        raise BadToken("send your participant token as Authorization: Bearer …")
    who = services().signer.read(token, workshop_id)
    gzipped = bool(request.accept_encodings["gzip"])
    etag, body = services().store.read(shared_with, workshop_id, who.participant_id, gzipped)
    headers = {"ETag": f'"{etag}"', "Cache-Control": "private, no-cache", "Vary": "Accept-Encoding, Authorization"}
    if request.if_none_match.contains(etag):
        return Response(status=304, headers=headers)
    if gzipped:
        headers["Content-Encoding"] = "gzip"
    return Response(body, mimetype="application/json", headers=headers)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
