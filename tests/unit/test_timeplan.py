"""The time plan: the agenda's timeline, and each discuss topic's time by its dots, with a cut line."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.domain.agenda import Agenda, new_step
from workshop.domain.agenda_templates import migrated_agenda
from workshop.domain.errors import InvalidInput
from workshop.domain.timeplan import TopicDemand, plan_topics, seconds_left_in, timeline

T0 = 1_700_000_000.0
MIN = 60


def agenda(*minutes: int) -> Agenda:
    """Lobby-like steps s1, s2, … with the given planned minutes."""
    a = Agenda()
    for n, m in enumerate(minutes, start=1):
        a = a.add(new_step("lobby", f"s{n}", minutes=m))
    return a


def topics(*dots: int, **fixed: int) -> list[TopicDemand]:
    """Topics t1, t2, … with the given dots; ``t2=300`` sets t2's own time."""
    return [TopicDemand(f"t{n}", d, fixed.get(f"t{n}")) for n, d in enumerate(dots, start=1)]


def seconds(plan) -> list[int]:
    return [s.seconds for s in plan.slots]


# -- the timeline -------------------------------------------------------------------------------------

def test_before_anything_runs_the_plan_starts_now_and_follows_the_planned_minutes():
    line = timeline(agenda(5, 10, 15), now=T0)
    assert [(r.planned_start, r.planned_end) for r in line.steps] == [
        (T0, T0 + 5 * MIN), (T0 + 5 * MIN, T0 + 15 * MIN), (T0 + 15 * MIN, T0 + 30 * MIN)]
    assert line.planned_end == line.expected_end == T0 + 30 * MIN
    assert line.behind_minutes == 0


def test_a_plan_may_start_at_a_set_time():
    line = timeline(agenda(5, 10), now=T0, starts_at=T0 + 3600)
    assert line.steps[0].planned_start == T0 + 3600 and line.planned_end == T0 + 3600 + 15 * MIN


def test_a_workshop_that_has_not_started_at_its_planned_time_falls_behind():
    assert timeline(agenda(5, 10), now=T0 + 7 * MIN, starts_at=T0).behind_minutes == 7


def test_steps_that_ran_keep_their_actual_times_and_the_rest_follow():
    a = agenda(5, 10, 15).go_to("s1", T0).go_to("s2", T0 + 8 * MIN)  # the lobby took 8 minutes, not 5
    line = timeline(a, now=T0 + 10 * MIN)
    lobby, collect, last = line.steps
    assert (lobby.expected_start, lobby.expected_end, lobby.actual_minutes) == (T0, T0 + 8 * MIN, 8.0)
    assert (collect.expected_start, collect.expected_end, collect.actual_minutes) == (
        T0 + 8 * MIN, T0 + 18 * MIN, 2.0)
    assert (last.expected_start, last.expected_end, last.actual_minutes) == (T0 + 18 * MIN, T0 + 33 * MIN, None)
    assert line.planned_end == T0 + 30 * MIN
    assert line.behind_minutes == 3


def test_a_running_step_past_its_planned_minutes_pushes_the_rest_from_now():
    a = agenda(5, 10).go_to("s1", T0)
    line = timeline(a, now=T0 + 9 * MIN)
    assert line.steps[0].expected_end == T0 + 9 * MIN
    assert line.steps[1].expected_start == T0 + 9 * MIN
    assert line.behind_minutes == 4


def test_finishing_steps_early_puts_the_workshop_ahead():
    a = agenda(10, 10, 10).go_to("s1", T0).go_to("s2", T0 + 4 * MIN)
    assert timeline(a, now=T0 + 5 * MIN).behind_minutes == -6


def test_a_skipped_step_is_still_expected_after_the_running_one():
    a = agenda(5, 10, 15).go_to("s1", T0).go_to("s3", T0 + 5 * MIN)
    line = timeline(a, now=T0 + 6 * MIN)
    skipped = line.steps[1]
    assert skipped.state == "planned" and skipped.expected_start == T0 + 20 * MIN
    assert line.expected_end == T0 + 30 * MIN


def test_between_steps_the_next_ones_are_expected_from_now():
    a = agenda(5, 10).go_to("s1", T0).finish(T0 + 5 * MIN)
    line = timeline(a, now=T0 + 12 * MIN)
    assert line.steps[1].expected_start == T0 + 12 * MIN and line.behind_minutes == 7


def test_steps_migrated_without_times_follow_the_plan():
    # Lobby 5, collect 10 and cluster 10 minutes ran before times were recorded; the vote started at T0.
    line = timeline(migrated_agenda("vote", now=T0), now=T0)
    assert line.starts_at == T0 - 25 * MIN
    assert [(r.expected_start, r.actual_minutes) for r in line.steps[:4]] == [
        (T0 - 25 * MIN, None), (T0 - 20 * MIN, None), (T0 - 10 * MIN, None), (T0, 0.0)]
    assert line.behind_minutes == 0


def test_the_timeline_has_a_public_form():
    public = timeline(agenda(5), now=T0).public()
    assert public["behind_minutes"] == 0 and public["steps"][0]["step_id"] == "s1"


def test_a_discuss_step_has_its_planned_minutes_before_it_runs_and_what_is_left_while_it_does():
    a = Agenda().add(new_step("discuss", "d", minutes=30, settings={"topics": "by_hand"}))
    assert seconds_left_in(a.step("d"), T0) == 1800
    running = a.go_to("d", T0)
    assert seconds_left_in(running.step("d"), T0 + 600) == 1200
    assert seconds_left_in(running.step("d"), T0 + 2000) == 0
    assert seconds_left_in(running.finish(T0 + 10).step("d"), T0 + 20) == 0


# -- the topic plan -----------------------------------------------------------------------------------

def test_time_is_shared_in_proportion_to_dots():
    plan = plan_topics(30 * MIN, topics(6, 3, 1))
    assert seconds(plan) == [18 * MIN, 9 * MIN, 3 * MIN]
    assert plan.cut == 3 and plan.unallotted == 0


def test_shares_are_rounded_to_half_minutes_by_largest_remainder():
    # 20 minutes = 40 units; 40 * 5/9 = 22.2, 40 * 3/9 = 13.3, 40 * 1/9 = 4.4: floors 22 + 13 + 4 = 39,
    # the one unit left goes to the largest remainder (4.44…).
    plan = plan_topics(20 * MIN, topics(5, 3, 1))
    assert seconds(plan) == [22 * 30, 13 * 30, 5 * 30]
    assert sum(seconds(plan)) == 20 * MIN


def test_equal_remainders_go_to_the_topic_with_more_dots_then_the_earlier_one():
    assert seconds(plan_topics(10 * MIN + 30, topics(1, 1))) == [330, 300]
    # 6 units shared 1:3 = 1.5 and 4.5: the spare unit goes to the topic with more dots.
    assert seconds(plan_topics(6 * 30, topics(1, 3), minimum_seconds=30)) == [30, 150]


def test_odd_seconds_left_over_are_not_given_out():
    plan = plan_topics(10 * MIN + 17, topics(1, 1))
    assert seconds(plan) == [300, 300] and plan.unallotted == 17


def test_topics_that_cannot_get_the_minimum_useful_time_fall_below_the_cut_line():
    # 10 minutes, dots 8, 4, 1: 1/13 of 10 minutes is 46 s, under the 2-minute minimum. Cut, the
    # 20 units go 8:4 (13.3 and 6.7 units; the spare unit to the larger remainder).
    plan = plan_topics(10 * MIN, topics(8, 4, 1))
    assert plan.cut == 2
    assert seconds(plan) == [13 * 30, 7 * 30, 0]
    assert [s.reached for s in plan.slots] == [True, True, False]
    assert sum(seconds(plan)) == 10 * MIN


def test_the_cut_line_is_under_the_longest_run_from_the_top_that_fits():
    plan = plan_topics(6 * MIN, topics(1, 1, 1, 1))
    assert plan.cut == 3 and seconds(plan) == [120, 120, 120, 0]


def test_topics_without_dots_get_the_minimum_when_others_have_dots():
    plan = plan_topics(20 * MIN, topics(0, 6, 2))
    assert seconds(plan) == [2 * MIN, 13 * MIN + 30, 4 * MIN + 30]


def test_when_no_topic_has_dots_they_share_equally():
    assert seconds(plan_topics(9 * MIN, topics(0, 0, 0))) == [3 * MIN] * 3


def test_ties_in_dots_get_equal_time():
    assert seconds(plan_topics(12 * MIN, topics(2, 2, 2))) == [4 * MIN] * 3


def test_with_no_time_left_no_topic_is_reached():
    plan = plan_topics(0, topics(5, 3))
    assert plan.cut == 0 and seconds(plan) == [0, 0] and not any(s.reached for s in plan.slots)


def test_a_step_in_overtime_counts_as_no_time_left():
    assert plan_topics(-300, topics(5)).cut == 0


def test_no_topics_make_an_empty_plan():
    plan = plan_topics(600, [])
    assert plan.slots == () and plan.cut == 0 and plan.unallotted == 600


def test_hand_set_times_are_kept_and_the_others_share_the_rest():
    # 25 minutes = 50 units shared 3:1 = 37.5 and 12.5; the spare unit breaks the tie to more dots.
    plan = plan_topics(30 * MIN, topics(6, 3, 1, t1=5 * MIN))
    assert seconds(plan) == [5 * MIN, 38 * 30, 12 * 30]
    assert [s.fixed for s in plan.slots] == [True, False, False]


def test_when_all_topics_are_hand_set_the_cut_line_falls_where_they_stop_fitting():
    plan = plan_topics(20 * MIN, topics(0, 0, 0, t1=8 * MIN, t2=10 * MIN, t3=5 * MIN))
    assert plan.cut == 2 and seconds(plan) == [8 * MIN, 10 * MIN, 0] and plan.unallotted == 2 * MIN


def test_a_hand_set_time_longer_than_what_is_left_cuts_from_that_topic():
    plan = plan_topics(10 * MIN, topics(5, 3, t1=15 * MIN))
    assert plan.cut == 0


def test_each_topic_starts_after_the_ones_above_it():
    plan = plan_topics(30 * MIN, topics(6, 3, 1))
    assert [s.starts_in for s in plan.slots] == [0, 18 * MIN, 27 * MIN]


def test_the_minimum_is_judged_on_exact_shares_so_more_time_never_cuts_a_topic():
    # 1434 s: t1's exact share is 2.47 units; rounding would lift it to 3 units (the 90 s minimum),
    # but at 1464 s its share, 2.53, would round to 2. Judged exactly it is below the line in both.
    shorter = plan_topics(1434, topics(1, 7, 11), minimum_seconds=90)
    longer = plan_topics(1464, topics(1, 7, 11), minimum_seconds=90)
    assert shorter.cut == longer.cut == 2


def test_a_minimum_of_five_minutes_moves_the_cut_line_up():
    assert plan_topics(30 * MIN, topics(6, 3, 1), minimum_seconds=5 * MIN).cut == 2


# -- recomputing as the discussion goes --------------------------------------------------------------

def test_while_the_first_topic_runs_within_its_share_the_others_keep_their_times():
    before = plan_topics(30 * MIN, topics(6, 3, 1))
    during = plan_topics(25 * MIN, [TopicDemand("t1", 6, spent_seconds=5 * MIN), *topics(6, 3, 1)[1:]])
    assert seconds(during) == seconds(before)
    assert during.slots[0].remaining == 13 * MIN and during.slots[1].starts_in == 13 * MIN


def test_a_topic_that_closes_early_gives_its_unused_time_to_the_others():
    # t1 had 18 minutes and closed after 6: 24 minutes are left for t2 and t3 (3:1).
    plan = plan_topics(24 * MIN, topics(6, 3, 1)[1:])
    assert seconds(plan) == [18 * MIN, 6 * MIN]


def test_a_topic_that_runs_over_keeps_what_it_used_and_the_cut_line_moves_up():
    # t1's share was 18 of 30 minutes; it has run 27: 3 minutes are left for t2 and t3.
    plan = plan_topics(3 * MIN, [TopicDemand("t1", 6, spent_seconds=27 * MIN), *topics(6, 3, 1)[1:]])
    assert seconds(plan) == [27 * MIN, 3 * MIN, 0]
    assert plan.cut == 2 and plan.slots[0].remaining == 0


def test_a_topic_under_discussion_is_reached_even_with_no_time_left():
    plan = plan_topics(0, [TopicDemand("t1", 6, spent_seconds=60), *topics(6, 3)[1:]])
    assert plan.cut == 1 and seconds(plan) == [60, 0] and plan.unallotted == 0


# -- bad input -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("left", "given", "minimum", "message"), [
    ("10", topics(1), 120, "time left must be a number"),
    (float("nan"), topics(1), 120, "time left must be a number"),
    (float("inf"), topics(1), 120, "time left must be a number"),
    (25 * 3600, topics(1), 120, "at most 24 hours"),
    (600, [TopicDemand("t1", -1)], 120, "dots are a whole number from 0"),
    (600, [TopicDemand("t1", 1.5)], 120, "dots are a whole number"),
    (600, [TopicDemand("t1", 1, 0)], 120, "own time must be between 1 second and 24 hours"),
    (600, [TopicDemand("t1", 1, spent_seconds=-5)], 120, "time spent"),
    (600, [TopicDemand("t1", 1), TopicDemand("t1", 2)], 120, "each topic appears once"),
    (600, topics(1), 45, "30-second units"),
    (600, topics(1), 0, "30-second units"),
    (600, topics(*[1] * 201), 120, "at most 200 topics"),
])
def test_bad_input_to_the_topic_plan_is_refused(left, given, minimum, message):
    with pytest.raises(InvalidInput, match=message):
        plan_topics(left, given, minimum_seconds=minimum)


def test_the_topic_plan_has_a_public_form():
    public = plan_topics(600, topics(1)).public()
    assert public["cut"] == 1 and public["slots"][0]["seconds"] == 600


# -- what holds for any plan ------------------------------------------------------------------------------

demands = st.lists(st.tuples(st.integers(0, 30), st.one_of(st.none(), st.integers(1, 1200))),
                   max_size=12).map(lambda pairs: [TopicDemand(f"t{i}", d, f) for i, (d, f) in enumerate(pairs)])


@settings(max_examples=300, deadline=None)
@given(left=st.integers(0, 4 * 3600), wanted=demands, minimum_units=st.integers(1, 20))
def test_any_plan_fits_the_time_left_and_cuts_only_below_a_line(left, wanted, minimum_units):
    minimum = minimum_units * 30
    plan = plan_topics(left, wanted, minimum_seconds=minimum)
    assert sum(seconds(plan)) + plan.unallotted == left
    assert [s.reached for s in plan.slots] == [i < plan.cut for i in range(len(wanted))]
    for slot, topic in zip(plan.slots, wanted):
        if slot.reached and topic.fixed_seconds is None:
            assert slot.seconds >= minimum
        if topic.fixed_seconds is not None and slot.reached:
            assert slot.seconds == topic.fixed_seconds


@settings(max_examples=300, deadline=None)
@given(left=st.integers(0, 4 * 3600), dots=st.lists(st.integers(1, 30), min_size=2, max_size=10))
def test_a_topic_with_more_dots_never_gets_less_time_than_one_with_fewer(left, dots):
    plan = plan_topics(left, topics(*dots), minimum_seconds=30)
    reached = [(s.dots, s.seconds) for s in plan.slots if s.reached]
    for more_dots, more_time in reached:
        for fewer_dots, less_time in reached:
            if more_dots > fewer_dots:
                assert more_time >= less_time


@settings(max_examples=200, deadline=None)
@given(left=st.integers(0, 4 * 3600), wanted=demands)
def test_more_time_never_moves_the_cut_line_up(left, wanted):
    assert plan_topics(left + 600, wanted).cut >= plan_topics(left, wanted).cut
