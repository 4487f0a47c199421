"""Bowtie: live workshop facilitation. ``create_app`` builds the whole application."""
from __future__ import annotations

import logging
from typing import Any, Callable

from engineio.payload import Payload
from flask import Flask
from flask_socketio import SocketIO
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    board_cards,
    facts,
    journey_progress,
    journey_projects,
    loop_lag,
    organise,
    organise_journeys,
    organise_trail,
    realtime,
    services,
    share_back,
    template_library,
    web,
)
from .config import Config
from .hosts import HostCheck
from .json_bodies import BodyJSON
from .polling_limit import PollingBodyLimit
from .realtime import wire
from .realtime.edge import Edge
from .realtime.event_context import EventAwareFlask
from .realtime.guard import GuessGuard
from .realtime.outbox import release_sent_messages
from .realtime.presence import Presence
from .realtime.room_index import IndexedManager, IndexedRedisManager
from .store import Store
from .tokens import Signer


def _client_manager(url: str) -> dict:
    """SocketIO's client manager: one worker's rooms, or a queue that joins several."""
    if not url:
        return {"client_manager": IndexedManager()}
    if url.startswith(("redis://", "rediss://")):
        # Every publish on one connection, taking turns (a publish takes
        # microseconds). By default redis-py opens a connection per publish in
        # flight: in a vote storm thousands, publishes failed, the manager
        # reconnected, and what was published meanwhile never reached the other
        # workers (docs/performance.md, "Several workers").
        return {"client_manager": IndexedRedisManager(
            url, channel="flask-socketio", redis_options={"single_connection_client": True})}
    return {"message_queue": url}


def _guard_the_door(app: Flask, config: Config) -> None:
    """Outermost WSGI layers, so that Socket.IO's handshake passes them too."""
    app.wsgi_app = PollingBodyLimit(app.wsgi_app, config.max_message_bytes)  # type: ignore[method-assign]
    if config.trusted_proxies:
        # Behind nginx every request comes from nginx's address: the guessing guard
        # and the logs need the client's, which only a trusted proxy may tell.
        n = config.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)  # type: ignore[method-assign]
    if config.public_host:
        app.wsgi_app = HostCheck(app.wsgi_app, config.public_host)  # type: ignore[method-assign]


def create_app(config: Config | None = None, *, async_mode: str = "threading",
               offload: Callable[..., Any] | None = None) -> Flask:
    """Build the app. ``async_mode`` is the only thing that differs between the
    eventlet server (server.py) and threads (tests, or a later switch)."""
    config = (config or Config.from_env()).with_secret()
    logging.basicConfig(level=config.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = EventAwareFlask(__name__, static_folder="../static", template_folder="../templates")
    app.json = BodyJSON(app)
    app.config.update(SECRET_KEY=config.secret_key, TESTING=config.testing, BOWTIE=config,
                      SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=config.https,
                      MAX_CONTENT_LENGTH=8 * 1024 * 1024)
    # engine.io reads this class attribute for every server in the process (python-engineio issue 142).
    Payload.max_decode_packets = config.max_packets_per_poll
    store = Store(config.db_path, synchronous=config.synchronous, offload=offload)
    socketio = SocketIO(
        app,
        async_mode=async_mode,
        # None: engine.io accepts only the app's own origin. Never "*".
        cors_allowed_origins=list(config.origins) or None,
        max_http_buffer_size=config.max_message_bytes,
        # One event at a time per connection, read in order: a flooding socket waits on its own
        # backlog instead of spawning a green thread per message (memory), and a client's
        # events are handled in the order it sent them.
        async_handlers=False,
        ping_interval=config.ping_interval,
        ping_timeout=config.ping_timeout,
        json=wire,  # the standard codec, but a hostile nesting depth still gets its ack
        serializer=wire.Packet,  # JSON only: no walk of every message for bytes to attach
        **_client_manager(config.message_queue),
    )
    release_sent_messages(socketio.server.eio)
    _guard_the_door(app, config)
    presence = Presence()
    guesses = GuessGuard(config.join_attempts_per_minute, wait_step=config.wrong_code_wait, sleep=socketio.sleep)
    signer = Signer(config.secret_key, config.token_max_age)
    edge = Edge(socketio, store, config, presence, signer, guesses)
    realtime.register(edge)
    app.extensions["bowtie"] = edge
    key_guesses = GuessGuard(config.join_attempts_per_minute, wait_step=config.wrong_code_wait, sleep=socketio.sleep)
    app.extensions[services.KEY] = services.Services(store, config, presence, guesses, key_guesses,
                                                     announce=edge.broadcast, signer=signer)
    web.init_app(app)
    organise.init_app(app)
    organise_journeys.init_app(app)
    journey_projects.init_app(app)
    journey_progress.init_app(app)
    organise_trail.init_app(app)
    share_back.init_app(app)
    board_cards.init_app(app)
    template_library.init_app(app)
    app.register_blueprint(facts.bp)
    if config.loop_lag_probe:
        loop_lag.init_app(app, socketio.sleep, socketio.start_background_task)
    return app
