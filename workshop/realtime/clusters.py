"""Clustering: facilitators (and participants, when the step or the workshop
allows it) gather cards into named clusters on a board: the whole room's, or in a
step in groups each group's own; suggestions on request.

Every event here is open to MEMBER: the store asks the domain whether this
viewer may cluster now, and on which board. ``group_id`` names the board in a
step in groups (a facilitator must send it; a participant's is their group's)."""
from __future__ import annotations

from typing import Any, Callable, TypeVar

from ..domain import similarity
from ..shapes import bounded, client_id, shape
from ..store import clusters
from .area import MEMBER, Area
from .edge import Edge, ok
from .presence import Seat

T = TypeVar("T")

area = Area()


def _on_board(edge: Edge, seat: Seat, fn: Callable[..., T], group_id: str | None, *args: Any) -> T:
    """Run the change ``fn(tx, workshop, person, group_id, *args)``; person is None for a facilitator."""
    return edge.change(lambda tx: fn(tx, *edge.actor(tx, seat), group_id, *args))


@shape
class CreateCluster:
    id: str = client_id()
    name: str | None = bounded(500, default=None)
    card_ids: list[str] = client_id(default_factory=list)
    group_id: str | None = client_id(default=None)


@shape
class AddCards:
    cluster_id: str = client_id()
    card_ids: list[str] = client_id()
    group_id: str | None = client_id(default=None)


@shape
class TakeOut:
    card_ids: list[str] = client_id()
    group_id: str | None = client_id(default=None)


@shape
class RenameCluster:
    cluster_id: str = client_id()
    name: str = bounded(500)
    group_id: str | None = client_id(default=None)


@shape
class MergeClusters:
    cluster_id: str = client_id()
    from_id: str = client_id()
    group_id: str | None = client_id(default=None)


@shape
class DeleteCluster:
    cluster_id: str = client_id()
    group_id: str | None = client_id(default=None)


@shape
class Suggest:
    threshold: int | None = None
    group_id: str | None = client_id(default=None)


@area.on("cluster:create", CreateCluster, who=MEMBER)
def create_cluster(edge: Edge, seat: Seat, msg: CreateCluster) -> dict:
    return ok(cluster=_on_board(edge, seat, clusters.create, msg.group_id, msg.id, msg.name, msg.card_ids))


@area.on("cluster:add", AddCards, who=MEMBER)
def add_cards(edge: Edge, seat: Seat, msg: AddCards) -> dict:
    return ok(cluster=_on_board(edge, seat, clusters.add_cards, msg.group_id, msg.cluster_id, msg.card_ids))


@area.on("cluster:take_out", TakeOut, who=MEMBER)
def take_out(edge: Edge, seat: Seat, msg: TakeOut) -> dict:
    return ok(card_ids=_on_board(edge, seat, clusters.take_out, msg.group_id, msg.card_ids))


@area.on("cluster:rename", RenameCluster, who=MEMBER)
def rename_cluster(edge: Edge, seat: Seat, msg: RenameCluster) -> dict:
    return ok(cluster=_on_board(edge, seat, clusters.rename, msg.group_id, msg.cluster_id, msg.name))


@area.on("cluster:merge", MergeClusters, who=MEMBER)
def merge_clusters(edge: Edge, seat: Seat, msg: MergeClusters) -> dict:
    return ok(cluster=_on_board(edge, seat, clusters.merge, msg.group_id, msg.cluster_id, msg.from_id))


@area.on("cluster:delete", DeleteCluster, who=MEMBER)
def delete_cluster(edge: Edge, seat: Seat, msg: DeleteCluster) -> dict:
    return ok(cluster_id=_on_board(edge, seat, clusters.delete, msg.group_id, msg.cluster_id))


@area.on("clusters:suggest", Suggest, who=MEMBER)
def suggest_clusters(edge: Edge, seat: Seat, msg: Suggest) -> dict:
    cards = edge.store.read(lambda tx: clusters.loose_cards(tx, *edge.asker(tx, seat), msg.group_id))
    # Seconds of CPU for a couple of thousand loose cards: off the event loop, as exports are.
    return ok(suggestions=edge.store.offload(similarity.suggestions, cards, msg.threshold))
