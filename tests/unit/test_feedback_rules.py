from dataclasses import replace

import pytest

from workshop.domain import feedback
from workshop.domain.agenda import new_step
from workshop.domain.errors import InvalidInput, WrongPhase


@pytest.mark.parametrize("scores, nps", [
    ([], None), ([10, 9, 9], 100), ([0, 6, 3], -100), ([7, 8], 0), ([10, 0], 0), ([9, 9, 7, 6], 25),
])
def test_net_promoter_score_is_promoters_minus_detractors_in_percent(scores, nps):
    assert feedback.net_promoter_score(scores) == nps


def test_satisfaction_is_the_mean_score_out_of_ten():
    assert feedback.satisfaction([10, 7, 8]) == 8.3
    assert feedback.satisfaction([]) is None


def test_scores_seven_and_eight_are_passive():
    assert feedback.figures([7, 8, 9, 6]) | {} == {
        "responses": 4, "promoters": 1, "passives": 2, "detractors": 1, "nps": 0, "satisfaction": 7.5}


@pytest.mark.parametrize("score", [-1, 11, 5.5, "9", True, None])
def test_feedback_score_must_be_a_whole_number_from_zero_to_ten(score):
    with pytest.raises(InvalidInput):
        feedback.give_feedback(SUMMARY, score)


def running(kind, **settings):
    return replace(new_step(kind, f"s-{kind}", settings=settings), state="running")


SUMMARY = running("summary")


def test_feedback_is_given_in_a_feedback_step_or_a_summary_that_asks_for_it():
    assert feedback.give_feedback(running("feedback"), 8).score == 8
    assert feedback.give_feedback(SUMMARY, 9).score == 9
    for step in (running("summary", feedback=False), running("lobby"), None):
        with pytest.raises(WrongPhase):
            feedback.give_feedback(step, 8)


def test_feedback_lines_are_trimmed_and_bounded():
    given = feedback.give_feedback(SUMMARY, 8, "  small groups  ", None)
    assert (given.worked, given.did_not_work) == ("small groups", "")
    with pytest.raises(InvalidInput):
        feedback.give_feedback(SUMMARY, 8, "x" * (feedback.LINE_MAX + 1))
