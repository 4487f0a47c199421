"""Paced announcements (vote:progress in a storm of dots): a few a second, and
always one after the last change. The background tasks are run by hand here."""
from __future__ import annotations

import pytest

from workshop.realtime.pacer import Pacer


class HandRun:
    """Stands in for Flask-SocketIO: background tasks wait until the test runs them."""

    def __init__(self):
        self.tasks: list[tuple] = []
        self.slept: list[float] = []

    def start_background_task(self, fn, *args):
        self.tasks.append((fn, args))

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)

    def run_all(self) -> None:
        tasks, self.tasks = self.tasks, []
        for fn, args in tasks:
            fn(*args)


@pytest.fixture
def paced():
    sent: list[str] = []
    socketio = HandRun()
    return Pacer(socketio, 0.25, sent.append), socketio, sent


def test_the_first_change_is_announced_without_waiting(paced):
    pacer, socketio, sent = paced
    pacer.poke("w1")
    socketio.run_all()
    assert sent == ["w1"] and socketio.slept == []


def test_changes_before_the_announcement_share_it(paced):
    pacer, socketio, sent = paced
    for _ in range(1000):
        pacer.poke("w1")
    assert len(socketio.tasks) == 1
    socketio.run_all()
    assert sent == ["w1"]


def test_a_change_after_an_announcement_is_announced_again_one_interval_later(paced):
    pacer, socketio, sent = paced
    pacer.poke("w1")
    socketio.run_all()
    pacer.poke("w1")
    pacer.poke("w1")
    socketio.run_all()
    assert sent == ["w1", "w1"]
    assert len(socketio.slept) == 1 and 0 < socketio.slept[0] <= 0.25


def test_a_change_while_the_announcement_is_being_sent_gets_its_own(paced):
    pacer, socketio, sent = paced

    def send_and_meanwhile_a_dot(workshop_id):
        sent.append(workshop_id)
        if len(sent) == 1:
            pacer.poke(workshop_id)  # committed after the announcement began: not in its figures

    pacer._send = send_and_meanwhile_a_dot
    pacer.poke("w1")
    socketio.run_all()
    socketio.run_all()
    assert sent == ["w1", "w1"]


def test_workshops_are_paced_apart(paced):
    pacer, socketio, sent = paced
    pacer.poke("w1")
    pacer.poke("w2")
    socketio.run_all()
    assert sorted(sent) == ["w1", "w2"]


def test_no_interval_announces_every_change_at_once():
    sent: list[str] = []
    socketio = HandRun()
    pacer = Pacer(socketio, 0, sent.append)
    pacer.poke("w1")
    pacer.poke("w1")
    assert sent == ["w1", "w1"] and socketio.tasks == []


def test_a_failed_announcement_does_not_stop_the_next(paced):
    pacer, socketio, sent = paced

    def fail_once(workshop_id):
        sent.append(workshop_id)
        if len(sent) == 1:
            raise RuntimeError("disk full")

    pacer._send = fail_once
    pacer.poke("w1")
    socketio.run_all()
    pacer.poke("w1")
    socketio.run_all()
    assert sent == ["w1", "w1"]
