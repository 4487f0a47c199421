"""The Flask request context of a Socket.IO event, without the work no handler reads.

Flask-SocketIO runs every event handler inside a Flask request context built
from the connection's handshake environ. Pushing one routed the handshake's
URL (to the rules web.py keeps for it) and opened the session from the cookie,
which Flask-SocketIO then replaced with the copy it keeps for the connection
since its first event. In-process with Bowtie's routes that was ~85 µs an
event; without both, ~12 µs (a dot costs the server ~1 ms in a vote storm).

Bowtie's handlers read who is asking from their seat (presence.py), never from
Flask's session, URL rule or ``url_for``. A connection's first event (its
``connect``) still gets the full context: that is when Flask-SocketIO keeps the
session, and HTTP requests never carry the kept session.
"""
from __future__ import annotations

from typing import Any

from flask import Flask, Request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from werkzeug.routing import MapAdapter

# Where Flask-SocketIO keeps a connection's own session, in the connection's environ.
KEPT_SESSION = "saved_session"


def is_later_event(environ: dict[str, Any]) -> bool:
    """True for the request context of a connection's second and later events."""
    return KEPT_SESSION in environ


class EventSessions(SecureCookieSessionInterface):
    """Cookie sessions for HTTP; a later Socket.IO event takes the session its connection keeps."""

    # The kept session is Flask-SocketIO's own SessionMixin, not a cookie session.
    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:  # type: ignore[override]
        if is_later_event(request.environ):
            kept: SessionMixin = request.environ[KEPT_SESSION]
            return kept
        return super().open_session(app, request)


class EventAwareFlask(Flask):
    """Flask that does not route a Socket.IO event: its handler is already chosen."""

    session_interface = EventSessions()

    def create_url_adapter(self, request: Request | None) -> MapAdapter | None:
        if request is not None and is_later_event(request.environ):
            return None
        return super().create_url_adapter(request)
