"""Clusters: cards from all groups gathered under a name, before the vote."""
from __future__ import annotations

from typing import Iterable

from . import text
from .agenda import Step
from .boards import Board, board_for
from .cards import client_id
from .errors import DomainError, Forbidden, InvalidInput
from .workshop import Settings

NAME_MAX = 80


class ClusterNotEmpty(DomainError):
    code = "cluster_not_empty"


def may_cluster(step: Step | None, settings: Settings, *, facilitator: bool, my_group: str | None = None,
                asked: str | None = None) -> Board:
    """The board this viewer clusters on now. Clustering happens in a cluster step:
    by facilitators, by participants when the step lets them (always in groups),
    and by participants in any cluster step when the workshop's switch lets them."""
    granted = False
    if not facilitator and step is not None and step.allows("cluster_cards", facilitator=True) \
            and not step.allows("cluster_cards"):
        if not settings.participants_cluster:
            raise Forbidden("only the facilitator clusters cards in this workshop")
        granted = True
    return board_for(step, "cluster_cards", doing="cluster cards", facilitator=facilitator,
                     my_group=my_group, asked=asked, granted=granted)


def cluster_name(value: object) -> str:
    return text.clean(value, field="cluster name", min_len=1, max_len=NAME_MAX, multiline=False)


def default_name(position: int) -> str:
    return f"Cluster {position}"


def card_ids(values: Iterable[object], *, allow_empty: bool = False) -> list[str]:
    """Client card ids, checked as UUIDs, duplicates dropped, order kept."""
    ids = list(dict.fromkeys(client_id(v, field="card id") for v in values))
    if not ids and not allow_empty:
        raise InvalidInput("choose at least one card")
    return ids


def check_merge(into_id: str, from_id: str) -> None:
    if into_id == from_id:
        raise InvalidInput("a cluster cannot be merged into itself")


def check_delete(card_count: int) -> None:
    if card_count:
        raise ClusterNotEmpty("take the cards out (or merge the cluster) before deleting it")
