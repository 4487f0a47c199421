"""Which phase allows what: the rules the server enforces."""
from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from workshop.domain import cards, clusters, votes
from workshop.domain.agenda import Step, new_step
from workshop.domain.errors import Forbidden, InvalidInput, WrongPhase
from workshop.domain.workshop import (
    TEMPLATES,
    Settings,
    changes_what_participants_see,
    check_phase,
    require_phase,
)

TEMPLATE = TEMPLATES["start-stop-continue"]
ITEMS = [votes.Item("i1", "card", "Idea", ("c1",), frozenset({"p2"}))]


def write(kind: str):
    return cards.write_card(running(kind), TEMPLATE, str(uuid.uuid4()), "p1", "g1", "start", "Idea")


# Written here, not read from the code: a phase dropped or reordered there must fail.
WORKSHOP_PHASES = ["lobby", "collect", "cluster", "vote", "discuss", "decide", "summary"]


def test_phases_run_from_lobby_to_summary():
    with pytest.raises(InvalidInput) as refused:
        check_phase("party")
    assert refused.value.message.endswith("phases are " + ", ".join(WORKSHOP_PHASES))


@pytest.mark.parametrize("phase", WORKSHOP_PHASES)
def test_any_phase_may_be_chosen_and_nothing_else(phase):
    assert check_phase(phase) == phase


@pytest.mark.parametrize("bad", ["", "Vote", None, 3, "party"])
def test_unknown_phases_are_refused(bad):
    with pytest.raises(InvalidInput):
        check_phase(bad)


def running(kind: str, **settings) -> Step:
    needs = {"cluster": "c1", "vote": "c1"}  # works_on is checked by the agenda, not here
    return replace(new_step(kind, f"s-{kind}", settings=settings, works_on=needs.get(kind)), state="running")


# Written here, not read from the code: which kinds of step cluster and open votes.
STEP_KINDS = ["lobby", "collect", "cluster", "vote", "discuss", "decide", "feedback", "summary"]


@pytest.mark.parametrize("kind", STEP_KINDS)
def test_cards_are_written_in_a_collect_step_only(kind):
    if kind == "collect":
        assert write(kind).text == "Idea"
    else:
        with pytest.raises(WrongPhase):
            write(kind)


@pytest.mark.parametrize("kind", STEP_KINDS)
def test_cards_are_clustered_in_a_cluster_step_only(kind):
    if kind == "cluster":
        assert clusters.may_cluster(running(kind), Settings(), facilitator=True).room
    else:
        with pytest.raises(WrongPhase):
            clusters.may_cluster(running(kind), Settings(), facilitator=True)
    with pytest.raises(WrongPhase):
        clusters.may_cluster(None, Settings(), facilitator=True)


def test_participants_cluster_only_when_the_step_or_the_workshop_allows_it():
    with pytest.raises(Forbidden):
        clusters.may_cluster(running("cluster"), Settings(), facilitator=False, my_group="g1")
    assert clusters.may_cluster(running("cluster"), Settings(participants_cluster=True), facilitator=False,
                                my_group="g1").room
    assert clusters.may_cluster(running("cluster", participants_cluster=True), Settings(), facilitator=False,
                                my_group="g1").room


@pytest.mark.parametrize("kind", STEP_KINDS)
def test_votes_open_in_a_vote_step_only(kind):
    if kind == "vote":
        votes.check_open(running(kind), ITEMS, already_open=False)
    else:
        with pytest.raises(WrongPhase):
            votes.check_open(running(kind), ITEMS, already_open=False)
    with pytest.raises(WrongPhase):
        votes.check_open(None, ITEMS, already_open=False)


@pytest.mark.parametrize("kind", STEP_KINDS)
def test_dots_are_placed_and_taken_back_in_a_vote_step_only(kind):
    if kind == "vote":
        assert votes.check_dot(running(kind), "open", votes.VoteSettings(), ITEMS, "i1", "p1", []).id == "i1"
        votes.check_take_back(running(kind), "open")
        return
    with pytest.raises(WrongPhase):
        votes.check_dot(running(kind), "open", votes.VoteSettings(), ITEMS, "i1", "p1", [])
    with pytest.raises(WrongPhase):
        votes.check_take_back(running(kind), "open")


def test_a_wrong_phase_error_names_the_phase_to_wait_for():
    with pytest.raises(WrongPhase, match="during Vote; that is for Collect"):
        require_phase("vote", "collect", doing="write cards")


def test_only_crossing_into_or_out_of_the_group_phases_changes_what_participants_see():
    assert changes_what_participants_see("collect", "cluster")
    assert changes_what_participants_see("vote", "lobby")
    assert not changes_what_participants_see("lobby", "collect")
    assert not changes_what_participants_see("cluster", "summary")
