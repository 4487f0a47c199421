"""Dropping connections that cannot keep up.

A client that reads at a trickle (a phone on a bad link, a stalled tab) makes
the server queue every broadcast for it: memory grows without bound, and its
screen falls further behind. Past ``limit`` queued packets the connection is
closed and its backlog freed; the client reconnects and gets a fresh snapshot,
which is both smaller and more current than the backlog was.
"""
from __future__ import annotations

import logging
import socket
import time

log = logging.getLogger("bowtie.realtime")


class Backlog:
    EVERY = 1.0  # seconds between checks: a scan costs one look per connection

    def __init__(self, socketio, limit: int):
        self.socketio = socketio
        self.limit = limit
        self._checked = time.monotonic()

    def check(self) -> None:
        """Called on every broadcast; scans at most once per ``EVERY`` seconds."""
        now = time.monotonic()
        if now - self._checked < self.EVERY:
            return
        self._checked = now
        eio = self.socketio.server.eio
        for eio_sid, sock in list(getattr(eio, "sockets", {}).items()):
            queue = getattr(sock, "queue", None)
            if queue is not None and queue.qsize() > self.limit and not sock.closed:
                self.drop(eio_sid, sock)

    def drop(self, eio_sid: str, sock) -> None:
        log.warning("dropping connection %s: %d messages waiting to be sent", eio_sid, sock.queue.qsize())
        environ = self.socketio.server.environ.get(eio_sid, {})
        while not sock.queue.empty():  # free the backlog now, not after a slow drain
            try:
                sock.queue.get_nowait()
                sock.queue.task_done()
            except Exception:
                break
        sock.close(wait=False, abort=True)
        _shut(environ)


def _shut(environ: dict) -> None:
    """Close the TCP connection under a stuck writer, so the client notices at once
    (eventlet's and Werkzeug's servers expose it; elsewhere the ping timeout does)."""
    raw = environ.get("werkzeug.socket")
    source = environ.get("eventlet.input")
    if raw is None and source is not None and hasattr(source, "get_socket"):
        raw = source.get_socket()
    if raw is not None:
        try:
            raw.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
