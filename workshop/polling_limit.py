"""A long-polling POST over the message limit gets its 413.

python-engineio refuses such a body by closing the session, and closing
waits for the client's next poll to take the close packet: the POST itself
then never gets an answer (issue 13, item 18). Answered here, before
engine.io sees it, the sender learns at once that its message was too large;
its session is left to the usual ping timeout.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


class PollingBodyLimit:
    def __init__(self, app: WSGIApp, limit: int, path: str = "/socket.io"):
        self.app, self.limit, self.path = app, limit, path

    def __call__(self, environ: dict, start_response: Callable) -> Any:
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO", "").startswith(self.path):
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > self.limit:
                body = f"a message is at most {self.limit} bytes".encode()
                start_response("413 Request Entity Too Large", [
                    ("Content-Type", "text/plain"), ("Content-Length", str(len(body))), ("Connection", "close")])
                return [body]
        return self.app(environ, start_response)
