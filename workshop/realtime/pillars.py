"""Strategic pillars: the facilitator shapes them; everyone adds snippets."""
from __future__ import annotations

from ..shapes import bounded, client_id, shape
from ..store import pillars
from .area import FACILITATOR, MEMBER, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class AddPillar:
    id: str = client_id()
    name: str = bounded(1000)
    description: str | None = bounded(4000, default=None)


@shape
class EditPillar:
    pillar_id: str = client_id()
    name: str | None = bounded(1000, default=None)
    description: str | None = bounded(4000, default=None)


@shape
class PillarRef:
    pillar_id: str = client_id()


@shape
class LinkPillar:
    pillar_id: str = client_id()
    kind: str = bounded(40)
    source_id: str = client_id()


@shape
class PillarPoll:
    pillar_id: str = client_id()
    poll_id: str = client_id()
    quorum: float | None = None


@shape
class AddSnippet:
    id: str = client_id()
    pillar_id: str = client_id()
    text: str = bounded(1000)


@shape
class RemoveSnippet:
    snippet_id: str = client_id()


@area.on("pillar:add", AddPillar, who=FACILITATOR)
def add_pillar(edge: Edge, seat: Seat, msg: AddPillar) -> dict:
    return ok(pillar=edge.change_in(seat, pillars.add, msg.id, msg.name, msg.description))


@area.on("pillar:edit", EditPillar, who=FACILITATOR)
def edit_pillar(edge: Edge, seat: Seat, msg: EditPillar) -> dict:
    return ok(pillar=edge.change_in(seat, pillars.edit, msg.pillar_id, msg.name, msg.description))


@area.on("pillar:remove", PillarRef, who=FACILITATOR)
def remove_pillar(edge: Edge, seat: Seat, msg: PillarRef) -> dict:
    return ok(**edge.change_in(seat, pillars.remove, msg.pillar_id))


@area.on("pillar:from_clusters", None, who=FACILITATOR)
def pillars_from_clusters(edge: Edge, seat: Seat, msg: None) -> dict:
    return ok(pillars=edge.change_in(seat, pillars.from_clusters))


@area.on("pillar:link", LinkPillar, who=FACILITATOR)
def link_pillar(edge: Edge, seat: Seat, msg: LinkPillar) -> dict:
    return ok(pillar=edge.change_in(seat, pillars.link, msg.pillar_id, msg.kind, msg.source_id))


@area.on("pillar:unlink", LinkPillar, who=FACILITATOR)
def unlink_pillar(edge: Edge, seat: Seat, msg: LinkPillar) -> dict:
    return ok(pillar=edge.change_in(seat, pillars.unlink, msg.pillar_id, msg.kind, msg.source_id))


@area.on("pillar:poll", PillarPoll, who=FACILITATOR)
def poll_pillar(edge: Edge, seat: Seat, msg: PillarPoll) -> dict:
    return ok(**edge.change_in(seat, pillars.open_poll, msg.pillar_id, msg.poll_id, msg.quorum))


@area.on("snippet:add", AddSnippet, who=MEMBER)
def add_snippet(edge: Edge, seat: Seat, msg: AddSnippet) -> dict:
    return ok(**edge.change_by(seat, pillars.add_snippet, msg.id, msg.pillar_id, msg.text))


@area.on("snippet:remove", RemoveSnippet, who=FACILITATOR)
def remove_snippet(edge: Edge, seat: Seat, msg: RemoveSnippet) -> dict:
    return ok(**edge.change_in(seat, pillars.remove_snippet, msg.snippet_id))
