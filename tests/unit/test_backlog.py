"""The guard against connections that cannot keep up looks at every connection
once a second, a share per broadcast, so that no broadcast waits for a look at
the whole room (at 3,000 connections that held the loop 10-45 ms)."""
from __future__ import annotations

from types import SimpleNamespace

from workshop.realtime.backlog import Backlog


class Queue:
    looks = 0

    def __init__(self, waiting: int):
        self.waiting = waiting

    def qsize(self) -> int:
        Queue.looks += 1
        return self.waiting

    def empty(self) -> bool:
        return self.waiting == 0

    def get_nowait(self) -> None:
        self.waiting -= 1

    def task_done(self) -> None:
        pass


class Socket:
    def __init__(self, waiting: int):
        self.queue = Queue(waiting)
        self.closed = False

    def close(self, wait: bool, abort: bool) -> None:
        self.closed = True


def room(sizes: list[int]) -> tuple[Backlog, dict[str, Socket]]:
    sockets = {f"s{i}": Socket(n) for i, n in enumerate(sizes)}
    server = SimpleNamespace(eio=SimpleNamespace(sockets=sockets), environ={})
    backlog = Backlog(SimpleNamespace(server=server), limit=100)
    backlog._checked -= Backlog.EVERY  # a pass is due
    return backlog, sockets


def test_a_broadcast_looks_at_one_share_of_the_room():
    backlog, _ = room([0] * (3 * Backlog.SHARE))
    Queue.looks = 0
    backlog.check()
    assert Queue.looks == Backlog.SHARE


def test_a_pass_reaches_the_last_connection_and_drops_it_when_it_lags():
    backlog, sockets = room([0] * (3 * Backlog.SHARE - 1) + [101])
    for _ in range(2):
        backlog.check()
    assert not sockets[f"s{3 * Backlog.SHARE - 1}"].closed
    backlog.check()
    assert sockets[f"s{3 * Backlog.SHARE - 1}"].closed
    assert sockets[f"s{3 * Backlog.SHARE - 1}"].queue.waiting == 0  # its backlog let go at once


def test_a_connection_at_the_limit_stays():
    backlog, sockets = room([100, 101])
    backlog.check()
    assert [s.closed for s in sockets.values()] == [False, True]


def test_the_next_pass_waits_for_its_second():
    backlog, sockets = room([0])
    backlog.check()
    sockets["late"] = Socket(500)
    Queue.looks = 0
    backlog.check()
    assert Queue.looks == 0 and not sockets["late"].closed
    backlog._checked -= Backlog.EVERY
    backlog.check()
    assert sockets["late"].closed


def test_a_connection_gone_during_a_pass_is_passed_over():
    backlog, sockets = room([0] * (Backlog.SHARE + 1))
    backlog.check()
    del sockets[f"s{Backlog.SHARE}"]
    backlog.check()  # no error
    assert backlog._next >= len(backlog._due)
