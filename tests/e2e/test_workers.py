"""Several workers: two real server.py processes over one SQLite database, joined
by a real Redis message queue (Flask-SocketIO's message_queue)."""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
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
                raise RuntimeError("redis-server did not start") from None
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


def collecting_across_workers(workers, connect, title: str):
    """A workshop in collect: Ann on the first worker, Bob (her group) and the
    facilitator on the second. Returns the workshop, Ann's join, and the clients."""
    first, second = workers
    workshop = first.create_workshop(title, blind_writing=False)
    facilitator = connect(second)
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    ann, bob = connect(first), connect(second)
    ann_joined = ann.call("join", {"code": workshop["code"], "name": "Ann"})["participant"]
    bob_joined = bob.call("join", {"code": workshop["code"], "name": "Bob"})["participant"]
    assert ann_joined["group_id"] == bob_joined["group_id"]
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    ann.wait_for("phase:changed", lambda d: d["phase"] == "collect")  # sent by the other worker
    return workshop, ann_joined, ann, bob, facilitator


def test_group_members_on_different_workers_see_each_others_cards(workers, connect):
    _, _, ann, bob, facilitator = collecting_across_workers(workers, connect, "Two workers")

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


def test_a_killed_worker_loses_nothing_acknowledged_and_the_other_carries_on(workers, connect):
    """SIGKILL one worker while its participant writes: the database is not left
    locked, every card it acknowledged is stored and was relayed, and its
    participant carries on on the other worker (where a load balancer would send
    her) with her token."""
    first, second = workers
    workshop, ann_joined, ann, bob, facilitator = collecting_across_workers(workers, connect, "Worker down")

    acked: list[str] = []
    enough = threading.Event()

    def write_until_killed() -> None:
        try:
            while True:
                card_id = new_id()
                if ann.call("card:add", {"id": card_id, "column": "start", "text": f"card {len(acked)}"},
                            timeout=2)["ok"]:
                    acked.append(card_id)
                if len(acked) >= 10:
                    enough.set()
        except Exception:  # the worker is gone: the ack never comes
            enough.set()

    writer = threading.Thread(target=write_until_killed, daemon=True)
    writer.start()
    assert enough.wait(15)
    first.kill()
    writer.join(10)
    ann.disconnect()
    assert len(acked) >= 10

    # Everything the dead worker acknowledged reached the other worker's people.
    for card_id in acked:
        bob.wait_for("card:added", lambda d, card_id=card_id: d["card"]["id"] == card_id)
        facilitator.wait_for("card:added", lambda d, card_id=card_id: d["card"]["id"] == card_id)

    again = connect(second)
    rejoined = again.call("join", {"code": workshop["code"], "token": ann_joined["token"]})
    assert rejoined["ok"] and rejoined["participant"]["id"] == ann_joined["id"]
    assert set(acked) <= {card["id"] for card in rejoined["state"]["cards"]}
    late = new_id()
    assert again.call("card:add", {"id": late, "column": "stop", "text": "After the crash"})["ok"]
    assert bob.wait_for("card:added", lambda d: d["card"]["id"] == late)["card"]["text"] == "After the crash"
    stored = {card["id"] for card in facilitator.call("sync", {})["state"]["cards"]}
    assert set(acked) | {late} <= stored


def test_a_participant_removed_on_one_worker_loses_their_connection_on_the_other(workers, connect):
    """Issue 13, item 15: the facilitator on the second worker removes Ann, whose
    connection is on the first: it is closed there too, so she hears no more cards."""
    _, ann_joined, ann, bob, facilitator = collecting_across_workers(workers, connect, "Removal")
    closed = threading.Event()
    ann.sio.on("disconnect", lambda *reason: closed.set())
    assert facilitator.call("participant:remove", {"participant_id": ann_joined["id"]})["ok"]
    ann.wait_for("participant:removed", lambda d: d["participant_id"] == ann_joined["id"])
    assert closed.wait(10), "the removed participant's connection on the other worker stayed open"
    card = new_id()
    assert bob.call("card:add", {"id": card, "column": "start", "text": "After Ann left"})["ok"]
    facilitator.wait_for("card:added", lambda d: d["card"]["id"] == card)
    assert all(not (name == "card:added" and data["card"]["id"] == card) for name, data in ann.events)


def test_the_room_view_follows_a_change_made_on_the_other_worker(workers, connect):
    """The projector's room view is on the first worker; a card is written on the second."""
    first, _ = workers
    workshop, _, _, bob, facilitator = collecting_across_workers(workers, connect, "Room view")
    view = facilitator.call("room:link")["view"]
    room = connect(first)
    watched = room.call("watch", {"workshop_id": workshop["id"], "view": view})
    assert watched["ok"] and watched["state"]["room"]["figures"]["cards"] == 0
    assert bob.call("card:add", {"id": new_id(), "column": "start", "text": "Weekly demo"})["ok"]
    changed = room.wait_for("room:changed", lambda d: d["room"]["figures"]["cards"] == 1)
    assert [g["cards"] for g in changed["room"]["groups"]] == [1]
