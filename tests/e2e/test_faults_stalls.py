"""Stalls: a large workshop exported and the database backed up while people write."""
from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from typing import Callable

import pytest
import requests

from .live import ROOT, Server, lift_card_limit
from .load import Writers, integrity
from .mirror import Mirror, wait_until

BIG = 10_000  # cards already in the workshop

# Heavy reads to run during the load, as (name, fn(server, workshop) -> bytes).
# The export routes (organise) append theirs, e.g. the Markdown and CSV exports.
HEAVY: list[tuple[str, Callable[[Server, dict], int]]] = [
    ("facilitator snapshot of every card", lambda server, w: len(str(_snapshot(server, w)))),
    ("Markdown export", lambda server, w: _export(server, w, "markdown")),
    ("CSV export", lambda server, w: _export(server, w, "csv")),
]


def _export(server: Server, workshop: dict, kind: str) -> int:
    response = requests.get(f"{server.url}/api/workshops/{workshop['id']}/export/{kind}", timeout=60,
                            headers={"Authorization": f"Bearer {workshop['facilitator_key']}"})
    assert response.status_code == 200
    return len(response.content)


def _snapshot(server: Server, workshop: dict) -> dict:
    from .live import Client
    client = Client(server).connect()
    try:
        return client.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]},
                           timeout=30)["state"]
    finally:
        client.disconnect()


def fill(db_path, workshop_id: str, cards: int) -> None:
    """Write many cards straight into the database, as a long workshop leaves it."""
    with sqlite3.connect(db_path) as db:
        group = db.execute("SELECT id FROM groups WHERE workshop_id = ?", [workshop_id]).fetchone()[0]
        pid = uuid.uuid4().hex
        db.execute("INSERT INTO participants (id, workshop_id, name, group_id, joined_at) VALUES (?, ?, ?, ?, ?)",
                   [pid, workshop_id, "Earlier", group, time.time()])
        db.executemany(
            "INSERT INTO cards (id, workshop_id, participant_id, group_id, \"column\", text, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 'start', ?, ?, ?)",
            [(str(uuid.uuid4()), workshop_id, pid, group, f"Earlier card {n} " + "x" * 200, time.time(), time.time())
             for n in range(cards)])


@pytest.mark.slow
def test_a_backup_and_heavy_reads_during_load_stall_no_one_and_the_backup_holds_every_acked_card(server, tmp_path):
    workshop = server.create_workshop("Big", blind_writing=False)
    facilitator = Mirror(server.url, workshop, facilitator=True).connect()
    facilitator.sio.call("phase:set", {"phase": "collect"})
    lift_card_limit(facilitator.sio.call)
    people = [Mirror(server.url, workshop, name=f"P{n:02d}").connect() for n in range(20)]
    server.stop()
    fill(server.db_path, workshop["id"], BIG)
    server.start()
    wait_until(lambda: all(m.rejoins >= 1 and m.ready.is_set() for m in [facilitator, *people]), 30, "rejoins")
    connects = {m.name: m.connects for m in people}

    backup = tmp_path / "backup.db"
    with Writers(people, interval=0.2) as writers:  # ~100 cards a second
        time.sleep(1)
        acked_before_backup = set(writers.acked)
        run = subprocess.run([sys.executable, str(ROOT / "server.py"), "--db", str(server.db_path), "backup",
                              str(backup)], cwd=ROOT, env=server.env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        sizes = {name: heavy(server, workshop) for name, heavy in HEAVY}
        time.sleep(1)
    writers.drain()

    delays = sorted(d for m in people for d in m.ack_delays)
    p99 = delays[int(len(delays) * 0.99) - 1]
    assert {m.name: m.connects for m in people} == connects  # nobody missed a ping and dropped
    assert integrity(backup) == "ok"
    with sqlite3.connect(backup) as db:
        in_backup = {r[0] for r in db.execute("SELECT id FROM cards")}
    assert acked_before_backup <= in_backup
    assert len(in_backup) >= BIG
    assert requests.get(server.url + "/healthz", timeout=5).ok
    print(f"stalls: backup of {len(in_backup)} cards ({run.stdout.strip()}), reads {sizes}; "
          f"{len(delays)} acks during it: median {statistics.median(delays) * 1000:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms, max {delays[-1] * 1000:.0f} ms")
    for m in [facilitator, *people]:
        m.disconnect()
