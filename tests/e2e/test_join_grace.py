"""Socket.IO sessions that never join (issue 13, item 2), on a real server:
every one is closed after ``BOWTIE_JOIN_GRACE``, while a newcomer joins."""
from __future__ import annotations

import json
import time

import pytest
import requests

from .live import Client, Server

IDLE = 300
GRACE = 2.0


@pytest.fixture
def strict_server(tmp_path):
    srv = Server(tmp_path / "bowtie.db", env={"BOWTIE_JOIN_GRACE": str(GRACE)})
    srv.start()
    yield srv
    srv.stop()


def idle_session(http: requests.Session, server: Server) -> str:
    """A Socket.IO session over long-polling that connects and then says nothing."""
    opened = http.get(server.url + "/socket.io/?EIO=4&transport=polling", timeout=5)
    sid = json.loads(opened.text[1:])["sid"]
    assert http.post(f"{server.url}/socket.io/?EIO=4&transport=polling&sid={sid}", data="40", timeout=5).ok
    return sid


def closed_by_server(http: requests.Session, server: Server, sid: str) -> bool:
    """Long-poll the session: the server's disconnect packet (41) ends the wait,
    or the session is already gone (400)."""
    for _ in range(5):
        polled = http.get(f"{server.url}/socket.io/?EIO=4&transport=polling&sid={sid}", timeout=30)
        if polled.status_code == 400 or "41" in polled.text.split("\x1e"):
            return True
    return False


def test_idle_sessions_are_closed_after_the_grace_and_a_newcomer_joins(strict_server):
    workshop = strict_server.create_workshop("Grace")
    http = requests.Session()
    start = time.monotonic()
    sids = [idle_session(http, strict_server) for _ in range(IDLE)]
    opened = time.monotonic() - start
    newcomer = Client(strict_server).connect()
    joined = newcomer.call("join", {"code": workshop["code"], "name": "Ann"})
    assert joined["ok"]
    assert all(closed_by_server(http, strict_server, sid) for sid in sids)
    closed = time.monotonic() - start
    assert newcomer.call("sync", {})["ok"]  # who joined stays
    newcomer.disconnect()
    print(f"join grace: {IDLE} idle sessions opened in {opened:.1f} s, all closed by the server "
          f"{closed:.1f} s after the first opened (grace {GRACE:g} s); the newcomer who joined stayed")
