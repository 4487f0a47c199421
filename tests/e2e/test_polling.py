"""Long-polling on a real server (issue 13, items 18 and 24): where a venue's
proxy blocks websockets, a burst still gets every ack, and a message over the
limit gets an HTTP answer."""
from __future__ import annotations

import json
import threading

import pytest
import requests

from .live import Client, Server, lift_card_limit, new_id

BURST = 100


@pytest.fixture
def fast_server(tmp_path):
    # The burst is checked against engine.io's packet limit, not the per-socket or per-person rate limits.
    srv = Server(tmp_path / "bowtie.db", env={"BOWTIE_EVENTS_PER_SECOND": "10000", "BOWTIE_EVENT_BURST": "10000",
                                              "BOWTIE_PERSON_EVENTS_PER_SECOND": "10000",
                                              "BOWTIE_PERSON_EVENT_BURST": "10000"})
    srv.start()
    yield srv
    srv.stop()


def test_a_burst_of_100_events_over_polling_gets_every_ack(fast_server):
    workshop = fast_server.create_workshop("Polling", blind_writing=False)
    facilitator = Client(fast_server, transports=["polling"]).connect()
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    lift_card_limit(facilitator.call)  # the burst is one person's, in one column
    writer = Client(fast_server, transports=["polling"]).connect()
    assert writer.call("join", {"code": workshop["code"], "name": "Offline laptop"})["ok"]
    acks: list[dict] = []
    all_acked = threading.Condition()

    def acked(ack: dict) -> None:
        with all_acked:
            acks.append(ack)
            all_acked.notify_all()
    # Emitted without waiting: the client queues them and sends what it queued in one POST.
    for i in range(BURST):
        writer.sio.emit("card:add", {"id": new_id(), "column": "start", "text": f"Written offline {i}"},
                        callback=acked)
    with all_acked:
        all_acked.wait_for(lambda: len(acks) == BURST, timeout=60)  # generous: a loaded 2-core CI machine
    try:
        assert len(acks) == BURST
        assert all(ack["ok"] for ack in acks), [a for a in acks if not a["ok"]][:3]
        cards = facilitator.call("sync", {})["state"]["cards"]
        assert len(cards) == BURST
    finally:
        writer.disconnect()
        facilitator.disconnect()
    assert "Too many packets" not in fast_server.log_path.read_text()


def polling_session(server: Server) -> str:
    opened = requests.get(server.url + "/socket.io/?EIO=4&transport=polling", timeout=5)
    sid = json.loads(opened.text[1:])["sid"]
    assert requests.post(f"{server.url}/socket.io/?EIO=4&transport=polling&sid={sid}", data="40", timeout=5).ok
    return sid


@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_a_polling_post_over_the_limit_is_answered_413(server, size):
    sid = polling_session(server)
    body = '42["card:add",{"text":"' + "x" * size + '"}]'
    response = requests.post(f"{server.url}/socket.io/?EIO=4&transport=polling&sid={sid}", data=body, timeout=10)
    assert response.status_code == 413
    assert requests.get(server.url + "/healthz", timeout=5).ok
