"""What the HTTP routes use: the store, the settings, who is connected, the
join-code guard, and a way to send the events a change recorded.

The Socket.IO edge is built from the same parts; the routes never see it (it
knows sockets, rooms and handler declarations, none of which a page needs).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask import current_app

from .config import Config
from .realtime.guard import GuessGuard
from .realtime.presence import Presence
from .store import Event, Store
from .tokens import Signer

KEY = "bowtie.services"  # where create_app keeps them in app.extensions


@dataclass
class Services:
    store: Store
    config: Config
    presence: Presence
    guesses: GuessGuard
    key_guesses: GuessGuard  # wrong admin tokens and facilitator keys, per address
    announce: Callable[[list[Event]], None]  # send recorded events to whoever is connected
    signer: Signer  # reads the participant tokens that a participant's requests carry


def services() -> Services:
    """The current app's services (inside a request)."""
    found: Services = current_app.extensions[KEY]
    return found
