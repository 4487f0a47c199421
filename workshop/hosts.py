"""Refuse requests for a host name Bowtie is not served under (DNS rebinding).

A page on an attacker's name that resolves to the venue server (or to
127.0.0.1 on the facilitator's laptop) is, to the browser, same-origin with
that name: Host and Origin both say the attacker's name, and Socket.IO's
same-origin check passes. When BOWTIE_PUBLIC_URL says which name people use,
every other name is refused here, before Flask or Socket.IO sees the request.
Loopback names stay allowed: an attacker's page cannot make a browser send them.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

LOOPBACK = ("localhost", "127.0.0.1", "[::1]")


def host_name(host: str) -> str:
    """``example.org:5000`` -> ``example.org``; ``[::1]:5000`` -> ``[::1]``."""
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class HostCheck:
    def __init__(self, app: Callable[..., Iterable[bytes]], public_host: str):
        self.app = app
        self.public_host = public_host.lower()

    def allowed(self, host: str) -> bool:
        host = host.lower()
        return host == self.public_host or host_name(host) in LOOPBACK

    def __call__(self, environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        if self.allowed(environ.get("HTTP_HOST", "")):
            return self.app(environ, start_response)
        start_response("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"This Bowtie server is not served under that name.\n"]
