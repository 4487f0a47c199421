"""The statements step: participants write and mark; the facilitator shows, drafts and polls."""
from __future__ import annotations

from ..domain.statements import StaleSentence
from ..shapes import bounded, client_id, shape
from ..store import statements
from .area import FACILITATOR, PARTICIPANT, Area
from .edge import Edge, ok
from .pacer import Pacer
from .presence import Seat
from .rooms import facilitators_room, workshop_room

area = Area()
MARKED = "statements:marked"


@shape
class Write:
    id: str = client_id()
    text: str = bounded(2000)


@shape
class Mark:
    id: str = client_id()
    statement_id: str = client_id()
    start: int
    end: int


@shape
class Unmark:
    id: str = client_id()


@shape
class Writing:
    open: bool


@shape
class Show:
    what: str = bounded(20)


@shape
class Draft:
    text: str = bounded(2000)
    version: int


@shape
class PutToPoll:
    poll_id: str = client_id()


@area.setup
def pace_marks(edge: Edge) -> None:
    """`statements:marked`: the heat map and ranking a few times a second while the room
    marks, and always once after the last mark. Counting every mark of the step is
    what costs; doing it per mark made a storm of 900 marks take half a minute."""
    def announce(workshop_id: str) -> None:
        # Derived figures, like vote:progress: emitted without a seq, never stored.
        marks = edge.store.read(statements.marks_now, workshop_id)
        if marks is not None:
            shown = marks.pop("shown")
            edge.socketio.emit(MARKED, marks, to=workshop_room(workshop_id) if shown else facilitators_room(workshop_id))
            if shown:
                for refresh in edge.after_broadcast:  # the room view shows the heat too
                    refresh(workshop_id)
    edge.pacers[MARKED] = Pacer(edge.socketio, edge.config.vote_progress_interval, announce)


@area.on("statements:write", Write, who=PARTICIPANT)
def write(edge: Edge, seat: Seat, msg: Write) -> dict:
    written = edge.change_by(seat, statements.write, msg.id, msg.text)
    edge.pacers[MARKED].poke(seat.workshop_id)  # an edit moves or drops marks
    return ok(statement=written)


@area.on("statements:mark", Mark, who=PARTICIPANT)
def mark(edge: Edge, seat: Seat, msg: Mark) -> dict:
    kept = edge.change_by(seat, statements.mark, msg.id, msg.statement_id, msg.start, msg.end)
    edge.pacers[MARKED].poke(seat.workshop_id)
    return ok(mark=kept)


@area.on("statements:unmark", Unmark, who=PARTICIPANT)
def unmark(edge: Edge, seat: Seat, msg: Unmark) -> dict:
    taken = edge.change_by(seat, statements.unmark, msg.id)
    edge.pacers[MARKED].poke(seat.workshop_id)
    return ok(mark=taken)


@area.on("statements:writing", Writing, who=FACILITATOR)
def writing(edge: Edge, seat: Seat, msg: Writing) -> dict:
    return ok(writing=edge.change_in(seat, statements.set_writing, msg.open))


@area.on("statements:show", Show, who=FACILITATOR)
def show(edge: Edge, seat: Seat, msg: Show) -> dict:
    return ok(**edge.change_in(seat, statements.show, msg.what))


@area.on("statements:sentence", Draft, who=FACILITATOR)
def draft(edge: Edge, seat: Seat, msg: Draft) -> dict:
    try:
        return ok(sentence=edge.change_in(seat, statements.draft, msg.text, msg.version))
    except StaleSentence as exc:
        # The one refusal that carries data: the text the editor must show instead of overwriting it.
        return {"ok": False, "error": {"code": exc.code, "message": exc.message, "current": exc.current}}


@area.on("statements:poll", PutToPoll, who=FACILITATOR)
def put_to_poll(edge: Edge, seat: Seat, msg: PutToPoll) -> dict:
    return ok(poll=edge.change_in(seat, statements.put_to_poll, msg.poll_id))
