"""Clustering and voting in groups: three groups cluster and dot-vote their own
cards at the same time, each in its own room, and each group's top items reach
the whole-room step marked with the group they came from."""
from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import new_id

GROUPS = 3


class AllHands:
    """The All-hands collect agenda with six people in three groups of two, who wrote two cards each."""

    def __init__(self, make_workshop, facilitator_of, join, top_n: int = 1):
        self.workshop = make_workshop(agenda="all-hands-collect", group_size=2, blind_writing=False)
        self.facilitator = facilitator_of(self.workshop)
        self.steps = self.facilitator.ack["state"]["agenda"]["steps"]
        self.people = [join(self.workshop, f"Person {n}") for n in range(GROUPS * 2)]
        self.groups: dict[str, list] = {}
        for person in self.people:
            self.groups.setdefault(person.group_id, []).append(person)
        assert len(self.groups) == GROUPS and all(len(m) == 2 for m in self.groups.values())
        vote = self.step("vote")
        assert self.facilitator.call("agenda:settings", {"step_id": vote["id"], "settings": {"top_n": top_n}})["ok"]
        self.go("collect")
        self.cards: dict[str, list[str]] = {}  # the cards of each group, in writing order
        for person in self.people:
            for n in range(2):
                ack = person.add_card(f"{person.ack['participant']['name']} idea {n}")
                assert ack["ok"], ack
                self.cards.setdefault(person.group_id, []).append(ack["card"]["id"])
        self.heard()

    def step(self, kind: str, nth: int = 0) -> dict:
        return [s for s in self.steps if s["kind"] == kind][nth]

    def go(self, kind: str, nth: int = 0) -> None:
        ack = self.facilitator.call("agenda:go", {"step_id": self.step(kind, nth)["id"]})
        assert ack["ok"], ack

    def heard(self) -> None:
        for person in [self.facilitator, *self.people]:
            person.received()

    def group_ids(self) -> list[str]:
        return list(self.groups)


@pytest.fixture
def all_hands(make_workshop, facilitator_of, join):
    return AllHands(make_workshop, facilitator_of, join)


def snapshot(person) -> dict:
    return person.call("sync", {})["state"]


def cluster_in_groups(room: AllHands) -> dict[str, str]:
    """Each group gathers its first three cards into one cluster, at once; returns the cluster of each group."""
    room.go("cluster")
    room.heard()
    made = {}
    for group_id, (first, _second) in room.groups.items():
        cluster_id = new_id()
        ack = first.call("cluster:create", {"id": cluster_id, "name": f"Theme of {group_id[:4]}",
                                            "card_ids": room.cards[group_id][:3]})
        assert ack["ok"], ack
        made[group_id] = cluster_id
    return made


def test_each_group_clusters_its_own_cards_and_hears_only_its_own_board(all_hands):
    made = cluster_in_groups(all_hands)
    for group_id, members in all_hands.groups.items():
        for member in members:
            boards = member.received("clusters:changed")
            assert {b["group_id"] for b in boards} == {group_id}
            assert [[c["id"] for c in b["clusters"]] for b in boards] == [[made[group_id]]]
    watched = all_hands.facilitator.received("clusters:changed")
    assert sorted(b["group_id"] for b in watched) == sorted(all_hands.group_ids())
    # A snapshot (a reload) shows a participant their group's board only.
    first = next(iter(all_hands.groups.values()))[0]
    state = snapshot(first)
    assert [c["id"] for c in state["clusters"]] == [made[first.group_id]]
    assert {c["group_id"] for c in state["cards"]} == {first.group_id}


def test_a_participant_cannot_touch_another_groups_cards_or_clusters(all_hands):
    made = cluster_in_groups(all_hands)
    (mine, theirs) = all_hands.group_ids()[:2]
    person = all_hands.groups[mine][0]
    refused = person.call("cluster:create", {"id": new_id(), "card_ids": [all_hands.cards[theirs][3]]})
    assert refused["error"]["code"] == "forbidden"
    refused = person.call("cluster:rename", {"cluster_id": made[theirs], "name": "Mine now"})
    assert refused["error"]["code"] == "not_found"
    refused = person.call("cluster:create", {"id": new_id(), "group_id": theirs, "card_ids": []})
    assert refused["error"]["code"] == "forbidden"
    # Nothing changed on the other group's board.
    state = snapshot(all_hands.facilitator)
    assert {c["id"]: c["name"] for c in state["clusters"] if c["group_id"] == theirs} == \
        {made[theirs]: f"Theme of {theirs[:4]}"}


def test_the_facilitator_names_the_group_whose_board_they_cluster_on(all_hands):
    all_hands.go("cluster")
    group_id = all_hands.group_ids()[1]
    missing = all_hands.facilitator.call("cluster:create", {"id": new_id(), "card_ids": []})
    assert missing["error"]["code"] == "invalid"
    made = all_hands.facilitator.call("cluster:create", {"id": new_id(), "group_id": group_id,
                                                         "card_ids": all_hands.cards[group_id][:2]})
    assert made["ok"] and made["cluster"]["group_id"] == group_id
    nowhere = all_hands.facilitator.call("cluster:create", {"id": new_id(), "group_id": new_id(), "card_ids": []})
    assert nowhere["error"]["code"] == "not_found"


def vote_in_groups(room: AllHands, made: dict[str, str]) -> dict[str, dict]:
    """Open the vote in groups; in each group both members put both dots on the
    group's cluster, except that the second member of the last group puts one
    dot on the fourth card. Returns each group's vote."""
    room.go("vote")
    room.heard()
    opened = room.facilitator.call("vote:open", {"id": new_id(), "dots_per_participant": 2, "max_per_item": 2})
    assert opened["ok"], opened
    votes = {v["group_id"]: v for v in opened["votes"]}
    assert sorted(votes) == sorted(room.group_ids())
    last = room.group_ids()[-1]
    for group_id, (first, second) in room.groups.items():
        for person, items in ((first, [made[group_id]] * 2),
                              (second, [made[group_id], room.cards[group_id][3]] if group_id == last
                               else [made[group_id]] * 2)):
            for item_id in items:
                ack = person.call("dot:place", {"id": new_id(), "item_id": item_id})
                assert ack["ok"], ack
    return votes


def test_three_groups_vote_at_once_with_exact_totals_and_no_leak(all_hands):
    made = cluster_in_groups(all_hands)
    votes = vote_in_groups(all_hands, made)
    for group_id, members in all_hands.groups.items():
        for member in members:
            heard = member.received("vote:opened")
            assert [v["vote"]["id"] for v in heard] == [votes[group_id]["id"]]
            # The ballot is the group's cluster and its one loose card: nobody else's.
            assert [i["id"] for i in heard[0]["vote"]["items"]] == [made[group_id], all_hands.cards[group_id][3]]
    # A dot on another group's item is not on this voter's ballot.
    (mine, theirs) = all_hands.group_ids()[:2]
    stray = all_hands.groups[mine][0].call("dot:place", {"id": new_id(), "item_id": made[theirs]})
    assert stray["ok"] is False
    closed = all_hands.facilitator.call("vote:close", {})
    assert closed["ok"], closed
    rankings = {v["group_id"]: {i["id"]: i["dots"] for i in v["ranking"]} for v in closed["votes"]}
    last = all_hands.group_ids()[-1]
    for group_id in all_hands.group_ids():
        expected = Counter({made[group_id]: 4 if group_id != last else 3,
                            all_hands.cards[group_id][3]: 0 if group_id != last else 1})
        assert rankings[group_id] == dict(expected)
    for group_id, members in all_hands.groups.items():
        for member in members:
            assert [c["vote"]["group_id"] for c in member.received("vote:closed")] == [group_id]


def test_the_facilitator_sees_every_groups_progress(all_hands):
    made = cluster_in_groups(all_hands)
    all_hands.go("vote")
    all_hands.facilitator.call("vote:open", {"id": new_id()})
    first_group = all_hands.group_ids()[0]
    voter = all_hands.groups[first_group][0]
    assert voter.call("dot:place", {"id": new_id(), "item_id": made[first_group]})["ok"]
    state = snapshot(all_hands.facilitator)
    progress = {g["group_id"]: (g["voters"], g["members"]) for g in state["group_votes"]}
    assert progress == {g: (1 if g == first_group else 0, 2) for g in all_hands.group_ids()}


def test_each_groups_top_items_reach_the_whole_room_step_marked_with_their_group(all_hands):
    made = cluster_in_groups(all_hands)
    vote_in_groups(all_hands, made)
    assert all_hands.facilitator.call("vote:close", {})["ok"]
    all_hands.go("cluster", 1)
    state = snapshot(all_hands.facilitator)
    carried = state["board"]["carried"]
    assert carried["step_id"] == all_hands.step("vote")["id"]
    # top_n is 1: each group's cluster, with its group and its dots.
    assert sorted((i["group_id"], i["id"], i["dots"]) for i in carried["items"]) == sorted(
        (g, made[g], 4 if g != all_hands.group_ids()[-1] else 3) for g in all_hands.group_ids())
    # The room clusters the top items across groups; a card that did not flow on is not on this board.
    top_cards = [c for g in all_hands.group_ids()[:2] for c in all_hands.cards[g][:3]]
    gathered = all_hands.facilitator.call("cluster:create", {"id": new_id(), "name": "Across the room",
                                                             "card_ids": top_cards})
    assert gathered["ok"] and gathered["cluster"]["group_id"] is None
    left_behind = all_hands.cards[all_hands.group_ids()[0]][3]
    refused = all_hands.facilitator.call("cluster:create", {"id": new_id(), "card_ids": [left_behind]})
    assert refused["error"]["code"] == "invalid"
    # The groups' own clusters keep their cards: a card is in one cluster per board.
    state = snapshot(all_hands.facilitator)
    group_clusters = {c["id"]: c["card_ids"] for c in state["clusters"] if c["group_id"]}
    assert all(len(group_clusters[made[g]]) == 3 for g in all_hands.group_ids())


def test_discussing_the_top_of_a_vote_in_groups_takes_each_groups_top_places(all_hands):
    made = cluster_in_groups(all_hands)
    vote_in_groups(all_hands, made)
    assert all_hands.facilitator.call("vote:close", {})["ok"]
    discuss = {"id": new_id(), "kind": "discuss", "works_on": all_hands.step("vote")["id"]}
    assert all_hands.facilitator.call("agenda:add", discuss)["ok"], discuss
    assert all_hands.facilitator.call("agenda:go", {"step_id": discuss["id"]})["ok"]
    topics = all_hands.facilitator.call("topics:from_ranking", {"count": 1})
    assert topics["ok"], topics
    assert [t["cluster_id"] for t in topics["topics"]] == [made[g] for g in all_hands.group_ids()]


def test_moving_on_closes_every_groups_vote_and_each_group_hears_its_own(all_hands):
    made = cluster_in_groups(all_hands)
    vote_in_groups(all_hands, made)
    all_hands.heard()
    all_hands.go("cluster", 1)
    for group_id, members in all_hands.groups.items():
        for member in members:
            (closed,) = member.received("vote:closed")
            assert closed["vote"]["group_id"] == group_id
            assert closed["vote"]["ranking"][0] == {**closed["vote"]["ranking"][0], "id": made[group_id]}
    state = snapshot(all_hands.facilitator)
    assert sorted(v["status"] for v in state["group_votes"]) == ["closed"] * len(all_hands.group_ids())
    assert len(state["board"]["carried"]["items"]) == len(all_hands.group_ids())
