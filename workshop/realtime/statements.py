"""The statements step: participants write and mark; the facilitator shows, drafts and polls."""
from __future__ import annotations

from ..domain.statements import StaleSentence
from ..shapes import bounded, client_id, shape
from ..store import statements
from .area import FACILITATOR, PARTICIPANT, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


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


@area.on("statements:write", Write, who=PARTICIPANT)
def write(edge: Edge, seat: Seat, msg: Write) -> dict:
    return ok(statement=edge.change_by(seat, statements.write, msg.id, msg.text))


@area.on("statements:mark", Mark, who=PARTICIPANT)
def mark(edge: Edge, seat: Seat, msg: Mark) -> dict:
    return ok(mark=edge.change_by(seat, statements.mark, msg.id, msg.statement_id, msg.start, msg.end))


@area.on("statements:unmark", Unmark, who=PARTICIPANT)
def unmark(edge: Edge, seat: Seat, msg: Unmark) -> dict:
    return ok(mark=edge.change_by(seat, statements.unmark, msg.id))


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
