"""Promises of docs/protocol.md that an outside client relies on, checked at the socket."""
from tests.conftest import new_id


def test_a_new_group_is_announced_before_its_first_member(make_workshop, join, facilitator_of):
    workshop = make_workshop()
    facilitator = facilitator_of(workshop)
    ann = join(workshop, "Ann", role="Support", experience="some")
    events = [(m["name"], m["args"][0]) for m in facilitator.client.get_received()]
    names = [name for name, _ in events if name != "presence:diff"]
    assert names == ["group:created", "participant:joined"]
    created, joined = (data for name, data in events if name != "presence:diff")
    assert created == {"group": {"id": ann.group_id, "name": "Group 1", "position": 1, "revealed": False},
                       "seq": created["seq"]}
    assert created["group"]["revealed"] is False  # a boolean, not SQLite's 0 (0 == False in Python)
    assert joined == {"participant": {"id": ann.id, "name": "Ann", "role": "Support", "experience": "some",
                                      "group_id": ann.group_id, "joined_at": joined["participant"]["joined_at"]},
                      "seq": created["seq"] + 1}
    assert isinstance(joined["participant"]["joined_at"], float)


def test_revealed_is_true_or_false_in_snapshots_and_events(make_workshop, join, facilitator_of):
    workshop = make_workshop()
    ann = join(workshop, "Ann")
    facilitator = facilitator_of(workshop)
    assert ann.ack["state"]["group"]["revealed"] is False
    assert facilitator.ack["state"]["groups"][0]["revealed"] is False
    facilitator.call("phase:set", {"phase": "collect"})
    assert facilitator.call("cards:reveal", {})["ok"]
    assert ann.call("sync", {})["state"]["group"]["revealed"] is True
    assert facilitator.call("sync", {})["state"]["groups"][0]["revealed"] is True
    assert facilitator.call("groups:form", {"method": "random", "seed": 1})["groups"][0]["revealed"] is True
    facilitator.received()
    assert facilitator.call("participant:move", {"participant_id": ann.id, "group_id": None})["ok"]
    assert facilitator.received("participant:moved")[0]["group"]["revealed"] is False


def test_sync_since_a_wholesale_events_own_seq_returns_no_events(collecting, join):
    """The event is already counted in that seq: a client that has only heard it
    asks for the snapshot it calls for with `sync {}`."""
    workshop, facilitator = collecting()
    ann = join(workshop, "Ann")
    facilitator.call("phase:set", {"phase": "cluster"})
    changed = ann.received("phase:changed")[0]
    assert changed["resync"] is True
    assert ann.call("sync", {"since": changed["seq"]}) == {"ok": True, "events": []}
    assert ann.call("sync", {"since": changed["seq"] - 1})["state"]["workshop"]["phase"] == "cluster"
    assert ann.call("sync", {})["state"]["seq"] == changed["seq"]


def test_sync_since_beyond_the_servers_seq_gives_a_snapshot(collecting, join):
    workshop, _ = collecting()
    ann = join(workshop, "Ann")
    seq = ann.ack["state"]["seq"]
    reply = ann.call("sync", {"since": seq + 5})
    assert reply["ok"] and reply["state"]["seq"] == seq and "events" not in reply


def test_deleting_a_blind_card_is_heard_by_its_author_and_the_facilitator_only(make_workshop, join, facilitator_of):
    workshop = make_workshop(blind_writing=True)
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    facilitator = facilitator_of(workshop)
    facilitator.call("phase:set", {"phase": "collect"})
    card = ann.add_card("secret")["card"]
    for person in (ann, bo, facilitator):
        person.received()
    assert ann.call("card:delete", {"id": card["id"]}) == {"ok": True, "card_id": card["id"]}
    deleted = {"card_id": card["id"], "group_id": ann.group_id}
    assert [{k: d[k] for k in deleted} for d in ann.received("card:deleted")] == [deleted]
    assert [{k: d[k] for k in deleted} for d in facilitator.received("card:deleted")] == [deleted]
    assert bo.received("card:deleted") == []


def test_deleting_an_unknown_card_acks_ok_and_another_persons_card_is_refused(collecting, join):
    workshop, _ = collecting()
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    card = ann.add_card("mine")["card"]
    unknown = new_id()
    assert bo.call("card:delete", {"id": unknown}) == {"ok": True, "card_id": unknown}
    assert bo.call("card:delete", {"id": card["id"]})["error"]["code"] == "not_your_card"
    assert bo.call("card:delete", {"id": "not-a-uuid"})["error"]["code"] == "invalid"


def test_time_takes_no_payload(app, socketio):
    client = socketio.test_client(app)
    bare = client.emit("time", callback=True)
    ignored = client.emit("time", {"anything": 1}, callback=True)
    assert bare["ok"] and isinstance(bare["server_time"], float)
    assert ignored["ok"] and ignored["server_time"] >= bare["server_time"]
