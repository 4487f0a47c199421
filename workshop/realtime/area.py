"""One area of the workshop's client events, declared like a Flask blueprint.

A handler module makes an ``Area`` and declares its handlers at module level::

    area = Area()

    @area.on("card:add", AddCard, who=PARTICIPANT)
    def add_card(edge: Edge, seat: Seat, msg: AddCard) -> dict:
        return ok(card=edge.change_by(seat, cards.add, msg.id, msg.column, msg.text))

Nothing is registered with Socket.IO until ``realtime.register`` binds the
area to an app's ``Edge``, so every app (every test) gets its own handlers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .edge import Edge

# Who may send an event: anyone connected, or only a seated participant, facilitator, or either.
ANYONE, PARTICIPANT, FACILITATOR, MEMBER = "anyone", "participant", "facilitator", "member"

Handler = Callable[..., dict]  # fn(edge, seat, message) -> ack


@dataclass(frozen=True)
class Declared:
    """One client event as declared with ``Area.on``: tests enumerate these."""
    name: str
    shape: type | None
    who: str


@dataclass(frozen=True)
class Declaration:
    event: Declared
    handler: Handler


class Area:
    def __init__(self) -> None:
        self.declarations: list[Declaration] = []
        self.setups: list[Callable[[Edge], None]] = []

    def on(self, name: str, shape: type | None = None, who: str = MEMBER) -> Callable[[Handler], Handler]:
        """Declare ``fn(edge, seat, message) -> ack`` as the handler of event ``name``;
        ``seat`` is None for ANYONE, ``message`` None when there is no shape."""
        def declare(fn: Handler) -> Handler:
            self.declarations.append(Declaration(Declared(name, shape, who), fn))
            return fn
        return declare

    def setup(self, fn: Callable[[Edge], Any]) -> Callable[[Edge], Any]:
        """Run ``fn(edge)`` when the area is bound: state an area keeps per app."""
        self.setups.append(fn)
        return fn
