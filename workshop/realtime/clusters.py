"""Clustering: facilitators (and participants, when the workshop allows it)
gather cards from every group into named clusters; suggestions on request.

Every event here is open to MEMBER: the store asks the domain whether this
viewer may cluster now."""
from __future__ import annotations

from ..domain import similarity
from ..shapes import bounded, client_id, shape
from ..store import clusters
from .area import MEMBER, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class CreateCluster:
    id: str = client_id()
    name: str | None = bounded(500, default=None)
    card_ids: list[str] = client_id(default_factory=list)


@shape
class AddCards:
    cluster_id: str = client_id()
    card_ids: list[str] = client_id()


@shape
class TakeOut:
    card_ids: list[str] = client_id()


@shape
class RenameCluster:
    cluster_id: str = client_id()
    name: str = bounded(500)


@shape
class MergeClusters:
    cluster_id: str = client_id()
    from_id: str = client_id()


@shape
class DeleteCluster:
    cluster_id: str = client_id()


@shape
class Suggest:
    threshold: int | None = None


@area.on("cluster:create", CreateCluster, who=MEMBER)
def create_cluster(edge: Edge, seat: Seat, msg: CreateCluster) -> dict:
    return ok(cluster=edge.change_in(seat, clusters.create, seat.viewer, msg.id, msg.name, msg.card_ids))


@area.on("cluster:add", AddCards, who=MEMBER)
def add_cards(edge: Edge, seat: Seat, msg: AddCards) -> dict:
    return ok(cluster=edge.change_in(seat, clusters.add_cards, seat.viewer, msg.cluster_id, msg.card_ids))


@area.on("cluster:take_out", TakeOut, who=MEMBER)
def take_out(edge: Edge, seat: Seat, msg: TakeOut) -> dict:
    return ok(card_ids=edge.change_in(seat, clusters.take_out, seat.viewer, msg.card_ids))


@area.on("cluster:rename", RenameCluster, who=MEMBER)
def rename_cluster(edge: Edge, seat: Seat, msg: RenameCluster) -> dict:
    return ok(cluster=edge.change_in(seat, clusters.rename, seat.viewer, msg.cluster_id, msg.name))


@area.on("cluster:merge", MergeClusters, who=MEMBER)
def merge_clusters(edge: Edge, seat: Seat, msg: MergeClusters) -> dict:
    return ok(cluster=edge.change_in(seat, clusters.merge, seat.viewer, msg.cluster_id, msg.from_id))


@area.on("cluster:delete", DeleteCluster, who=MEMBER)
def delete_cluster(edge: Edge, seat: Seat, msg: DeleteCluster) -> dict:
    return ok(cluster_id=edge.change_in(seat, clusters.delete, seat.viewer, msg.cluster_id))


@area.on("clusters:suggest", Suggest, who=MEMBER)
def suggest_clusters(edge: Edge, seat: Seat, msg: Suggest) -> dict:
    cards = edge.read_in(seat, clusters.loose_cards, seat.viewer)
    # Seconds of CPU for a couple of thousand loose cards: off the event loop, as exports are.
    return ok(suggestions=edge.store.offload(similarity.suggestions, cards, msg.threshold))
