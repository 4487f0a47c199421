"""Sock puppets (issue 13, item 6): one laptop joined as 25 people in 0.7 s, turned an
all-100 % poll into "not yet" and triggered "move on". New identities are held to
human rates per browser and per address (a room behind one NAT still joins, a token
rejoin is never held), and only people who acted or said "I'm here" in the running
step count as present."""
from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import Person, new_id


@pytest.fixture
def config(config):
    """The shipped join limits, whatever the shared test settings say."""
    return replace(config, joins_per_address_per_minute=300, browser_join_interval=20.0)


@pytest.fixture
def join_as(app, socketio):
    """A new socket joining by name from one browser; returns the ack, joined or refused."""
    def connect(workshop: dict, name: str, browser: str | None = None, token: str | None = None) -> tuple:
        client = socketio.test_client(app)
        payload = {"code": workshop["code"], "name": name, **({"browser": browser} if browser else {}),
                   **({"token": token} if token else {})}
        ack = client.emit("join", payload, callback=True)
        client.get_received()
        return Person(client, ack), ack
    return connect


def test_25_puppets_from_one_browser_make_one_person(make_workshop, facilitator_of, join_as):
    workshop = make_workshop()
    facilitator = facilitator_of(workshop)
    acks = [join_as(workshop, f"Puppet {n}", browser="laptop-1")[1] for n in range(25)]
    assert [a["ok"] for a in acks].count(True) == 1
    refused = [a["error"] for a in acks if not a["ok"]]
    assert {e["code"] for e in refused} == {"too_many_joins"}
    assert "try again in" in refused[0]["message"]
    assert len(facilitator.call("sync", {})["state"]["participants"]) == 1


def test_25_puppets_on_one_socket_without_a_browser_id_make_one_person(make_workshop, app, socketio):
    workshop = make_workshop()
    client = socketio.test_client(app)
    acks = [client.emit("join", {"code": workshop["code"], "name": f"Puppet {n}"}, callback=True) for n in range(25)]
    assert [a["ok"] for a in acks].count(True) == 1
    assert {a["error"]["code"] for a in acks if not a["ok"]} == {"too_many_joins"}


def test_a_room_of_real_people_behind_one_address_all_join(make_workshop, join_as):
    workshop = make_workshop()
    acks = [join_as(workshop, f"Person {n}", browser=f"phone-{n}")[1] for n in range(60)]
    assert all(a["ok"] for a in acks), [a for a in acks if not a["ok"]][:1]


def test_a_token_rejoin_is_never_held_back(make_workshop, join_as):
    workshop = make_workshop()
    ann, ack = join_as(workshop, "Ann", browser="laptop-1")
    token = ack["participant"]["token"]
    for _ in range(10):  # reloads and reconnects from the same browser
        _, again = join_as(workshop, "", browser="laptop-1", token=token)
        assert again["ok"] and again["participant"]["id"] == ann.id


def test_a_wrong_code_costs_the_browser_nothing(make_workshop, join_as):
    workshop = make_workshop()
    _, wrong = join_as({"code": "ZZZZZZ"}, "Ann", browser="laptop-1")
    assert wrong["error"]["code"] == "not_found"
    assert join_as(workshop, "Ann", browser="laptop-1")[1]["ok"]


def test_past_the_address_limit_the_network_is_told_to_wait(make_workshop, app, socketio):
    joins = app.extensions["bowtie"].joins
    joins.address_burst, joins.address_rate = 5, 5 / 60  # a small venue's setting, so the test stays short
    workshop = make_workshop()
    acks = [socketio.test_client(app).emit("join", {"code": workshop["code"], "name": f"P{n}", "browser": f"b{n}"},
                                           callback=True) for n in range(6)]
    assert [a["ok"] for a in acks] == [True] * 5 + [False]
    assert acks[-1]["error"]["code"] == "too_many_joins" and "your network" in acks[-1]["error"]["message"]


# -- present: connected and here in the running step ------------------------------

@pytest.fixture
def room_with_puppets(make_workshop, facilitator_of, join):
    """Three real people and 25 idle puppets (each its own socket: past the throttle, the worst case)."""
    workshop = make_workshop()
    facilitator = facilitator_of(workshop)
    real = [join(workshop, name) for name in ("Ann", "Bob", "Cy")]
    puppets = [join(workshop, f"Puppet {n}") for n in range(25)]
    return workshop, facilitator, real, puppets


def test_idle_puppets_do_not_turn_an_all_100_poll_into_not_yet(room_with_puppets):
    _, facilitator, real, _ = room_with_puppets
    opened = facilitator.call("poll:open", {"id": new_id(), "proposal": "Release every week"})["poll"]
    rid = opened["rounds"][-1]["id"]
    for person in real:
        assert person.call("poll:answer", {"round_id": rid, "level": 100})["ok"]
    closed = facilitator.call("poll:close", {"round_id": rid})["poll"]["rounds"][-1]
    assert (closed["result"], closed["present"], closed["needed"]) == ("commit", 3, 2)


def test_idle_puppets_do_not_trigger_move_on_nor_hold_it_back(room_with_puppets):
    _, facilitator, real, _ = room_with_puppets
    topic = new_id()
    assert facilitator.call("topic:save", {"id": topic, "title": "Cadence", "planned": 300})["ok"]
    assert facilitator.call("topic:open", {"topic_id": topic})["ok"]
    for person in real:
        assert person.call("presence:confirm")["ok"]
    first = real[0].call("elmo:throw", {"topic_id": topic})["elmo"]
    assert (first["present"], first["threshold"], first["move_on"]) == (3, 2, False)
    assert real[1].call("elmo:throw", {"topic_id": topic})["elmo"]["move_on"] is True


def test_i_am_here_counts_a_quiet_person_and_the_facilitator_hears_it(room_with_puppets):
    _, facilitator, real, _ = room_with_puppets
    facilitator.received()
    ack = real[0].call("presence:confirm")
    assert ack["ok"] and ack["here"] is True
    heard = facilitator.received("presence:here")
    assert [(m["participant_id"], m["how"]) for m in heard] == [(real[0].id, "confirmed")]
    state = facilitator.call("sync", {})["state"]
    assert state["here"] == [real[0].id] and len(state["online"]) == 28


def test_acting_counts_as_being_here(room_with_puppets):
    _, facilitator, real, _ = room_with_puppets
    facilitator.received()
    opened = facilitator.call("poll:open", {"id": new_id(), "proposal": "Demo on Fridays"})["poll"]
    assert real[1].call("poll:answer", {"round_id": opened["rounds"][-1]["id"], "level": 90})["ok"]
    assert facilitator.call("sync", {})["state"]["here"] == [real[1].id]


def test_someone_here_who_disconnects_is_no_longer_present(room_with_puppets):
    _, facilitator, real, _ = room_with_puppets
    opened = facilitator.call("poll:open", {"id": new_id(), "proposal": "Demo on Fridays"})["poll"]
    rid = opened["rounds"][-1]["id"]
    for person in real:
        person.call("presence:confirm")
    real[0].call("poll:answer", {"round_id": rid, "level": 100})
    real[2].client.disconnect()
    closed = facilitator.call("poll:close", {"round_id": rid})["poll"]["rounds"][-1]
    assert closed["present"] == 2


def test_the_facilitator_asks_who_is_here_and_everyone_hears(room_with_puppets):
    _, facilitator, real, _ = room_with_puppets
    ack = facilitator.call("presence:check")
    assert ack["ok"]
    assert [m["asked_at"] for m in real[2].received("presence:asked")] == [ack["check"]["asked_at"]]


def test_only_participants_say_i_am_here_and_only_facilitators_ask(room_with_puppets):
    _, facilitator, real, _ = room_with_puppets
    assert facilitator.call("presence:confirm")["error"]["code"] == "forbidden"
    assert real[0].call("presence:check")["error"]["code"] == "forbidden"
