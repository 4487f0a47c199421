"""Typed errors of the domain. The transport turns each into an error ack
``{"ok": false, "error": {"code": ..., "message": ...}}`` in one place; over
HTTP the error's ``status`` is the response's (as Datasette's errors carry theirs)."""
from __future__ import annotations


class DomainError(Exception):
    code = "invalid"
    status = 400

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        # Which field of the payload was wrong ("key_results.1.target"), where a form shows the error by it.
        self.field = field


class InvalidInput(DomainError):
    code = "invalid"


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Forbidden(DomainError):
    code = "forbidden"
    status = 403


class NotYourCard(Forbidden):
    code = "not_your_card"


class WrongPhase(DomainError):
    code = "wrong_phase"
    status = 409


class Conflict(DomainError):
    code = "conflict"
    status = 409


class VoteClosed(DomainError):
    code = "vote_closed"
    status = 409


class NoDotsLeft(DomainError):
    code = "no_dots_left"
    status = 409


class PollClosed(DomainError):
    code = "poll_closed"
    status = 409
