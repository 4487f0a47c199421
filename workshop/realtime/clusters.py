"""Clustering: facilitators (and participants, when the workshop allows it)
gather cards from every group into named clusters; suggestions on request."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..domain import similarity
from ..store import clusters
from .edge import MEMBER, Edge, ok
from .presence import Seat

ID = {"max": 64}


@dataclass
class CreateCluster:
    id: str = field(metadata=ID)
    name: str | None = field(default=None, metadata={"max": 500})
    card_ids: list[str] = field(default_factory=list, metadata=ID)


@dataclass
class AddCards:
    cluster_id: str = field(metadata=ID)
    card_ids: list[str] = field(metadata=ID)


@dataclass
class TakeOut:
    card_ids: list[str] = field(metadata=ID)


@dataclass
class RenameCluster:
    cluster_id: str = field(metadata=ID)
    name: str = field(metadata={"max": 500})


@dataclass
class MergeClusters:
    cluster_id: str = field(metadata=ID)
    from_id: str = field(metadata=ID)


@dataclass
class DeleteCluster:
    cluster_id: str = field(metadata=ID)


@dataclass
class Suggest:
    threshold: int | None = None


def register(edge: Edge) -> None:
    # MEMBER: the store asks the domain whether this viewer may cluster now.
    @edge.on("cluster:create", CreateCluster, who=MEMBER)
    def create_cluster(seat: Seat, msg: CreateCluster) -> dict:
        return ok(cluster=edge.change(lambda tx: clusters.create(
            tx, edge.workshop(tx, seat), seat.viewer, msg.id, msg.name, msg.card_ids)))

    @edge.on("cluster:add", AddCards, who=MEMBER)
    def add_cards(seat: Seat, msg: AddCards) -> dict:
        return ok(cluster=edge.change(lambda tx: clusters.add_cards(
            tx, edge.workshop(tx, seat), seat.viewer, msg.cluster_id, msg.card_ids)))

    @edge.on("cluster:take_out", TakeOut, who=MEMBER)
    def take_out(seat: Seat, msg: TakeOut) -> dict:
        return ok(card_ids=edge.change(lambda tx: clusters.take_out(
            tx, edge.workshop(tx, seat), seat.viewer, msg.card_ids)))

    @edge.on("cluster:rename", RenameCluster, who=MEMBER)
    def rename_cluster(seat: Seat, msg: RenameCluster) -> dict:
        return ok(cluster=edge.change(lambda tx: clusters.rename(
            tx, edge.workshop(tx, seat), seat.viewer, msg.cluster_id, msg.name)))

    @edge.on("cluster:merge", MergeClusters, who=MEMBER)
    def merge_clusters(seat: Seat, msg: MergeClusters) -> dict:
        return ok(cluster=edge.change(lambda tx: clusters.merge(
            tx, edge.workshop(tx, seat), seat.viewer, msg.cluster_id, msg.from_id)))

    @edge.on("cluster:delete", DeleteCluster, who=MEMBER)
    def delete_cluster(seat: Seat, msg: DeleteCluster) -> dict:
        return ok(cluster_id=edge.change(lambda tx: clusters.delete(
            tx, edge.workshop(tx, seat), seat.viewer, msg.cluster_id)))

    @edge.on("clusters:suggest", Suggest, who=MEMBER)
    def suggest_clusters(seat: Seat, msg: Suggest) -> dict:
        cards = edge.store.read(lambda tx: clusters.loose_cards(tx, edge.workshop(tx, seat), seat.viewer))
        return ok(suggestions=similarity.suggestions(cards, msg.threshold))
