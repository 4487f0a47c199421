"""Clustering over sockets: every screen hears every change, in one order."""
from __future__ import annotations

from tests.conftest import new_id
from tests.socket.sorting import cluster


def names_and_cards(clusters: list[dict]) -> list[tuple[str, list[str]]]:
    return [(c["name"], c["card_ids"]) for c in clusters]


def test_facilitator_clusters_cards_of_two_groups_and_everyone_hears_it(board):
    b = board()
    ann, bob, cy = b.people
    ack = cluster(b.facilitator, b.cards["Too many meetings"], b.cards["Fewer meetings on Fridays"], name="Meetings")
    assert ack["ok"], ack
    assert ack["cluster"]["name"] == "Meetings"
    for person in (ann, cy):
        (changed,) = person.received("clusters:changed")
        assert names_and_cards(changed["clusters"]) == [
            ("Meetings", [b.cards["Too many meetings"], b.cards["Fewer meetings on Fridays"]])]


def test_participants_read_every_card_from_the_cluster_phase_on(board):
    b = board()
    ann, _, cy = b.people
    state = ann.call("sync", {})["state"]
    assert {c["text"] for c in state["cards"]} == set(b.cards)


def test_a_new_cluster_without_a_name_is_numbered(board):
    b = board()
    assert cluster(b.facilitator, b.cards["Pair programming"])["cluster"]["name"] == "Cluster 1"
    assert cluster(b.facilitator)["cluster"]["name"] == "Cluster 2"


def test_adding_a_card_moves_it_out_of_its_old_cluster(board):
    b = board()
    first = cluster(b.facilitator, b.cards["Too many meetings"], b.cards["Pair programming"])["cluster"]
    second = cluster(b.facilitator, b.cards["Fewer meetings on Fridays"])["cluster"]
    ack = b.facilitator.call("cluster:add", {"cluster_id": second["id"], "card_ids": [b.cards["Too many meetings"]]})
    assert ack["cluster"]["card_ids"] == [b.cards["Fewer meetings on Fridays"], b.cards["Too many meetings"]]
    state = b.facilitator.call("sync", {})["state"]
    assert names_and_cards(state["clusters"]) == [
        (first["name"], [b.cards["Pair programming"]]),
        (second["name"], [b.cards["Fewer meetings on Fridays"], b.cards["Too many meetings"]])]


def test_rename_merge_take_out_and_delete(board):
    b = board()
    f = b.facilitator
    meetings = cluster(f, b.cards["Too many meetings"])["cluster"]
    more = cluster(f, b.cards["Fewer meetings on Fridays"], b.cards["Coffee machine is broken"])["cluster"]
    assert f.call("cluster:rename", {"cluster_id": meetings["id"], "name": "  Meetings "})["cluster"]["name"] == "Meetings"
    merged = f.call("cluster:merge", {"cluster_id": meetings["id"], "from_id": more["id"]})["cluster"]
    assert len(merged["card_ids"]) == 3
    assert f.call("cluster:take_out", {"card_ids": [b.cards["Coffee machine is broken"]]})["ok"]
    refused = f.call("cluster:delete", {"cluster_id": meetings["id"]})
    assert refused["error"]["code"] == "cluster_not_empty"
    assert f.call("cluster:take_out", {"card_ids": merged["card_ids"][:2]})["ok"]
    assert f.call("cluster:delete", {"cluster_id": meetings["id"]})["ok"]
    assert f.call("sync", {})["state"]["clusters"] == []


def test_creating_the_same_cluster_twice_makes_one(board):
    b = board()
    payload = {"id": new_id(), "card_ids": [b.cards["Pair programming"]]}
    first, again = b.facilitator.call("cluster:create", payload), b.facilitator.call("cluster:create", payload)
    assert first == again
    assert len(b.facilitator.call("sync", {})["state"]["clusters"]) == 1


def test_participants_cannot_cluster_unless_the_workshop_allows_it(board):
    b = board()
    ann = b.people[0]
    assert cluster(ann, b.cards["Pair programming"])["error"]["code"] == "forbidden"
    assert b.facilitator.call("settings:change", {"settings": {"participants_cluster": True}})["ok"]
    assert cluster(ann, b.cards["Pair programming"])["ok"]


def test_clustering_is_for_the_cluster_phase(board):
    b = board()
    b.to_phase("vote")
    ack = cluster(b.facilitator, b.cards["Pair programming"])
    assert ack["error"]["code"] == "wrong_phase"
    assert b.facilitator.call("sync", {})["state"]["clusters"] == []


def test_unknown_cards_and_clusters_are_refused_and_change_nothing(board):
    b = board()
    f = b.facilitator
    assert cluster(f, new_id())["error"]["code"] == "not_found"
    assert cluster(f, "not-a-uuid")["error"]["code"] == "invalid"
    assert f.call("cluster:add", {"cluster_id": new_id(), "card_ids": [b.cards["Pair programming"]]})["error"]["code"] == "not_found"
    assert f.call("cluster:rename", {"cluster_id": new_id(), "name": "x"})["error"]["code"] == "not_found"
    assert f.call("sync", {})["state"]["clusters"] == []
    assert f.received("clusters:changed") == []


def test_another_workshops_cards_cannot_be_clustered(board, make_workshop, facilitator_of):
    b = board()
    other = facilitator_of(make_workshop("Other"))
    assert other.call("phase:set", {"phase": "cluster"})["ok"]
    assert cluster(other, b.cards["Pair programming"])["error"]["code"] == "not_found"


def test_suggestions_group_similar_unclustered_cards_and_store_nothing(board):
    b = board()
    ack = b.facilitator.call("clusters:suggest", {})
    assert ack["ok"], ack
    groups = sorted(sorted(s["card_ids"]) for s in ack["suggestions"])
    assert groups == sorted([
        sorted([b.cards["Weekly demo to customers"], b.cards["More customer demos"]]),
        sorted([b.cards["Too many meetings"], b.cards["Fewer meetings on Fridays"]])])
    assert b.facilitator.call("sync", {})["state"]["clusters"] == []
    assert b.facilitator.received("clusters:changed") == []


def test_accepting_a_suggestion_is_creating_its_cluster(board):
    b = board()
    suggestion = b.facilitator.call("clusters:suggest", {})["suggestions"][0]
    assert cluster(b.facilitator, *suggestion["card_ids"], name=suggestion["name"])["ok"]
    left = b.facilitator.call("clusters:suggest", {})["suggestions"]
    assert all(set(s["card_ids"]).isdisjoint(suggestion["card_ids"]) for s in left)


def test_two_facilitators_clustering_at_once_end_with_the_same_clusters(board, facilitator_of):
    b = board()
    other = facilitator_of(b.workshop)
    cards = list(b.cards.values())
    mine = cluster(b.facilitator, cards[0])["cluster"]
    theirs = cluster(other, cards[1])["cluster"]
    assert b.facilitator.call("cluster:add", {"cluster_id": theirs["id"], "card_ids": [cards[2]]})["ok"]
    assert other.call("cluster:add", {"cluster_id": mine["id"], "card_ids": [cards[2], cards[3]]})["ok"]
    last = [p.received("clusters:changed")[-1] for p in (b.facilitator, other, b.people[2])]
    assert last[0] == last[1] == last[2]
    clustered = {c["id"]: sorted(c["card_ids"]) for c in last[0]["clusters"]}
    assert clustered == {mine["id"]: sorted([cards[0], cards[2], cards[3]]), theirs["id"]: [cards[1]]}
    assert last[0]["clusters"] == b.facilitator.call("sync", {})["state"]["clusters"]


def test_a_card_deleted_back_in_collect_leaves_its_cluster(board):
    b = board()
    ann = b.people[0]
    cluster(b.facilitator, b.cards["Too many meetings"], b.cards["Fewer meetings on Fridays"])
    b.to_phase("collect")
    assert ann.call("card:delete", {"id": b.cards["Too many meetings"]})["ok"]
    (left,) = b.facilitator.call("sync", {})["state"]["clusters"]
    assert left["card_ids"] == [b.cards["Fewer meetings on Fridays"]]


def test_participants_see_no_clusters_before_the_cluster_phase(board):
    b = board()
    cluster(b.facilitator, b.cards["Too many meetings"], b.cards["Fewer meetings on Fridays"])
    b.to_phase("collect")
    assert b.people[2].call("sync", {})["state"]["clusters"] == []


def test_suggestions_follow_the_clustering_rights_and_check_the_threshold(board):
    b = board()
    assert b.people[0].call("clusters:suggest", {})["error"]["code"] == "forbidden"
    assert b.facilitator.call("clusters:suggest", {"threshold": 9})["error"]["code"] == "invalid"
    b.to_phase("vote")
    assert b.facilitator.call("clusters:suggest", {})["error"]["code"] == "wrong_phase"
