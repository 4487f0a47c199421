"""Signed participant tokens: who you are, kept in your browser, no account.

A token names one participant of one workshop and carries its signing time;
it is refused when altered, forged, expired, or shown to another workshop.
"""
from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from .domain.errors import DomainError


class BadToken(DomainError):
    code = "bad_token"
    status = 403


@dataclass(frozen=True)
class Identity:
    workshop_id: str
    participant_id: str


class Signer:
    def __init__(self, secret: str, max_age: int):
        self._serializer = URLSafeTimedSerializer(secret, salt="bowtie.participant")
        self._max_age = max_age

    def issue(self, workshop_id: str, participant_id: str) -> str:
        return self._serializer.dumps({"w": workshop_id, "p": participant_id})

    def read(self, token: object, workshop_id: str) -> Identity:
        if not isinstance(token, str):
            raise BadToken("token must be text")
        try:
            data = self._serializer.loads(token, max_age=self._max_age)
        except SignatureExpired:
            raise BadToken("your session has expired; join again") from None
        except BadSignature:
            raise BadToken("that token is not valid here; join again") from None
        if not isinstance(data, dict) or data.get("w") != workshop_id or not isinstance(data.get("p"), str):
            raise BadToken("that token belongs to another workshop; join again")
        return Identity(data["w"], data["p"])
