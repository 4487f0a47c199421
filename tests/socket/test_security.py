"""Authorisation, join-code guessing and floods, at the Socket.IO level."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Person, new_id
from tests.socket.fuzz_support import database_digest
from workshop import create_app
from workshop.domain import workshop as rules
from workshop.tokens import BadToken


def client_from(app, address: str):
    """A Socket.IO test client whose connection comes from ``address``."""
    http = app.test_client()
    http.environ_base["REMOTE_ADDR"] = address
    return app.extensions["socketio"].test_client(app, flask_test_client=http)


def wrong_code(right: str) -> str:
    code = right
    while code == right:
        code = rules.new_join_code()
    return code


# -- join codes -------------------------------------------------------------------

def test_join_codes_carry_at_least_30_bits():
    assert len(rules.CODE_ALPHABET) ** rules.CODE_LENGTH >= 2 ** 30
    assert len(set(rules.CODE_ALPHABET)) == 32


def test_past_the_limit_wrong_codes_are_refused_but_the_right_code_still_joins(app, make_workshop):
    workshop = make_workshop()
    limit = app.extensions["bowtie"].config.join_attempts_per_minute
    guesser = client_from(app, "10.0.0.66")
    misses = [guesser.emit("join", {"code": wrong_code(workshop["code"]), "name": "Eve"}, callback=True)
              for _ in range(limit + 1)]
    assert {m["error"]["code"] for m in misses[:limit]} == {"not_found"}
    assert misses[-1]["error"]["code"] == "too_many_attempts"
    # Someone behind the same venue address who has the code is never locked out.
    hit = client_from(app, "10.0.0.66").emit("join", {"code": workshop["code"], "name": "Ann"}, callback=True)
    assert hit["ok"]


def test_a_token_rejoin_is_never_refused_after_wrong_codes_from_the_same_address(app, make_workshop):
    workshop = make_workshop()
    ann = client_from(app, "10.0.0.66")
    token = ann.emit("join", {"code": workshop["code"], "name": "Ann"}, callback=True)["participant"]["token"]
    ann.disconnect()
    guesser = client_from(app, "10.0.0.66")
    for _ in range(app.extensions["bowtie"].config.join_attempts_per_minute + 3):
        guesser.emit("join", {"code": wrong_code(workshop["code"]), "name": "Eve"}, callback=True)
    back = client_from(app, "10.0.0.66").emit("join", {"code": workshop["code"], "token": token}, callback=True)
    assert back["ok"] and back["participant"]["name"] == "Ann"


def test_guessing_from_one_address_does_not_block_another(app, make_workshop):
    workshop = make_workshop()
    guesser = client_from(app, "10.0.0.66")
    for _ in range(app.extensions["bowtie"].config.join_attempts_per_minute + 5):
        guesser.emit("join", {"code": wrong_code(workshop["code"]), "name": "Eve"}, callback=True)
    neighbour = client_from(app, "10.0.0.7")
    assert neighbour.emit("join", {"code": workshop["code"], "name": "Ann"}, callback=True)["ok"]


def test_a_whole_venue_behind_one_address_can_join(app, make_workshop):
    workshop = make_workshop()
    limit = app.extensions["bowtie"].config.join_attempts_per_minute
    for n in range(limit * 3):
        person = client_from(app, "192.168.1.1")
        assert person.emit("join", {"code": workshop["code"], "name": f"P{n}"}, callback=True)["ok"]


@pytest.mark.skipif(not (Path(__file__).parents[2] / "templates" / "error.html").exists(),
                    reason="needs the UI's templates (main)")
def test_join_page_guessing_over_http_is_throttled_too(app, make_workshop):
    make_workshop()
    http = app.test_client()
    http.environ_base["REMOTE_ADDR"] = "10.0.0.66"
    limit = app.extensions["bowtie"].config.join_attempts_per_minute
    statuses = [http.get(f"/w/{rules.new_join_code()}/qr.svg").status_code for _ in range(limit + 1)]
    assert statuses[:limit] == [404] * limit
    assert statuses[-1] == 429
    assert http.get(f"/j/{rules.new_join_code()}").status_code == 429


def test_the_join_page_of_a_right_code_opens_after_wrong_guesses_from_the_same_address(app, make_workshop):
    workshop = make_workshop()
    http = app.test_client()
    http.environ_base["REMOTE_ADDR"] = "10.0.0.66"
    for _ in range(app.extensions["bowtie"].config.join_attempts_per_minute + 2):
        http.get(f"/j/{wrong_code(workshop['code'])}")
    assert http.get(f"/j/{workshop['code']}").status_code == 200
    assert http.get(f"/w/{workshop['code']}/qr.svg").status_code == 200


# -- tokens and roles ----------------------------------------------------------------

def test_a_token_of_one_workshop_is_useless_in_another(make_workshop, join, socketio, app):
    first, second = make_workshop(), make_workshop()
    ann = join(first)
    stranger = socketio.test_client(app)
    ack = stranger.emit("join", {"code": second["code"], "token": ann.ack["participant"]["token"]}, callback=True)
    assert ack["error"]["code"] == "bad_token"


@pytest.mark.parametrize("tamper", ["altered", "forged", "expired"])
def test_bad_tokens_are_refused(tamper, make_workshop, join, socketio, app, config):
    workshop = make_workshop()
    token = join(workshop).ack["participant"]["token"]
    if tamper == "altered":
        token = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    elif tamper == "forged":
        from workshop.tokens import Signer
        token = Signer("not-the-secret", 3600).issue(workshop["id"], "someone")
    else:
        expired = create_app(config.__class__(**{**config.__dict__, "token_max_age": -1}))
        token_check = expired.extensions["bowtie"].signer
        with pytest.raises(BadToken, match="expired"):
            token_check.read(token, workshop["id"])
        expired.extensions["bowtie"].store.close()
        return
    ack = socketio.test_client(app).emit("join", {"code": workshop["code"], "token": token}, callback=True)
    assert ack["error"]["code"] == "bad_token"


# Written out here, not read from the code's declarations: a wrong declaration
# must fail this test, not drop the event from it.
FACILITATOR_ONLY = [
    "phase:set", "settings:change", "cards:reveal",
    "groups:form", "participant:move", "group:rename", "participant:remove", "participants:remove", "card:moderate",
    "vote:open", "vote:close",
    "topic:save", "topics:from_ranking", "topic:delete", "topic:open", "elmo:threshold",
    "timer:start", "timer:pause", "timer:resume", "timer:add", "timer:stop",
    "poll:open", "poll:reword", "poll:close",
    "agenda:add", "agenda:go", "agenda:move", "agenda:plan", "agenda:remove", "agenda:rename", "agenda:settings",
    "agenda:works_on",
    "agenda:timeline", "card_template:save", "agenda_template:save",
    "topics:accept_plan", "topics:replan", "room:link",
    "pillar:add", "pillar:edit", "pillar:remove", "pillar:from_clusters", "pillar:link", "pillar:unlink", "pillar:poll",
    "snippet:remove", "okr:accept", "okr:send_back", "okr:assign",
    "statements:writing", "statements:show", "statements:sentence", "statements:poll",
    "presence:check",
]
PARTICIPANT_ONLY = ["card:add", "card:edit", "card:delete", "dot:place", "dot:take_back", "elmo:throw",
                    "elmo:withdraw", "poll:answer", "feedback:give",
                    "statements:write", "statements:mark", "statements:unmark", "presence:confirm"]
# A payload that most of these events would accept, so that a wrongly allowed
# event has every chance to change something.
ANYTHING = {"phase": "summary", "method": "random", "settings": {"blind_writing": True}, "name": "Mine",
            "id": "00000000-0000-4000-8000-000000000001", "proposal": "Mine", "title": "Mine", "minutes": 5,
            "threshold": 0.9, "level": 90, "score": 9, "column": "start", "text": "Mine"}


def test_every_facilitator_event_is_refused_to_a_participant(app, collecting, join):
    workshop, facilitator = collecting()
    ann = join(workshop)
    edge = app.extensions["bowtie"]
    before = database_digest(edge.store.db)
    for name in FACILITATOR_ONLY:
        ack = ann.call(name, {**ANYTHING, "participant_id": ann.id, "group_id": ann.group_id})
        assert ack["error"]["code"] == "forbidden", name
    assert database_digest(edge.store.db) == before


def test_the_code_declares_no_facilitator_event_this_test_does_not_list(app):
    declared = {d.name for d in app.extensions["bowtie"].declared.values() if d.who == "facilitator"}
    assert declared - set(FACILITATOR_ONLY) == set(), "list the new facilitator-only event in FACILITATOR_ONLY"


def test_participant_events_are_refused_to_a_facilitator(app, collecting, join):
    workshop, facilitator = collecting()
    join(workshop)
    edge = app.extensions["bowtie"]
    before = database_digest(edge.store.db)
    for name in PARTICIPANT_ONLY:
        assert facilitator.call(name, ANYTHING)["error"]["code"] == "forbidden", name
    assert database_digest(edge.store.db) == before


def test_a_participant_never_hears_another_groups_cards(collecting, join, facilitator_of):
    workshop, facilitator = collecting(group_size=2)
    ann, _bob, cat = join(workshop, "Ann"), join(workshop, "Bob"), join(workshop, "Cat")
    assert cat.group_id != ann.group_id
    secret = ann.add_card("only for group one")
    assert secret["ok"]
    assert cat.received("card:added") == []
    assert all(c["id"] != secret["card"]["id"] for c in cat.call("sync", {})["state"]["cards"])
    edit = cat.call("card:edit", {"id": secret["card"]["id"], "text": "hijacked"})
    assert edit["error"]["code"] == "not_your_card"


def test_nothing_of_one_workshop_reaches_another_and_facilitators_hear_their_own(make_workshop, facilitator_of,
                                                                                   join):
    here, elsewhere = make_workshop(group_size=2), make_workshop()
    facilitator, ann = facilitator_of(here), join(here, "Ann")
    join(here, "Ann's neighbour")
    others = [facilitator_of(elsewhere), join(elsewhere, "Bob")]
    for person in (facilitator, ann, *others):
        person.received()
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]  # heard by all of this workshop
    join(here, "Cat")  # a new group: group:created goes to facilitators only
    heard = [m["name"] for m in facilitator.client.get_received()]
    assert "phase:changed" in heard and "group:created" in heard
    heard = [m["name"] for m in ann.client.get_received()]
    assert "phase:changed" in heard and "group:created" not in heard
    for other in others:
        assert other.client.get_received() == []


def test_the_facilitator_key_never_reaches_a_participant(collecting, join):
    workshop, facilitator = collecting()
    ann = join(workshop)
    ann.add_card("hello")
    bob = join(workshop, "Bob")
    seen = json.dumps([bob.ack, ann.received(), ann.call("sync", {}), ann.call("sync", {"since": 0})])
    assert workshop["facilitator_key"] not in seen
    assert "facilitator_key" not in seen


def test_a_removed_participant_is_disconnected_and_cannot_come_back(collecting, join, socketio, app):
    workshop, facilitator = collecting()
    ann = join(workshop)
    assert facilitator.call("participant:remove", {"participant_id": ann.id})["ok"]
    assert not ann.client.is_connected()
    back = socketio.test_client(app).emit(
        "join", {"code": workshop["code"], "token": ann.ack["participant"]["token"]}, callback=True)
    assert back["error"]["code"] == "forbidden"


# -- floods ----------------------------------------------------------------------------

@pytest.fixture
def strict_app(tmp_path):
    from workshop.config import Config
    app = create_app(Config(db_path=str(tmp_path / "strict.db"), secret_key="strict" * 6, testing=True))
    yield app
    app.extensions["bowtie"].store.close()


def strict_person(app, workshop, name) -> Person:
    client = app.extensions["socketio"].test_client(app)
    ack = client.emit("join", {"code": workshop["code"], "name": name}, callback=True)
    assert ack["ok"], ack
    return Person(client, ack)


def collect_in(app) -> tuple[dict, Person]:
    workshop = app.test_client().post("/api/workshops", json={"title": "Flood", "blind_writing": False}).json
    sio = app.extensions["socketio"]
    facilitator = sio.test_client(app)
    facilitator.emit("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]}, callback=True)
    facilitator.emit("phase:set", {"phase": "collect"}, callback=True)
    return workshop, Person(facilitator, {})


def test_a_flooding_socket_is_slowed_then_disconnected_while_its_group_carries_on(strict_app):
    workshop, _ = collect_in(strict_app)
    flooder, neighbour = strict_person(strict_app, workshop, "Bot"), strict_person(strict_app, workshop, "Ann")
    acks = []
    for n in range(400):
        if not flooder.client.is_connected():
            break
        acks.append(flooder.call("card:add", {"id": new_id(), "column": "start", "text": f"spam {n}"}))
    codes = [a["error"]["code"] for a in acks if not a.get("ok")]
    assert "too_fast" in codes
    assert not flooder.client.is_connected()
    assert "disconnected" in acks[-1]["error"]["message"]
    # get_received() refuses once disconnected; the test client keeps what arrived in .queue
    assert any(m["name"] == "error:flood" for m in flooder.client.queue)
    assert neighbour.add_card("still here")["ok"]


def test_a_fast_typist_or_a_quick_facilitator_is_never_refused(strict_app):
    """The limit is generous: a burst of 60 (a facilitator clustering quickly), then 20 a second."""
    workshop, facilitator = collect_in(strict_app)
    typist = strict_person(strict_app, workshop, "Quick")
    burst = strict_app.extensions["bowtie"].config.event_burst
    # The typist has already sent join, the facilitator facilitate and phase:set:
    # each spends the rest of one burst, with no help from the refill.
    # Across the columns: one column takes 30 cards from one person (test_card_volume.py).
    acks = [typist.add_card(f"idea {n}", column=("start", "stop", "continue")[n % 3]) for n in range(burst - 1)]
    acks += [facilitator.call("group:rename", {"group_id": typist.group_id, "name": f"G{n}"})
             for n in range(burst - 2)]
    assert all(a["ok"] for a in acks)
