"""Issue 2 end to end: a real server.py (eventlet) and real Socket.IO clients."""
import sqlite3

from .live import new_id


def enter(server, clients, workshop, name, **extra):
    client = clients()
    ack = client.call("join", {"code": workshop["code"], "name": name, **extra})
    assert ack["ok"], ack
    return client, ack


def facilitate(clients, workshop):
    client = clients()
    assert client.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    return client


def test_group_members_see_each_others_cards_and_other_groups_do_not(server, clients):
    workshop = server.create_workshop(blind_writing=False, group_size=2)
    facilitator = facilitate(clients, workshop)
    ann, ann_ack = enter(server, clients, workshop, "Ann")
    bo, bo_ack = enter(server, clients, workshop, "Bo")
    cy, cy_ack = enter(server, clients, workshop, "Cy")
    assert ann_ack["participant"]["group_id"] == bo_ack["participant"]["group_id"] != cy_ack["participant"]["group_id"]
    facilitator.call("phase:set", {"phase": "collect"})
    card_id = new_id()
    assert ann.call("card:add", {"id": card_id, "column": "start", "text": "Weekly demo"})["ok"]
    assert cy.call("card:add", {"id": new_id(), "column": "stop", "text": "Long meetings"})["ok"]
    assert bo.wait_for("card:added", lambda d: d["card"]["id"] == card_id)["card"]["text"] == "Weekly demo"
    facilitator.wait_for("card:added", lambda d: d["card"]["text"] == "Long meetings")
    facilitator.wait_for("card:added", lambda d: d["card"]["text"] == "Weekly demo")
    # Cy's own card arriving proves Cy's events were delivered; Ann's never came.
    cy.wait_for("card:added", lambda d: d["card"]["text"] == "Long meetings")
    assert all(d["card"]["text"] != "Weekly demo" for n, d in cy.events if n == "card:added")


def test_sigkill_and_restart_lose_nothing_and_clients_get_state_back(server, clients):
    workshop = server.create_workshop(blind_writing=False)
    facilitator = facilitate(clients, workshop)
    ann, ann_ack = enter(server, clients, workshop, "Ann", role="Support")
    facilitator.call("phase:set", {"phase": "collect"})
    texts = [f"idea {i}" for i in range(20)]
    for text in texts:
        assert ann.call("card:add", {"id": new_id(), "column": "continue", "text": text})["ok"]
    facilitator.call("group:rename", {"group_id": ann_ack["participant"]["group_id"], "name": "Blue"})

    server.kill()
    server.start()
    ann.wait_connects(2)
    again = ann.call("join", {"code": workshop["code"], "token": ann_ack["participant"]["token"]})
    assert again["participant"]["id"] == ann_ack["participant"]["id"]
    assert again["participant"]["group"]["name"] == "Blue"
    assert again["state"]["workshop"]["phase"] == "collect"
    assert sorted(c["text"] for c in again["state"]["cards"]) == sorted(texts)
    db = sqlite3.connect(server.db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 20
    assert db.execute("SELECT COUNT(*) FROM participants").fetchone()[0] == 1


def test_rejoin_with_token_after_a_dropped_connection_is_the_same_person(server, clients):
    workshop = server.create_workshop(blind_writing=False)
    ann, ack = enter(server, clients, workshop, "Ann")
    ann.disconnect()
    fresh = clients()
    again = fresh.call("join", {"code": workshop["code"], "token": ack["participant"]["token"]})
    assert again["participant"]["id"] == ack["participant"]["id"]
    facilitator = facilitate(clients, workshop)
    assert len(facilitator.call("sync", {})["state"]["participants"]) == 1


def test_bad_input_gets_its_error_over_a_real_connection(server, clients):
    workshop = server.create_workshop(blind_writing=False)
    facilitator = facilitate(clients, workshop)
    ann, _ = enter(server, clients, workshop, "Ann")
    facilitator.call("phase:set", {"phase": "collect"})
    cases = [
        ("card:add", {"id": new_id(), "column": "start"}, "invalid"),
        ("card:add", {"id": new_id(), "column": "start", "text": "x" * 501}, "invalid"),
        ("card:add", {"id": new_id(), "column": "start", "text": ["x"]}, "invalid"),
        ("card:add", {"id": new_id(), "column": "someday", "text": "x"}, "invalid"),
        ("phase:set", {"phase": "vote"}, "forbidden"),
    ]
    for event, payload, code in cases:
        ack = ann.call(event, payload)
        assert ack["ok"] is False and ack["error"]["code"] == code, (event, ack)
    # A wrong code from a newcomer's connection (Ann's has joined: a second identity there is throttled).
    eve = clients().call("join", {"code": "ZZZZZZ", "name": "Eve"})
    assert eve["ok"] is False and eve["error"]["code"] == "not_found", eve
    bo = clients()
    ann_card = new_id()
    ann.call("card:add", {"id": ann_card, "column": "start", "text": "Ann's"})
    assert bo.call("join", {"code": workshop["code"], "name": "Bo"})["ok"]
    assert bo.call("card:edit", {"id": ann_card, "text": "mine"})["error"]["code"] == "not_your_card"
    state = facilitator.call("sync", {})["state"]
    assert [c["text"] for c in state["cards"]] == ["Ann's"] and state["workshop"]["phase"] == "collect"


def test_long_polling_works_when_websockets_are_blocked(server, clients):
    workshop = server.create_workshop(blind_writing=False)
    facilitator = facilitate(clients, workshop)
    facilitator.call("phase:set", {"phase": "collect"})
    ann = clients(transports=["polling"])
    assert ann.call("join", {"code": workshop["code"], "name": "Ann"})["ok"]
    assert ann.call("card:add", {"id": new_id(), "column": "start", "text": "over polling"})["ok"]
    facilitator.wait_for("card:added", lambda d: d["card"]["text"] == "over polling")


def test_a_card_at_its_longest_arrives_exactly_as_written(server, clients):
    # What a client sends is masked (RFC 6455); server.py unmasks it (workshop/ws_mask.py).
    from workshop.domain.cards import CARD_MAX
    workshop = server.create_workshop(blind_writing=False, group_size=2)
    facilitator = facilitate(clients, workshop)
    ann, _ = enter(server, clients, workshop, "Ann")
    bo, _ = enter(server, clients, workshop, "Bo")
    facilitator.call("phase:set", {"phase": "collect"})
    text = ("Café ☕ über naïve “quotes” 東京 " * CARD_MAX)[:CARD_MAX - 1] + "!"
    card_id = new_id()
    ack = ann.call("card:add", {"id": card_id, "column": "start", "text": text})
    assert ack["ok"], ack
    assert bo.wait_for("card:added", lambda d: d["card"]["id"] == card_id)["card"]["text"] == text
