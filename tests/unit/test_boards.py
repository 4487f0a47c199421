"""Boards: which board a viewer clusters and votes on, and what flows from the
groups' votes into a whole-room step (workshop/domain/boards.py)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from workshop.domain.agenda import Agenda, new_step
from workshop.domain.boards import ROOM, Board, board_for, carried, carried_from, on_board
from workshop.domain.errors import Forbidden, InvalidInput, WrongPhase


def running(step):
    return replace(step, state="running")


IN_GROUPS = running(new_step("cluster", "c2", settings={"scope": "groups"}, works_on="c1"))
IN_ROOM = running(new_step("cluster", "c2", works_on="c1"))


def board(step, *, facilitator=False, mine="g1", asked=None):
    return board_for(step, "cluster_cards", doing="cluster cards", facilitator=facilitator, my_group=mine,
                     asked=asked)


def test_in_groups_a_participant_works_on_their_own_groups_board():
    assert board(IN_GROUPS) == Board("g1")
    assert board(IN_GROUPS, asked="g1") == Board("g1")
    with pytest.raises(Forbidden, match="own group"):
        board(IN_GROUPS, asked="g2")
    with pytest.raises(Forbidden, match="no group"):
        board(IN_GROUPS, mine=None)


def test_in_groups_the_facilitator_names_the_board():
    assert board(IN_GROUPS, facilitator=True, mine=None, asked="g2") == Board("g2")
    with pytest.raises(InvalidInput, match="group_id"):
        board(IN_GROUPS, facilitator=True, mine=None)


def test_a_whole_room_step_has_one_board_and_refuses_a_group():
    assert board(IN_ROOM, facilitator=True) == ROOM and ROOM.room
    with pytest.raises(InvalidInput, match="whole room"):
        board(IN_ROOM, facilitator=True, asked="g1")


def test_no_board_outside_a_step_that_allows_it():
    with pytest.raises(WrongPhase):
        board(None, facilitator=True)
    with pytest.raises(WrongPhase):
        board(running(new_step("collect", "c1")), facilitator=True)
    # A whole-room cluster step is the facilitator's unless its settings say otherwise.
    with pytest.raises(WrongPhase):
        board(IN_ROOM)


def all_hands(room_works_on: str = "v1", vote_scope: str = "groups") -> Agenda:
    return Agenda.of([
        new_step("collect", "c1"),
        new_step("cluster", "k1", settings={"scope": "groups"}, works_on="c1"),
        new_step("vote", "v1", settings={"scope": vote_scope, "top_n": 2}, works_on="k1"),
        new_step("cluster", "k2", works_on=room_works_on),
        new_step("vote", "v2", works_on="k2"),
    ])


def test_a_whole_room_step_after_a_vote_in_groups_starts_from_its_top_items():
    agenda = all_hands()
    assert carried_from(agenda, agenda.step("k2")).id == "v1"
    # ... and so does a whole-room vote on that room's clusters, through the cluster step.
    assert carried_from(agenda, agenda.step("v2")).id == "v1"
    # Steps in groups and steps before any vote in groups start from everything.
    assert carried_from(agenda, agenda.step("v1")) is None
    assert carried_from(agenda, agenda.step("k1")) is None


def test_a_whole_room_step_on_the_collected_cards_starts_from_everything():
    agenda = Agenda.of([new_step("collect", "c1"), new_step("cluster", "k1", works_on="c1"),
                        new_step("vote", "v1", works_on="k1")])
    assert carried_from(agenda, agenda.step("v1")) is None


def ranked(*dots: int, prefix: str) -> list[dict]:
    out, rank = [], 0
    for place, count in enumerate(dots):
        rank = rank if out and out[-1]["dots"] == count else place + 1
        out.append({"id": f"{prefix}{place}", "kind": "cluster", "name": f"{prefix}{place}",
                    "card_ids": [f"{prefix}card{place}"], "dots": count, "rank": rank})
    return out


def test_each_groups_top_n_flow_on_marked_with_the_group_ties_kept_and_undotted_dropped():
    source = all_hands().step("v1")  # top_n 2
    flowed = carried(source, {"g1": ranked(5, 3, 3, 1, prefix="a"), "g2": ranked(4, 0, 0, prefix="b")})
    assert [(i["group_id"], i["id"]) for i in flowed.items] == [
        ("g1", "a0"), ("g1", "a1"), ("g1", "a2"), ("g2", "b0")]
    assert flowed.card_ids == {"acard0", "acard1", "acard2", "bcard0"}
    assert flowed.public()["step_id"] == "v1"


def test_only_a_votes_top_items_flow_on():
    with pytest.raises(TypeError):
        carried(all_hands().step("k1"), {})


def test_cards_must_be_on_the_board():
    on_board({"c1": "g1"}, Board("g1"), None)
    with pytest.raises(Forbidden):
        on_board({"c1": "g1", "c2": "g2"}, Board("g1"), None)
    on_board({"c1": "g1", "c2": "g2"}, ROOM, None)
    on_board({"c1": "g1"}, ROOM, {"c1"})
    with pytest.raises(InvalidInput, match="top items"):
        on_board({"c1": "g1", "c2": "g2"}, ROOM, {"c1"})
