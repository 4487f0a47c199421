"""The room view: a read-only screen for the projector, opened with a view link.

The facilitator asks for the link (``room:link``); the room page sends
``watch`` with the link's view pass. A watching connection takes no seat: it
is nobody in the workshop, so every other event it sends is refused with
``not_joined`` (as before any join), and it hears only ``room:changed``, the
room's view (``domain.room``) read again after each change, a few times a
second at most.
"""
from __future__ import annotations

from flask_socketio import join_room
from itsdangerous import BadSignature, URLSafeSerializer

from ..domain.room import room_view
from ..domain.viewer import Viewer
from ..shapes import bounded, client_id, shape
from ..store import workshops
from ..store.snapshot import snapshot
from ..tokens import BadToken
from .area import ANYONE, FACILITATOR, Area
from .edge import Edge, current_sid, ok
from .join import with_online
from .pacer import Pacer
from .presence import Seat
from .rooms import watchers_room

area = Area()
CHANGED = "room:changed"


@shape
class Watch:
    workshop_id: str = client_id()
    view: str = bounded(400)


class ViewPass:
    """A signed pass that opens one workshop's room view and nothing else. It is
    not the facilitator key and cannot be turned into one: showing the room link
    on a projector gives nobody control."""

    def __init__(self, secret: str):
        self._serializer = URLSafeSerializer(secret, salt="bowtie.room-view")

    def issue(self, workshop_id: str) -> str:
        return self._serializer.dumps(workshop_id)

    def check(self, view: str, workshop_id: str) -> None:
        try:
            opens = self._serializer.loads(view)
        except BadSignature:
            raise BadToken("that view link is not valid; ask the facilitator for the room link") from None
        if opens != workshop_id:
            raise BadToken("that view link opens another workshop")


def room_of(edge: Edge, workshop_id: str) -> dict:
    state = edge.store.read(snapshot, Viewer(workshop_id, facilitator=True))
    return room_view(with_online(edge, state))


@area.setup
def pace_room(edge: Edge) -> None:
    # A worker sees only its own connections: with several workers (a message queue) the
    # room view may hang on another one, which hears this emit through the queue but
    # never learns of the change itself. So there the read is paid on every paced change.
    alone = not edge.config.message_queue

    def announce(workshop_id: str) -> None:
        if alone and next(edge.socketio.server.manager.get_participants("/", watchers_room(workshop_id)), None) is None:
            return  # nobody watches: spare the read
        edge.socketio.emit(CHANGED, {"room": room_of(edge, workshop_id)}, to=watchers_room(workshop_id))
    pacer = edge.pacers[CHANGED] = Pacer(edge.socketio, edge.config.room_interval, announce)
    edge.after_broadcast.append(pacer.poke)


@area.on("room:link", who=FACILITATOR)
def room_link(edge: Edge, seat: Seat, _msg: None) -> dict:
    view = ViewPass(edge.config.secret_key).issue(seat.workshop_id)
    return ok(view=view, path=f"/room/{seat.workshop_id}#view={view}")


@area.on("watch", Watch, who=ANYONE)
def watch(edge: Edge, _seat: None, msg: Watch) -> dict:
    workshop = edge.store.read(workshops.load, msg.workshop_id)
    ViewPass(edge.config.secret_key).check(msg.view, workshop.id)
    edge.doorway.seated(current_sid())  # a projector watches for hours: not an idle session
    join_room(watchers_room(workshop.id))
    room = room_of(edge, workshop.id)
    return ok(state={"seq": 0, "room": room, "server_time": room["server_time"]})
