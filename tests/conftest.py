"""Fixtures shared by every level: a fresh app per test, workshops, people."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from hypothesis import settings

from workshop import create_app
from workshop.config import Config

# No example is failed for its time: hypothesis's default 200 ms deadline is a timed
# assertion, and a cold start crossed it once in a local run. With CI set, hypothesis has
# already loaded its "ci" profile (no deadline, derandomized): kept, as the parent.
settings.register_profile("bowtie", parent=settings.default, deadline=None)
settings.load_profile("bowtie")


@pytest.fixture
def config(tmp_path) -> Config:
    return Config(db_path=str(tmp_path / "bowtie.db"), secret_key="test-secret-of-at-least-32-bytes-long", testing=True,
                  events_per_second=1000, event_burst=1000, vote_progress_interval=0, room_interval=0, presence_interval=0,
                  person_events_per_second=1000, person_event_burst=1000,
                  wrong_code_wait=0.001)


@pytest.fixture
def app(config):
    app = create_app(config)
    yield app
    app.extensions["bowtie"].store.close()


@pytest.fixture
def http(app):
    return app.test_client()


@pytest.fixture
def socketio(app):
    return app.extensions["socketio"]


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Person:
    """A connected Socket.IO test client, with what its join acknowledged."""
    client: object
    ack: dict

    @property
    def id(self) -> str:
        return self.ack["participant"]["id"]

    @property
    def group_id(self) -> str:
        return self.ack["participant"]["group_id"]

    def call(self, event: str, payload=None) -> dict:
        return self.client.emit(event, payload, callback=True)

    def received(self, event: str | None = None) -> list[dict]:
        """Payloads of the events received since the last call (all, or one kind)."""
        messages = self.client.get_received()
        return [m["args"][0] for m in messages if event is None or m["name"] == event]

    def add_card(self, text: str, column: str = "start", card_id: str | None = None) -> dict:
        return self.call("card:add", {"id": card_id or new_id(), "column": column, "text": text})


@pytest.fixture
def make_workshop(http):
    def make(title="Retro", **options) -> dict:
        response = http.post("/api/workshops", json={"title": title, **options})
        assert response.status_code == 201, response.json
        return response.json
    return make


@pytest.fixture
def facilitator_of(app, socketio):
    def connect(workshop: dict) -> Person:
        client = socketio.test_client(app)
        ack = client.emit("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]},
                          callback=True)
        assert ack["ok"], ack
        client.get_received()
        return Person(client, ack)
    return connect


@pytest.fixture
def join(app, socketio):
    def connect(workshop: dict, name: str = "Ann", **extra) -> Person:
        client = socketio.test_client(app)
        ack = client.emit("join", {"code": workshop["code"], "name": name, **extra}, callback=True)
        assert ack["ok"], ack
        client.get_received()
        return Person(client, ack)
    return connect


@pytest.fixture
def collecting(make_workshop, facilitator_of):
    """A workshop in the collect phase, blind writing off, and its facilitator."""
    def make(**options):
        workshop = make_workshop(**{"blind_writing": False, **options})
        facilitator = facilitator_of(workshop)
        assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
        facilitator.received()
        return workshop, facilitator
    return make
