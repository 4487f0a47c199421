"""Cluster rules: names, card lists, merging and deleting."""
from __future__ import annotations

import uuid

import pytest

from workshop.domain.clusters import ClusterNotEmpty, card_ids, check_delete, check_merge, cluster_name
from workshop.domain.errors import InvalidInput


def test_names_are_trimmed_to_one_line():
    assert cluster_name("  Too many\nmeetings ") == "Too many meetings"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 81, None, 5])
def test_bad_names_are_refused(bad):
    with pytest.raises(InvalidInput):
        cluster_name(bad)


def test_card_lists_drop_duplicates_and_keep_order():
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    assert card_ids([b, a, b]) == [b, a]


def test_card_lists_need_uuids_and_at_least_one_card():
    with pytest.raises(InvalidInput):
        card_ids(["nope"])
    with pytest.raises(InvalidInput):
        card_ids([])
    assert card_ids([], allow_empty=True) == []


def test_a_cluster_is_not_merged_into_itself():
    with pytest.raises(InvalidInput):
        check_merge("k", "k")


def test_only_empty_clusters_are_deleted():
    check_delete(0)
    with pytest.raises(ClusterNotEmpty):
        check_delete(2)
