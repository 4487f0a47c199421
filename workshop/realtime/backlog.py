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
    EVERY = 1.0  # seconds between the starts of two passes over every connection
    # Connections looked at per broadcast. A pass over 3,000 at once held the loop
    # 10-45 ms every second in a paced vote, mostly in the collections that its
    # 3,000 (id, socket) pairs set off; spread out, no broadcast waits for a pass.
    SHARE = 250

    def __init__(self, socketio, limit: int):
        self.socketio = socketio
        self.limit = limit
        self._checked = time.monotonic()
        self._due: list[str] = []  # the pass under way: connection ids, which the collector does not track
        self._next = 0

    def check(self) -> None:
        """Called on every broadcast: looks at the next ``SHARE`` connections of the
        pass under way, and starts a pass at most once per ``EVERY`` seconds."""
        sockets = getattr(self.socketio.server.eio, "sockets", {})
        if self._next >= len(self._due):
            now = time.monotonic()
            if now - self._checked < self.EVERY:
                return
            self._checked = now
            self._due, self._next = list(sockets), 0
        share = self._due[self._next:self._next + self.SHARE]
        self._next += self.SHARE
        for eio_sid in share:
            sock = sockets.get(eio_sid)  # None once it has closed
            if sock is not None and sock.queue.qsize() > self.limit and not sock.closed:
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
