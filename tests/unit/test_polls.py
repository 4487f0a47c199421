"""The commit rule of 80% agree, 100% commit."""
import pytest

from workshop.domain import polls
from workshop.domain.errors import InvalidInput, PollClosed
from workshop.domain.polls import Answer


def answers(*levels):
    return [Answer(f"p{i}", level, "" if level >= 80 else "too vague") for i, level in enumerate(levels)]


def test_everyone_at_80_or_more_commits():
    outcome = polls.close(answers(80, 90, 100), present=3)
    assert outcome.result == "commit" and outcome.sticking == []


def test_exactly_80_is_agreement():
    assert polls.close(answers(80), present=1).result == "commit"


def test_one_person_below_80_means_not_yet_with_their_reason():
    outcome = polls.close(answers(100, 100, 70), present=3)
    assert outcome.result == "not_yet"
    assert [(a.level, a.reason) for a in outcome.sticking] == [(70, "too vague")]


def test_nobody_answering_is_not_yet():
    outcome = polls.close([], present=5)
    assert outcome.result == "not_yet" and outcome.answered == 0


def test_nobody_present_and_nobody_answering_is_not_yet():
    assert polls.close([], present=0).result == "not_yet"


def test_quorum_not_reached_is_not_yet_even_when_all_agree():
    outcome = polls.close(answers(100, 90), present=10, share=0.5)
    assert outcome.result == "not_yet" and not outcome.quorum_reached and outcome.needed == 5


def test_quorum_exactly_reached_commits():
    assert polls.close(answers(100, 90, 80, 80, 80), present=10, share=0.5).result == "commit"


def test_zero_quorum_still_needs_one_answer():
    assert polls.needed(present=10, share=0) == 1


def test_distribution_counts_every_level():
    outcome = polls.close(answers(0, 70, 70, 100), present=4)
    assert outcome.distribution[70] == 2 and outcome.distribution[0] == 1 and outcome.distribution[50] == 0
    assert sorted(outcome.distribution) == list(range(0, 101, 10))
    assert [a.level for a in outcome.sticking] == [0, 70, 70]


@pytest.mark.parametrize("present, share, needed", [(3, 0.5, 2), (5, 0.7, 4), (4, 0.75, 3), (10, 0.8, 8)])
def test_the_quorum_rounds_a_share_of_those_present_up(present, share, needed):
    assert polls.needed(present=present, share=share) == needed


@pytest.mark.parametrize("level", [-10, 5, 110, "80", None, True, 80.0])
def test_levels_are_0_to_100_in_steps_of_10(level):
    with pytest.raises(InvalidInput):
        polls.answer("p1", level, "why")


def test_below_80_a_reason_is_required():
    with pytest.raises(polls.ReasonRequired):
        polls.answer("p1", 70, "   ")
    assert polls.answer("p1", 70, " owner unclear ").reason == "owner unclear"
    assert polls.answer("p1", 80).reason == ""


def test_no_answer_once_the_round_is_closed():
    with pytest.raises(PollClosed):
        polls.answer("p1", 90, is_open=False)


@pytest.mark.parametrize("share", [-0.1, 1.5, "half", True])
def test_quorum_is_a_share_between_0_and_1(share):
    with pytest.raises(InvalidInput):
        polls.quorum(share)


@pytest.mark.parametrize("share", [0, 1, 0.75])
def test_a_quorum_from_nobody_to_everyone_present_may_be_asked(share):
    assert polls.quorum(share) == share


def test_every_level_from_0_to_100_in_steps_of_10_may_be_given():
    assert [polls.answer("p1", level, "why").level for level in range(0, 101, 10)] == list(range(0, 101, 10))


@pytest.mark.parametrize("rule, longest", [(polls.proposal, 1000), (lambda text: polls.answer("p1", 50, text).reason, 500)])
def test_a_proposal_holds_1000_characters_and_a_reason_500(rule, longest):
    assert len(rule("x" * longest)) == longest
    with pytest.raises(InvalidInput):
        rule("x" * (longest + 1))
