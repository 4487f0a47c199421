"""Typed errors of the domain. The transport turns each into an error ack
``{"ok": false, "error": {"code": ..., "message": ...}}`` in one place."""
from __future__ import annotations


class DomainError(Exception):
    code = "invalid"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidInput(DomainError):
    code = "invalid"


class NotFound(DomainError):
    code = "not_found"


class Forbidden(DomainError):
    code = "forbidden"


class NotYourCard(Forbidden):
    code = "not_your_card"


class WrongPhase(DomainError):
    code = "wrong_phase"


class Conflict(DomainError):
    code = "conflict"


class VoteClosed(DomainError):
    code = "vote_closed"


class NoDotsLeft(DomainError):
    code = "no_dots_left"


class PollClosed(DomainError):
    code = "poll_closed"
