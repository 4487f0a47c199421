"""The agenda: topic positions and "discuss the top N" of the vote's ranking."""
import pytest

from workshop.domain import topics
from workshop.domain.errors import Conflict, InvalidInput

RANKING = [{"id": "a", "name": "Demos", "rank": 1}, {"id": "b", "name": "Pairing", "rank": 2},
           {"id": "c", "name": "Docs", "rank": 2}, {"id": "d", "name": "Lunch", "rank": 4}]


@pytest.mark.parametrize("value", [0, 1, 100_000])
def test_a_position_is_a_whole_number_from_zero(value):
    assert topics.position(value) == value


@pytest.mark.parametrize("value", [-1, 100_001, 1.5, "2", True, None])
def test_a_position_is_refused_otherwise(value):
    with pytest.raises(InvalidInput):
        topics.position(value)


@pytest.mark.parametrize("value", [1, 50])
def test_the_top_n_is_one_to_fifty(value):
    assert topics.agenda_count(value) == value


@pytest.mark.parametrize("value", [0, 51, True, "3", None, 2.0])
def test_the_top_n_is_refused_outside_one_to_fifty(value):
    with pytest.raises(InvalidInput):
        topics.agenda_count(value)


def test_the_top_places_come_best_first_with_ties_at_the_last_place():
    assert topics.top_places(RANKING, 2) == [
        {"id": "a", "title": "Demos"}, {"id": "b", "title": "Pairing"}, {"id": "c", "title": "Docs"}]
    assert [t["id"] for t in topics.top_places(RANKING, 1)] == ["a"]


@pytest.mark.parametrize("ranking", [None, []])
def test_no_agenda_from_a_vote_not_yet_closed(ranking):
    with pytest.raises(Conflict):
        topics.top_places(ranking, 3)


@pytest.mark.parametrize(("fixed", "planned", "kept"), [
    (None, 300, True),     # a time sent is set by hand: the plan keeps it
    (None, None, False),   # no time sent: the plan shares it
    (False, 300, False),   # a time sent as a default (topics from the ranking)
    (True, None, True),    # keep the time the topic has
])
def test_a_topics_time_is_the_plans_to_share_unless_set_by_hand(fixed, planned, kept):
    assert topics.fixed(fixed, planned) is kept


def test_fixed_is_true_or_false():
    with pytest.raises(InvalidInput):
        topics.fixed("yes")


def test_an_elmo_taken_back_and_thrown_again_counts_once_for_its_person():
    assert topics.elmos_thrown(["ann", "bo", "ann"]) == 2
    assert topics.elmos_thrown([]) == 0
