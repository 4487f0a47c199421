"""Several workers: two real server.py processes over one SQLite database, joined
by a real Redis message queue (Flask-SocketIO's message_queue)."""
from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from .live import Client, Server, free_port, new_id


@pytest.fixture
def redis_url(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is missing in CI (.ci/run installs it)")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen([binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    import redis
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)  # the port is not open yet: nothing to await
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(10)


@pytest.fixture
def workers(tmp_path, redis_url):
    env = {"BOWTIE_MESSAGE_QUEUE": redis_url}
    db = tmp_path / "bowtie.db"
    started: list[Server] = []
    # One after the other, as bench/cluster.sh does: the first creates the schema.
    for _ in range(2):
        started.append(Server(db, env=env).start())
    yield started
    for server in started:
        server.stop()


@pytest.fixture
def connect(workers):
    made: list[Client] = []

    def to(server: Server) -> Client:
        client = Client(server).connect()
        made.append(client)
        return client
    yield to
    for client in made:
        client.disconnect()


def test_group_members_on_different_workers_see_each_others_cards(workers, connect):
    first, second = workers
    workshop = first.create_workshop("Two workers", blind_writing=False)
    facilitator = connect(second)
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    ann, bob = connect(first), connect(second)
    ann_join = ann.call("join", {"code": workshop["code"], "name": "Ann"})
    bob_join = bob.call("join", {"code": workshop["code"], "name": "Bob"})
    assert ann_join["participant"]["group_id"] == bob_join["participant"]["group_id"]

    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    ann.wait_for("phase:changed", lambda d: d["phase"] == "collect")  # sent by the other worker

    ann_card, bob_card = new_id(), new_id()
    assert ann.call("card:add", {"id": ann_card, "column": "start", "text": "Weekly demo"})["ok"]
    assert bob.call("card:add", {"id": bob_card, "column": "stop", "text": "Late standups"})["ok"]

    assert bob.wait_for("card:added", lambda d: d["card"]["id"] == ann_card)["card"]["text"] == "Weekly demo"
    assert ann.wait_for("card:added", lambda d: d["card"]["id"] == bob_card)["card"]["text"] == "Late standups"
    facilitator.wait_for("card:added", lambda d: d["card"]["id"] == ann_card)
    facilitator.wait_for("card:added", lambda d: d["card"]["id"] == bob_card)
    # Each card arrives once on each connection, though both workers hear the queue.
    for client in (ann, bob, facilitator):
        ids = [data["card"]["id"] for name, data in client.events if name == "card:added"]
        assert sorted(ids) == sorted([ann_card, bob_card])


def test_a_participant_rejoins_on_the_other_worker_with_their_token(workers, connect):
    first, second = workers
    workshop = first.create_workshop("Failover")
    ann = connect(first)
    joined = ann.call("join", {"code": workshop["code"], "name": "Ann"})["participant"]
    ann.disconnect()

    again = connect(second).call("join", {"code": workshop["code"], "token": joined["token"]})
    assert again["ok"] and again["participant"]["id"] == joined["id"]
