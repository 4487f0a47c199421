"""Rewording a poll, its anonymity, and which rounds are the workshop's decisions."""
import pytest

from workshop.domain import polls
from workshop.domain.errors import Conflict, InvalidInput
from workshop.domain.polls import LastRound

CLOSED = LastRound("Ship on Fridays", is_open=False, result=polls.NOT_YET)


def test_rewording_a_closed_round_asks_again_in_the_new_words():
    assert polls.reword(CLOSED, "  Ship on Thursdays ", None) == "Ship on Thursdays"


def test_the_same_words_again_after_a_close_is_a_new_round():
    assert polls.reword(CLOSED, "Ship on Fridays", None) == "Ship on Fridays"


def test_repeating_the_open_round_is_a_retry_that_changes_nothing():
    asking = LastRound("Ship on Thursdays", is_open=True, result=None)
    assert polls.reword(asking, "Ship on Thursdays", "r2") is None


def test_rewording_while_a_round_is_open_is_refused():
    asking = LastRound("Ship on Fridays", is_open=True, result=None)
    with pytest.raises(Conflict):
        polls.reword(asking, "Ship on Thursdays", "r1")


def test_a_committed_proposal_is_not_asked_again():
    committed = LastRound("Ship on Fridays", is_open=False, result=polls.COMMIT)
    with pytest.raises(Conflict):
        polls.reword(committed, "Ship on Thursdays", None)


def test_a_rewording_is_a_proposal():
    with pytest.raises(InvalidInput):
        polls.reword(CLOSED, "  ", None)


@pytest.mark.parametrize("value", [True, False])
def test_anonymity_is_true_or_false(value):
    assert polls.anonymity(value) is value


@pytest.mark.parametrize("value", [None, 1, "yes"])
def test_anonymity_is_refused_otherwise(value):
    with pytest.raises(InvalidInput):
        polls.anonymity(value)


def _round(number, result):
    return {"id": f"r{number}", "number": number, "proposal": f"Proposal {number}", "result": result,
            "closed_at": 10.0 * number, "answered": 4, "distribution": {"80": 4}}


def test_the_decisions_are_the_committed_rounds_in_order():
    poll = {"id": "p1", "topic_id": "t1", "cluster_id": None,
            "rounds": [_round(1, polls.NOT_YET), _round(2, polls.COMMIT), _round(3, None)]}
    other = {"id": "p2", "topic_id": None, "cluster_id": "c1", "rounds": [_round(1, polls.COMMIT)]}
    decided = polls.decisions([poll, other])
    assert [(d["poll_id"], d["round"], d["proposal"]) for d in decided] == [
        ("p1", 2, "Proposal 2"), ("p2", 1, "Proposal 1")]
    assert decided[0] == {"poll_id": "p1", "round_id": "r2", "proposal": "Proposal 2", "topic_id": "t1",
                          "cluster_id": None, "round": 2, "decided_at": 20.0, "answered": 4,
                          "distribution": {"80": 4}}


def test_no_commit_no_decision():
    assert polls.decisions([{"id": "p1", "topic_id": None, "cluster_id": None,
                             "rounds": [_round(1, polls.NOT_YET)]}]) == []
