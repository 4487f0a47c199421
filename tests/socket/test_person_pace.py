"""A person's pace, across their sockets (issue 13, item 7): one participant with
ten sockets, each under the per-socket rate limit, stored 2,000 cards in 16 s."""
from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import Person

PERSON_BURST = 12


@pytest.fixture
def config(config):
    """Per socket as generous as ever; per person a small budget that never refills in a test."""
    return replace(config, person_event_burst=PERSON_BURST, person_events_per_second=0.001)


def same_person(socketio, app, workshop: dict, person: Person) -> Person:
    """Another socket of the same participant (their token, as a second tab would)."""
    client = socketio.test_client(app)
    ack = client.emit("join", {"code": workshop["code"], "token": person.ack["participant"]["token"]},
                      callback=True)
    assert ack["ok"] and ack["participant"]["id"] == person.id
    return Person(client, ack)


def test_a_persons_sockets_share_one_budget(collecting, join, socketio, app):
    workshop, _ = collecting()
    ann = join(workshop, "Ann")
    sockets = [ann, *(same_person(socketio, app, workshop, ann) for _ in range(3))]
    acks = [s.add_card(f"idea {n}", column=column) for n in range(5)
            for s, column in zip(sockets, ("start", "stop", "continue", "start"))]
    assert sum(a["ok"] for a in acks) == PERSON_BURST
    refused = [a for a in acks if not a["ok"]]
    assert {a["error"]["code"] for a in refused} == {"too_fast"}
    assert all(s.client.is_connected() for s in sockets)  # refused, never cut off


def test_one_persons_pace_leaves_everyone_else_theirs(collecting, join):
    workshop, _ = collecting(group_size=2)
    ann, bob = join(workshop, "Ann"), join(workshop, "Bob")
    for n in range(PERSON_BURST + 3):
        ann.add_card(f"idea {n}")
    assert bob.add_card("my turn")["ok"]
