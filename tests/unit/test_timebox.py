"""The time-box arithmetic: a stored deadline, paused remainders, and clock offsets."""
import pytest

from workshop.domain import timebox
from workshop.domain.errors import InvalidInput
from workshop.domain.timebox import Timer, TimerState

T0 = 1_700_000_000.0


def running(length=300, at=T0):
    return timebox.start(Timer(), length, at)


def test_started_timer_runs_out_at_its_deadline():
    timer = running(300)
    assert timer.deadline == T0 + 300
    assert timer.left(T0 + 100) == 200
    assert not timer.expired(T0 + 299.9)
    assert timer.expired(T0 + 300)


def test_any_length_in_minutes_and_seconds_is_accepted():
    assert running(7 * 60 + 30).left(T0) == 450
    assert running(1).left(T0) == 1


@pytest.mark.parametrize("length", [0, -5, 24 * 3600 + 1, "300", None, True, float("nan")])
def test_nonsense_lengths_are_refused(length):
    with pytest.raises(InvalidInput):
        timebox.start(Timer(), length, T0)


def test_pause_keeps_the_remaining_time_and_resume_sets_a_new_deadline():
    paused = timebox.pause(running(300), T0 + 100)
    assert paused.state == "paused" and paused.remaining == 200 and paused.deadline is None
    assert paused.left(T0 + 5000) == 200  # time stands still while paused
    resumed = timebox.resume(paused, T0 + 1000)
    assert resumed.deadline == T0 + 1200
    assert resumed.left(T0 + 1150) == 50


def test_time_spent_excludes_pauses_and_includes_overtime():
    timer = running(60)
    timer = timebox.pause(timer, T0 + 30)           # 30 s run
    timer = timebox.resume(timer, T0 + 500)         # pause not counted
    stopped = timebox.stop(timer, T0 + 600)         # 100 s more, 70 s of it overtime
    assert stopped.spent == pytest.approx(130)
    assert stopped.state == "stopped" and stopped.left(T0 + 700) == 0


def test_restarting_keeps_time_already_spent():
    timer = timebox.stop(running(60), T0 + 40)
    again = timebox.start(timer, 120, T0 + 100)
    assert again.spent_by(T0 + 110) == pytest.approx(50)


def test_adding_time_to_a_running_timer_moves_its_deadline():
    timer = timebox.add_time(running(300), 60, T0 + 10)
    assert timer.deadline == T0 + 360 and timer.length == 360


def test_adding_time_to_an_expired_timer_counts_from_now():
    timer = timebox.add_time(running(60), 120, T0 + 90)  # 30 s into overtime
    assert timer.deadline == T0 + 210
    assert not timer.expired(T0 + 200)


def test_adding_time_to_a_paused_timer_adds_to_the_remainder():
    timer = timebox.add_time(timebox.pause(running(60), T0 + 50), 30, T0 + 70)
    assert timer.remaining == pytest.approx(40)


def test_expired_timer_pauses_at_zero():
    paused = timebox.pause(running(60), T0 + 90)
    assert paused.remaining == 0 and paused.expired(T0 + 90)


@pytest.mark.parametrize("change", [
    lambda t: timebox.pause(t, T0), lambda t: timebox.resume(t, T0),
    lambda t: timebox.add_time(t, 60, T0), lambda t: timebox.stop(t, T0)])
def test_an_idle_timer_can_only_be_started(change):
    with pytest.raises(TimerState):
        change(Timer())


def test_a_running_timer_cannot_be_resumed_nor_a_paused_one_paused():
    with pytest.raises(TimerState):
        timebox.resume(running(), T0)
    with pytest.raises(TimerState):
        timebox.pause(timebox.pause(running(), T0), T0)


def test_public_form_derives_expiry_from_the_stored_deadline():
    public = running(60).public(T0 + 61)
    assert public["expired"] is True and public["deadline"] == T0 + 60
    assert public["spent"] + (T0 + 61 - public["since"]) == 61



@pytest.mark.parametrize("going", [
    lambda: timebox.start(Timer(), 60, 1000),
    lambda: timebox.pause(timebox.start(Timer(), 60, 1000), 1010),
])
def test_leaving_a_topic_stops_its_timer_and_its_time_spent(going):
    settled = timebox.settle(going(), 1030)
    assert settled.state == timebox.STOPPED
    assert settled.spent_by(1030) == settled.spent_by(99_999)  # no longer grows after the workshop


def test_leaving_a_topic_whose_timer_is_not_going_changes_nothing():
    assert timebox.settle(Timer(), 1000) is None
    assert timebox.settle(timebox.stop(timebox.start(Timer(), 60, 1000), 1010), 1020) is None
