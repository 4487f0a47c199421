"""Old database: the current server starts on a database of schema version 1
(the first release) and migrates it without losing anything."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import uuid

import requests
from sqlite_utils import Database

from workshop.store.schema import MIGRATIONS, SCHEMA_VERSION
from workshop.tokens import Signer

from .live import Client, Server
from .load import integrity

KEY = "old-facilitator-key"


def write_v1_database(path) -> dict:
    """A database as the first release left it: schema 1 only, with a workshop in collect."""
    db = Database(sqlite3.connect(path, isolation_level=None))
    db["meta"].create({"key": str, "value": str}, pk="key")
    MIGRATIONS[0](db)
    db["meta"].insert({"key": "schema_version", "value": "1"})
    wid, gid, pid, cid = uuid.uuid4().hex, uuid.uuid4().hex, uuid.uuid4().hex, str(uuid.uuid4())
    now = time.time()
    db["workshops"].insert({"id": wid, "code": "K7QX2M", "title": "Old retro", "context": "from v1",
                            "template": "start-stop-continue", "phase": "collect",
                            "settings": json.dumps({"blind_writing": False, "group_size": 5}),
                            "facilitator_key_hash": hashlib.sha256(KEY.encode()).hexdigest(), "seq": 3,
                            "created_at": now})
    db["groups"].insert({"id": gid, "workshop_id": wid, "name": "Group 1", "position": 1, "revealed": 0})
    db["participants"].insert({"id": pid, "workshop_id": wid, "name": "Ann", "role": "Support",
                               "experience": "some", "group_id": gid, "joined_at": now})
    card = {"id": cid, "participant_id": pid, "group_id": gid, "column": "start", "text": "Weekly demo",
            "created_at": now, "updated_at": now}
    db["cards"].insert({**card, "workshop_id": wid})
    for seq, (kind, data) in enumerate([("participant:joined", {"participant": {"id": pid}}),
                                        ("phase:changed", {"phase": "collect", "previous": "lobby"}),
                                        ("card:added", {"card": card})], start=1):
        db["events"].insert({"workshop_id": wid, "seq": seq, "kind": kind, "audience": "all",
                             "data": json.dumps(data), "at": now})
    db.close()
    return {"id": wid, "code": "K7QX2M", "facilitator_key": KEY, "participant_id": pid, "card_id": cid}


def test_the_server_migrates_a_first_release_database_without_loss(tmp_path):
    path = tmp_path / "old.db"
    old = write_v1_database(path)
    server = Server(path).start()
    try:
        assert requests.get(server.url + "/healthz", timeout=5).json()["schema_version"] == SCHEMA_VERSION
        token = Signer(server.env["BOWTIE_SECRET"], 3600).issue(old["id"], old["participant_id"])
        ann = Client(server).connect()
        back = ann.call("join", {"code": old["code"], "token": token})
        assert back["ok"] and back["participant"]["id"] == old["participant_id"]
        assert [c["text"] for c in back["state"]["cards"]] == ["Weekly demo"]
        assert back["state"]["workshop"]["phase"] == "collect"
        facilitator = Client(server).connect()
        state = facilitator.call("facilitate", {"workshop_id": old["id"], "key": KEY})["state"]
        assert state["seq"] == 3 and [p["name"] for p in state["participants"]] == ["Ann"]
        added = ann.call("card:add", {"id": str(uuid.uuid4()), "column": "stop", "text": "Long meetings"})
        assert added["ok"]
        # The event log carries on from the old one: Ann's first act in the step, then her card.
        assert facilitator.wait_for("presence:here")["seq"] == 4
        assert facilitator.wait_for("card:added")["seq"] == 5
        assert ann.call("sync", {"since": 0})["ok"]
        for client in (ann, facilitator):
            client.disconnect()
    finally:
        server.stop()
    assert integrity(path) == "ok"
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
        assert db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 2
