"""What a participant receives when the room moves to another step, captured from
Bowtie in-process, so that the floor (`bench/floor.py --step-messages FILE`) can
send the same bytes and the phase broadcast can be read against a transport that
carries Bowtie's messages rather than one 72-byte one.

`python bench/step_messages.py FILE` writes them (bench/load.py does it for the
`floor:step` target): a workshop made as the bench makes it, a facilitator and a
participant joined, `phase:set` to Cluster; every message the participant got
before `phase:changed`, in order, with its payload as sent.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from workshop import create_app  # noqa: E402
from workshop.config import Config  # noqa: E402

WORKSHOP = {"title": "Load test", "blind_writing": False, "group_size": 5}  # as bench/load.py's setup


def captured(phase: str = "cluster") -> list[dict]:
    """``[{"event", "data"}, ...]``: what one participant received for ``phase:set``, up to ``phase:changed``."""
    with tempfile.TemporaryDirectory() as workdir:
        config = Config.from_env({}, db_path=f"{workdir}/bowtie.db", secret_key="bench" * 8, testing=True)
        app = create_app(config)
        try:
            return _received(app, phase)
        finally:
            app.extensions["bowtie"].store.close()


def _received(app, phase: str) -> list[dict]:
    socketio = app.extensions["socketio"]
    workshop = app.test_client().post("/api/workshops", json=WORKSHOP).get_json()
    facilitator = socketio.test_client(app)
    participant = socketio.test_client(app)
    assert facilitator.emit("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]},
                            callback=True)["ok"]
    assert participant.emit("join", {"code": workshop["code"], "name": "P0"}, callback=True)["ok"]
    participant.get_received()
    assert facilitator.emit("phase:set", {"phase": phase}, callback=True)["ok"]
    messages: list[dict] = []
    for message in participant.get_received():
        if message["name"] == "phase:changed":
            return messages
        messages.append({"event": message["name"], "data": message["args"][0]})
    raise RuntimeError(f"no phase:changed among {[m['event'] for m in messages]}")


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(captured()))
