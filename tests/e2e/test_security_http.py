"""Hostile input against a real server: headers, origins, cookies, oversized
messages, floods and guessing, with the server's memory watched throughout."""
from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
import requests
import socketio
import websocket

from workshop.config import Config

from .mirror import wait_until

ROUTES = ["/healthz", "/api/templates", "/vendor/socket.io.esm.min.js", "/no-such-page", "/api/no-such-thing"]
PAGES = ["/", "/j/{code}", "/control/{id}"]  # need the UI's templates
HAVE_TEMPLATES = (Path(__file__).parents[2] / "templates" / "board.html").exists()


def rss_kb(server) -> int:
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


def server_limit(server) -> int:
    return int(server.env.get("BOWTIE_JOIN_ATTEMPTS_PER_MINUTE", Config.join_attempts_per_minute))


def assert_secure_headers(response) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
    script = directives.get("script-src", directives.get("default-src", ""))
    assert script and "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, csp
    assert directives.get("frame-ancestors") == "'none'", csp
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    assert response.headers.get("Referrer-Policy") in {"no-referrer", "same-origin", "strict-origin"}
    for cookie in response.raw.headers.getlist("Set-Cookie"):
        assert "httponly" in cookie.lower() and "samesite" in cookie.lower(), cookie


def test_every_route_sends_the_security_headers(server):
    workshop = server.create_workshop()
    created = requests.post(server.url + "/api/workshops", json={"title": "Headers"}, timeout=5)
    assert_secure_headers(created)
    assert created.headers["Cache-Control"] == "no-store"  # it carries the facilitator key
    routes = ROUTES + ([p.format(**workshop) for p in PAGES] if HAVE_TEMPLATES else [])
    for route in routes:
        assert_secure_headers(requests.get(server.url + route, timeout=5))


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_a_socket_from_another_origin_is_refused(server, transport):
    def handshake(origin: str) -> int:
        if transport == "polling":
            return requests.get(server.url + "/socket.io/?EIO=4&transport=polling",
                                headers={"Origin": origin}, timeout=5).status_code
        try:
            ws = websocket.create_connection(server.url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket",
                                             origin=origin, timeout=5)
        except websocket.WebSocketBadStatusException as refused:
            return refused.status_code
        ws.close()
        return 101
    assert handshake("http://evil.example") == 400
    assert handshake(server.url) in {101, 200}


def test_a_message_over_the_cap_is_refused_and_the_group_carries_on(server, clients):
    workshop = server.create_workshop(blind_writing=False)
    facilitator = clients()
    facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})
    facilitator.call("phase:set", {"phase": "collect"})
    big, neighbour = clients(), clients()
    for person in (big, neighbour):
        assert person.call("join", {"code": workshop["code"], "name": "P"})["ok"]
    big.sio.reconnection = False
    with pytest.raises(socketio.exceptions.TimeoutError):  # the server closes the connection: no ack ever comes
        big.call("card:add", {"id": str(uuid.uuid4()), "column": "start", "text": "x" * 200_000}, timeout=5)
    assert neighbour.call("card:add", {"id": str(uuid.uuid4()), "column": "start", "text": "fine"})["ok"]
    state = facilitator.call("sync", {})["state"]
    assert [c["text"] for c in state["cards"]] == ["fine"]


def test_a_removed_participants_live_socket_is_closed_at_once(server, clients):
    workshop = server.create_workshop()
    facilitator, ann = clients(), clients()
    facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})
    joined = ann.call("join", {"code": workshop["code"], "name": "Ann"})
    ann.sio.reconnection = False
    gone = ann.connects
    assert facilitator.call("participant:remove", {"participant_id": joined["participant"]["id"]})["ok"]
    # The server closes the socket before it acknowledges the removal.
    wait_until(lambda: not ann.sio.connected, 1.0, "the removed participant's socket to close")
    assert gone == ann.connects


@pytest.mark.slow
def test_floods_oversized_messages_and_guessing_leave_the_group_working_and_memory_flat(server, clients):
    workshop = server.create_workshop(blind_writing=False)
    facilitator = clients()
    facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})
    facilitator.call("phase:set", {"phase": "collect"})
    neighbour = clients()
    assert neighbour.call("join", {"code": workshop["code"], "name": "Ann"})["ok"]
    warm = [clients() for _ in range(3)]  # warm the server's caches before the baseline
    for w in warm:
        w.call("join", {"code": workshop["code"], "name": "Warm"})
        w.disconnect()
    baseline = rss_kb(server)

    floods = 0
    for round_ in range(10):
        bot = clients()
        bot.sio.reconnection = False
        assert bot.call("join", {"code": workshop["code"], "name": f"Bot{round_}"})["ok"]
        for n in range(2_000):
            try:
                bot.sio.emit("card:add", {"id": str(uuid.uuid4()), "column": "start", "text": f"spam {n}"})
            except socketio.exceptions.BadNamespaceError:
                break  # disconnected by the server, as it should be
        wait_until(lambda: not bot.sio.connected, 15, "the flooding socket to be disconnected")
        floods += "error:flood" in bot.names()
        big = clients()
        big.sio.reconnection = False
        try:
            big.sio.emit("join", {"code": workshop["code"], "name": "x" * 300_000})
        except Exception:
            pass
        wait_until(lambda: not big.sio.connected, 15, "the oversized sender to be disconnected")
        assert neighbour.call("card:add", {"id": str(uuid.uuid4()), "column": "start", "text": f"ok {round_}"})["ok"]
    refusals = []
    guesses = server_limit(server) + 10
    for _ in range(3):  # a fresh socket does not help: the limit is per address
        guesser = clients()
        refusals += [guesser.call("join", {"code": "ZZZZZZ", "name": "Eve"})["error"]["code"]
                     for _ in range(guesses // 3 + 1)]
        guesser.disconnect()
    assert refusals.count("too_many_attempts") == len(refusals) - server_limit(server)
    assert neighbour.call("card:add", {"id": str(uuid.uuid4()), "column": "start", "text": "still fine"})["ok"]

    grown = rss_kb(server) - baseline
    assert floods == 10
    assert grown < 5 * 1024, f"server memory grew {grown} kB under attack"
    assert requests.get(server.url + "/healthz", timeout=5).ok
    print(f"attacks: 10 floods, 10 oversized messages, {len(refusals)} guesses; server memory grew {grown} kB")
