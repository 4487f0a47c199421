"""The journey's KPIs on fixed data; every expected value is worked out by hand in its comment."""
from __future__ import annotations

import pytest

from workshop.domain.journey_kpis import SessionFacts, adherence, journey_kpis
from workshop.domain.journeys import Team

TEAMS = (Team("Munich", 10), Team("Madrid", 5))
MUNICH = SessionFacts(
    "s1", "Munich all-hands", "start", "Munich", participants=8, cards=20,
    writers=frozenset("abcdef"), carried_writers=frozenset("abc"),
    scores=(10, 9, 8, 6, 3), polls=2, rounds_to_commit=(1, 3),
    topics=((600, 540), (600, 700), (0, 100)), elmos=4)
MADRID = SessionFacts(
    "s2", "Madrid all-hands", "start", "Madrid", participants=4, cards=6,
    writers=frozenset("abcx"), carried_writers=frozenset("az"),  # z wrote nothing here: not a voice of Madrid
    scores=(9,), polls=1, topics=((300, 300),))
LEADERS = SessionFacts("s3", "Leadership circle", "narrow", "", participants=3, cards=18)
REMOTE = SessionFacts("s4", "Remote all-hands", "start", "", participants=2, cards=0)


@pytest.fixture
def kpis():
    return journey_kpis(TEAMS, [MUNICH, MADRID, LEADERS, REMOTE])


def by_title(kpis, title):
    return next(s for s in kpis["sessions"] if s["title"] == title)


def test_reach_counts_the_broad_stage_against_the_expected_head_count_by_team(kpis):
    # Munich 8 of 10, Madrid 4 of 5; the remote session names no team; leaders are not the broad stage.
    assert kpis["reach"]["per_team"] == [
        {"team": "Munich", "expected": 10, "reached": 8, "percent": 80},
        {"team": "Madrid", "expected": 5, "reached": 4, "percent": 80},
        {"team": "(no team)", "expected": None, "reached": 2, "percent": None}]
    # 8 + 4 + 2 = 14 of 15: 93.3 %
    assert (kpis["reach"]["reached"], kpis["reach"]["expected"], kpis["reach"]["percent"]) == (14, 15, 93)


def test_cards_per_person_per_session_and_for_the_journey(kpis):
    assert by_title(kpis, "Munich all-hands")["cards_per_person"] == 2.5   # 20 / 8
    assert by_title(kpis, "Madrid all-hands")["cards_per_person"] == 1.5   # 6 / 4
    assert by_title(kpis, "Remote all-hands")["cards_per_person"] == 0.0   # 0 / 2
    assert kpis["whole"]["cards_per_person"] == 2.6                        # 44 / 17 = 2.588


def test_share_of_voices_counts_writers_whose_cards_were_carried(kpis):
    assert by_title(kpis, "Munich all-hands")["voices"] == {"writers": 6, "carried": 3, "percent": 50}
    assert by_title(kpis, "Madrid all-hands")["voices"] == {"writers": 4, "carried": 1, "percent": 25}
    assert by_title(kpis, "Leadership circle")["voices"]["percent"] is None   # nobody wrote: no share
    assert kpis["whole"]["voices"] == {"writers": 10, "carried": 4, "percent": 40}


def test_nps_and_satisfaction_per_session_and_for_all_answers(kpis):
    munich = by_title(kpis, "Munich all-hands")["feedback"]
    # promoters 10, 9; detractors 6, 3; passive 8: (2 - 2) / 5 = 0; mean 36 / 5 = 7.2
    assert (munich["nps"], munich["satisfaction"]) == (0, 7.2)
    # all six answers: promoters 3, detractors 2: 1 / 6 = 16.7 %; mean 45 / 6 = 7.5
    assert (kpis["whole"]["feedback"]["nps"], kpis["whole"]["feedback"]["satisfaction"]) == (17, 7.5)


def test_decisions_committed_and_rounds_needed(kpis):
    assert by_title(kpis, "Munich all-hands")["decisions"] == {"polls": 2, "committed": 2, "mean_rounds": 2.0}
    assert by_title(kpis, "Madrid all-hands")["decisions"] == {"polls": 1, "committed": 0, "mean_rounds": None}
    assert kpis["whole"]["decisions"] == {"polls": 3, "committed": 2, "mean_rounds": 2.0}


def test_time_box_adherence_counts_topics_that_ended_within_their_time_box(kpis):
    # Munich: 540 of 600 within, 700 of 600 over, the untimed topic not counted: 1 of 2
    assert by_title(kpis, "Munich all-hands")["adherence"] == {"timed": 2, "within": 1, "percent": 50}
    assert by_title(kpis, "Madrid all-hands")["adherence"] == {"timed": 1, "within": 1, "percent": 100}  # on the dot
    assert kpis["whole"]["adherence"] == {"timed": 3, "within": 2, "percent": 67}
    assert kpis["whole"]["elmos"] == 4


def test_no_timed_topics_give_no_adherence():
    assert adherence([(0, 30)]) == {"timed": 0, "within": 0, "percent": None}


def test_reach_by_role_and_experience_counts_the_broad_stage_with_shares():
    north = SessionFacts("n", "North", "start", "Munich", participants=5, cards=0,
                         roles=("Engineer", "engineer ", "Sales", "", "Support"),
                         experience=("new", "veteran", "new", "", "some"))
    south = SessionFacts("s", "South", "start", "Madrid", participants=3, cards=0,
                         roles=("Sales", "Engineer", "Engineer"), experience=("new", "some", "new"))
    leaders = SessionFacts("l", "Leaders", "narrow", "", participants=2, cards=0,
                           roles=("CEO", "CTO"), experience=("veteran", "veteran"))
    reach = journey_kpis(TEAMS, [north, south, leaders])["reach"]
    # 8 people in the broad stage (the leaders' session is not): Engineer 4 ("engineer " is the same role),
    # Sales 2, Support 1, not said 1 — 4/8 = 50 %, 2/8 = 25 %, 1/8 = 12.5 % rounds to 12
    assert reach["by_role"] == [
        {"name": "Engineer", "people": 4, "percent": 50}, {"name": "Sales", "people": 2, "percent": 25},
        {"name": "Support", "people": 1, "percent": 12}, {"name": "(not said)", "people": 1, "percent": 12}]
    # in the order of the levels: new 4, some 2, veteran 1, not said 1
    assert reach["by_experience"] == [
        {"name": "new", "people": 4, "percent": 50}, {"name": "some", "people": 2, "percent": 25},
        {"name": "veteran", "people": 1, "percent": 12}, {"name": "(not said)", "people": 1, "percent": 12}]
