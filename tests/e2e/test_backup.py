"""`python server.py backup PATH` while 20 clients are writing cards."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading

import pytest

from .live import ROOT, Client, Server, lift_card_limit, new_id

WRITERS = 20


@pytest.fixture
def busy_server(tmp_path):
    # A human pace is far below the rate limit; these writers are not human.
    srv = Server(tmp_path / "live.db", env={"BOWTIE_EVENTS_PER_SECOND": "10000", "BOWTIE_EVENT_BURST": "10000",
                                            "BOWTIE_PERSON_EVENTS_PER_SECOND": "10000",
                                            "BOWTIE_PERSON_EVENT_BURST": "10000"})
    srv.start()
    yield srv
    srv.stop()


@pytest.mark.slow
def test_backup_taken_while_20_clients_write_cards_opens_cleanly(busy_server, tmp_path):
    workshop = busy_server.create_workshop("Busy", blind_writing=False)
    facilitator = Client(busy_server).connect()
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    lift_card_limit(facilitator.call)
    writers = [Client(busy_server).connect() for _ in range(WRITERS)]
    for i, writer in enumerate(writers):
        assert writer.call("join", {"code": workshop["code"], "name": f"Writer {i}"})["ok"]

    stop = threading.Event()
    written = [0] * WRITERS
    progress = threading.Condition()
    failures: list[dict] = []

    def write(i: int) -> None:
        while not stop.is_set():
            ack = writers[i].call("card:add", {"id": new_id(), "column": "start", "text": f"Card {written[i]} of {i}"})
            if not ack["ok"]:
                failures.append(ack)
                return
            with progress:
                written[i] += 1
                progress.notify_all()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    try:
        with progress:  # every writer is under way before the backup starts
            assert progress.wait_for(lambda: min(written) >= 5 or failures, timeout=30)
        target = tmp_path / "backup.db"
        result = subprocess.run([sys.executable, str(ROOT / "server.py"), "--db", str(busy_server.db_path),
                                 "backup", str(target)], capture_output=True, text=True, timeout=120)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
        for client in [facilitator, *writers]:
            client.disconnect()
    assert failures == []
    assert result.returncode == 0, result.stderr
    assert "integrity: ok" in result.stdout

    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
        cards = copy.execute("SELECT COUNT(*) FROM cards WHERE workshop_id = ?", [workshop["id"]]).fetchone()[0]
        events = copy.execute("SELECT COUNT(*) FROM events WHERE kind = 'card:added'").fetchone()[0]
    finally:
        copy.close()
    # A consistent copy: at least what was written before it began, and each card with its event.
    assert cards >= WRITERS * 5 and cards <= sum(written)
    assert cards == events
