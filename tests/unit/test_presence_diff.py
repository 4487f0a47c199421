"""Presence for facilitators in a storm: who came and went since the last diff,
a few diffs a second however many connections open and close."""
from __future__ import annotations

import pytest

from tests.unit.test_progress_pacer import HandRun
from workshop.realtime.presence_diff import PresenceDiffs


@pytest.fixture
def diffs():
    sent: list[tuple[str, dict]] = []
    socketio = HandRun()
    return PresenceDiffs(socketio, 0.25, lambda workshop_id, diff: sent.append((workshop_id, diff))), socketio, sent


def test_a_storm_of_arrivals_is_one_diff(diffs):
    paced, socketio, sent = diffs
    for n in range(3000):
        paced.note("w1", f"p{n}", True)
    socketio.run_all()
    assert sent == [("w1", {"online": [f"p{n}" for n in range(3000)], "offline": []})]


def test_leaving_and_coming_back_within_the_interval_is_no_news(diffs):
    paced, socketio, sent = diffs
    paced.note("w1", "ann", True)
    socketio.run_all()
    paced.note("w1", "ann", False)
    paced.note("w1", "ann", True)
    paced.note("w1", "bo", False)
    socketio.run_all()
    assert sent == [("w1", {"online": ["ann"], "offline": []}), ("w1", {"online": [], "offline": ["bo"]})]


def test_a_change_after_a_diff_is_sent_in_the_next(diffs):
    paced, socketio, sent = diffs
    paced.note("w1", "ann", True)
    socketio.run_all()
    paced.note("w1", "ann", False)
    socketio.run_all()
    assert [diff for _, diff in sent] == [{"online": ["ann"], "offline": []}, {"online": [], "offline": ["ann"]}]
    assert len(socketio.slept) == 1 and 0 < socketio.slept[0] <= 0.25


def test_workshops_hear_only_their_own_people(diffs):
    paced, socketio, sent = diffs
    paced.note("w1", "ann", True)
    paced.note("w2", "bo", True)
    socketio.run_all()
    assert sorted(sent) == [("w1", {"online": ["ann"], "offline": []}), ("w2", {"online": ["bo"], "offline": []})]
