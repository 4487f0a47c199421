"""Property-based fuzzing of every Socket.IO event the server registers.

Each example sends one event, from an anonymous socket, a participant or the
facilitator, with a payload drawn from real ids, hostile values (wrong types,
missing and extra fields, 10**6-character strings, unicode edge cases, NUL
bytes) or non-objects. Pass: every event is acknowledged with ``ok`` or a clean
error, never ``internal``; nothing is logged as a failure; a refused event
leaves the database exactly as it was.
"""
from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.socket.fuzz_support import SEED, World, nested, payload_for, phase_for, resolve
from workshop import create_app
from workshop.config import Config
from workshop.domain.workshop import PHASES

SENDERS = ("anonymous", "participant", "facilitator")
NATURAL_SENDER = {"participant": "participant", "facilitator": "facilitator", "member": "participant",
                  "anyone": "anonymous"}
SKIP = {"connect", "disconnect"}  # Socket.IO's own, not client events


def registered_events(app) -> list[str]:
    return sorted(set(app.extensions["socketio"].server.handlers["/"]) - SKIP)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    app = create_app(Config(db_path=str(db), secret_key="fuzz" * 8, testing=True,
                            events_per_second=1e9, event_burst=10**9, join_attempts_per_minute=10**9,
                            person_events_per_second=1e9, person_event_burst=10**9,
                            # The anonymous sender never joins; the module outlives the join grace.
                            join_grace=0))
    workshop = app.test_client().post("/api/workshops", json={"title": "Fuzz", "blind_writing": False}).json
    w = World(app, workshop)
    reseat(w)
    for phase, sender, event, payload in SEED:
        if event in registered_events(app):
            assert w.senders["facilitator"].emit("phase:set", {"phase": phase}, callback=True)["ok"]
            ack = w.senders[sender].emit(event, payload(w), callback=True)
            assert ack["ok"], (event, ack)
    yield w
    app.extensions["bowtie"].store.close()


def reseat(w: World) -> None:
    """(Re)connect the three senders; a fuzzed event may have removed or disconnected one."""
    sio = w.app.extensions["socketio"]
    w.senders["anonymous"] = sio.test_client(w.app)
    facilitator = sio.test_client(w.app)
    assert facilitator.emit("facilitate", {"workshop_id": w.workshop["id"], "key": w.workshop["facilitator_key"]},
                            callback=True)["ok"]
    w.senders["facilitator"] = facilitator
    participant = sio.test_client(w.app)
    assert participant.emit("join", {"code": w.workshop["code"], "name": "Fuzzy"}, callback=True)["ok"]
    w.senders["participant"] = participant
    bystander = sio.test_client(w.app).emit("join", {"code": w.workshop["code"], "name": "By"}, callback=True)
    w.bystander_id = bystander["participant"]["id"]


def emit_raw(client, packet_json: str):
    """Send a pre-encoded event (the client's encoder cannot build 1,000-deep data)."""
    client.callback_counter += 1
    client.socketio.server._handle_eio_message(client.eio_sid, f"2{client.callback_counter}{packet_json}")
    ack, client.acks = client.acks, None
    return ack and ack["args"][0]


def assert_clean(ack, event: str) -> None:
    assert isinstance(ack, dict), f"{event}: no ack ({ack!r})"
    if ack.get("ok") is True:
        return
    assert ack.get("ok") is False, ack
    error = ack.get("error")
    assert isinstance(error, dict) and isinstance(error.get("code"), str) and isinstance(error.get("message"), str)
    assert error["code"] != "internal", f"{event}: server bug: {error}"


@pytest.fixture
def failures(caplog):
    caplog.set_level(logging.ERROR)
    yield caplog
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def send(w: World, sender: str, event: str, payload) -> dict:
    client = w.senders[sender]
    if not client.is_connected():
        reseat(w)
        client = w.senders[sender]
    before = w.digest()
    ack = client.emit(event, payload, callback=True)
    assert_clean(ack, event)
    if not ack["ok"]:
        assert w.digest() == before, f"{event} was refused ({ack['error']}) but changed the database"
    return ack


def _events_of_a_fresh_app() -> list[str]:
    app = create_app(Config(db_path=":memory:", secret_key="list" * 8, testing=True))
    return registered_events(app)


EVENTS = _events_of_a_fresh_app()  # every event the server registers, today's and later areas'


@pytest.mark.parametrize("event", EVENTS)
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_event_acks_cleanly_and_a_refusal_changes_nothing(world, failures, event, data):
    edge = world.app.extensions["bowtie"]
    declared = edge.declared.get(event)
    # Mostly the sender the event is meant for, so that payloads reach the rules.
    natural = NATURAL_SENDER.get(declared.who if declared else "", "anonymous")
    sender = natural if data.draw(st.booleans(), label="natural sender") else \
        data.draw(st.sampled_from(SENDERS), label="sender")
    home = phase_for(event)
    phase = home if home and data.draw(st.booleans(), label="home phase") else \
        data.draw(st.sampled_from(PHASES), label="phase first")
    world.senders["facilitator"].emit("phase:set", {"phase": phase}, callback=True)
    payload = data.draw(payload_for(declared.shape if declared else None), label="payload")
    send(world, sender, event, resolve(world, payload))
    if event in ("join", "facilitate"):
        reseat(world)  # the sender may have become someone else


def test_the_fuzzer_covers_every_declared_event(world):
    declared = set(world.app.extensions["bowtie"].declared)
    assert declared and declared <= set(registered_events(world.app))


@pytest.mark.parametrize("depth", [1_000, 100_000])
@pytest.mark.parametrize("kind", ["list", "dict"])
def test_payloads_nested_a_thousand_deep_get_a_clean_error(world, failures, depth, kind):
    for event in registered_events(world.app):
        for sender in SENDERS:
            before = world.digest()
            ack = emit_raw(world.senders[sender], f'["{event}",{nested(depth, kind)}]')
            assert_clean(ack, event)
            assert not ack["ok"] and world.digest() == before


def test_more_than_one_argument_gets_a_clean_error(world, failures):
    for event in registered_events(world.app):
        ack = world.senders["participant"].emit(event, {}, {}, callback=True)
        assert ack["error"]["code"] == "invalid"


def test_a_million_character_string_in_every_field_changes_nothing(world, failures):
    edge = world.app.extensions["bowtie"]
    for event, declared in edge.declared.items():
        names = [f.name for f in declared.shape.__dataclass_fields__.values()] if declared.shape else []
        for sender in SENDERS:
            send(world, sender, event, {name: "x" * 10**6 for name in names})
