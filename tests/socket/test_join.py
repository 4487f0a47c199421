from tests.conftest import new_id


def test_join_returns_participant_token_group_and_state(make_workshop, join):
    workshop = make_workshop("Retro", context="Why we are here")
    ann = join(workshop, "  Ann ", role="Support", experience="some")
    me = ann.ack["participant"]
    assert me["name"] == "Ann" and me["role"] == "Support" and me["token"]
    assert me["group"]["members"][0]["name"] == "Ann"
    state = ann.ack["state"]
    assert state["workshop"]["title"] == "Retro"
    assert state["workshop"]["context"] == "Why we are here"
    assert [c["key"] for c in state["workshop"]["template"]["columns"]] == ["start", "stop", "continue"]
    assert state["cards"] == [] and state["online"] == [me["id"]]


def test_join_code_is_accepted_as_people_type_it(make_workshop, socketio, app):
    workshop = make_workshop()
    typed = f"{workshop['code'][:3].lower()} {workshop['code'][3:].lower()}"
    ack = socketio.test_client(app).emit("join", {"code": typed, "name": "Ann"}, callback=True)
    assert ack["ok"]


def test_rejoining_with_the_token_returns_the_same_person_and_cards(collecting, join, socketio, app):
    workshop, _ = collecting()
    ann = join(workshop, "Ann")
    ann.add_card("Weekly demo")
    ann.client.disconnect()
    again = socketio.test_client(app).emit(
        "join", {"code": workshop["code"], "token": ann.ack["participant"]["token"]}, callback=True)
    assert again["participant"]["id"] == ann.id
    assert [c["text"] for c in again["state"]["cards"]] == ["Weekly demo"]


def test_rejoining_never_creates_a_duplicate(collecting, join, socketio, app, facilitator_of):
    workshop, facilitator = collecting()
    ann = join(workshop, "Ann")
    for _ in range(3):
        again = socketio.test_client(app).emit(
            "join", {"code": workshop["code"], "token": ann.ack["participant"]["token"]}, callback=True)
        assert again["ok"] and again["participant"]["id"] == ann.id
    state = facilitator.call("sync", {})["state"]
    assert [p["name"] for p in state["participants"]] == ["Ann"]


def test_people_fill_groups_up_to_the_group_size(make_workshop, join, facilitator_of):
    workshop = make_workshop(group_size=3)
    people = [join(workshop, f"P{i}") for i in range(7)]
    groups = {p.group_id for p in people}
    assert len(groups) == 3
    state = facilitator_of(workshop).call("sync", {})["state"]
    sizes = sorted(sum(1 for p in state["participants"] if p["group_id"] == g["id"]) for g in state["groups"])
    assert sizes == [1, 3, 3]


def test_group_members_see_each_other_arrive(make_workshop, join):
    workshop = make_workshop()
    ann = join(workshop, "Ann")
    join(workshop, "Bo")
    arrivals = ann.received("participant:joined")
    assert [a["participant"]["name"] for a in arrivals] == ["Bo"]
    assert arrivals[0]["seq"] > 0


def test_presence_follows_connections(make_workshop, join):
    workshop = make_workshop()
    ann = join(workshop, "Ann")
    bo = join(workshop, "Bo")
    assert ann.received("presence")[-1] == {"participant_id": bo.id, "online": True}
    bo.client.disconnect()
    assert ann.received("presence") == [{"participant_id": bo.id, "online": False}]


def test_a_newcomer_hears_who_is_online_in_its_ack_and_not_its_own_arrival(app, socketio, make_workshop, join):
    workshop = make_workshop()
    ann = join(workshop, "Ann")
    bo = socketio.test_client(app)
    ack = bo.emit("join", {"code": workshop["code"], "name": "Bo"}, callback=True)
    assert sorted(ack["state"]["online"]) == sorted([ann.id, ack["participant"]["id"]])
    assert [m for m in bo.get_received() if m["name"] == "presence"] == []
    assert ann.received("presence") == [{"participant_id": ack["participant"]["id"], "online": True}]


def test_facilitators_hear_presence_as_a_diff_and_never_each_person(collecting, join):
    workshop, facilitator = collecting(group_size=2)

    def heard() -> dict[str, list]:
        messages = facilitator.client.get_received()
        return {name: [m["args"][0] for m in messages if m["name"] == name] for name in ("presence", "presence:diff")}
    ann = join(workshop, "Ann")
    bo = join(workshop, "Bo")
    assert heard() == {"presence": [], "presence:diff": [{"online": [ann.id], "offline": []},
                                                         {"online": [bo.id], "offline": []}]}
    bo.client.disconnect()
    assert heard() == {"presence": [], "presence:diff": [{"online": [], "offline": [bo.id]}]}


def test_facilitator_sees_everyone_and_every_card(collecting, join):
    workshop, facilitator = collecting(group_size=2)
    people = [join(workshop, name) for name in ("Ann", "Bo", "Cy")]
    for person in people:
        person.add_card(f"from {person.ack['participant']['name']}")
    state = facilitator.call("sync", {})["state"]
    assert state["role"] == "facilitator"
    assert len(state["participants"]) == 3 and len(state["groups"]) == 2
    assert sorted(c["text"] for c in state["cards"]) == ["from Ann", "from Bo", "from Cy"]


def test_sync_since_returns_only_missed_events_in_order(collecting, join):
    workshop, facilitator = collecting()
    ann = join(workshop, "Ann")
    bo = join(workshop, "Bo")
    since = bo.call("sync", {})["state"]["seq"]
    ann.add_card("one")
    ann.add_card("two")
    missed = bo.call("sync", {"since": since})["events"]
    assert [(e["event"], e["data"]["card"]["text"]) for e in missed] == [("card:added", "one"), ("card:added", "two")]
    assert missed[0]["data"]["seq"] < missed[1]["data"]["seq"]


def test_sync_gives_a_snapshot_after_a_phase_change(collecting, join):
    workshop, facilitator = collecting()
    ann = join(workshop, "Ann")
    since = ann.call("sync", {})["state"]["seq"]
    facilitator.call("phase:set", {"phase": "cluster"})
    reply = ann.call("sync", {"since": since})
    assert reply["state"]["workshop"]["phase"] == "cluster"
    assert "events" not in reply


def test_a_reconnecting_participant_gets_what_it_missed_not_a_snapshot(collecting, join, socketio, app):
    # A reconnect storm: thousands of these at once, each a snapshot of every card before.
    workshop, _ = collecting()
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    since = bo.call("sync", {})["state"]["seq"]
    bo.client.disconnect()
    ann.add_card("while Bo was away")
    again = socketio.test_client(app).emit(
        "join", {"code": workshop["code"], "token": bo.ack["participant"]["token"], "since": since}, callback=True)
    assert "state" not in again
    assert [(e["event"], e["data"]["card"]["text"]) for e in again["events"]] == [("card:added", "while Bo was away")]
    assert again["participant"]["id"] == bo.id and again["participant"]["token"]
    assert sorted(m["name"] for m in again["participant"]["group"]["members"]) == ["Ann", "Bo"]
    assert sorted(again["online"]) == sorted([ann.id, bo.id])


def test_a_reconnecting_participant_gets_a_snapshot_when_it_missed_a_wholesale_change(collecting, join, socketio,
                                                                                       app):
    workshop, facilitator = collecting()
    bo = join(workshop, "Bo")
    since = bo.call("sync", {})["state"]["seq"]
    bo.client.disconnect()
    facilitator.call("phase:set", {"phase": "cluster"})
    again = socketio.test_client(app).emit(
        "join", {"code": workshop["code"], "token": bo.ack["participant"]["token"], "since": since}, callback=True)
    assert again["state"]["workshop"]["phase"] == "cluster" and "events" not in again


def test_facilitate_with_a_wrong_key_is_forbidden(make_workshop, socketio, app):
    workshop = make_workshop()
    client = socketio.test_client(app)
    ack = client.emit("facilitate", {"workshop_id": workshop["id"], "key": "guess"}, callback=True)
    assert ack == {"ok": False, "error": {"code": "forbidden", "message": "that facilitator key does not open this workshop"}}
    # The connection stays usable.
    assert client.emit("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]}, callback=True)["ok"]


def test_events_before_joining_are_refused(socketio, app):
    client = socketio.test_client(app)
    ack = client.emit("card:add", {"id": new_id(), "column": "start", "text": "hi"}, callback=True)
    assert ack["error"]["code"] == "not_joined"


def test_coming_back_with_a_token_is_a_read_that_never_waits_for_the_writer(collecting, join, socketio, app):
    """A reconnect storm is thousands of these: none may queue behind a commit."""
    workshop, _ = collecting()
    ann = join(workshop, "Ann")
    ann.client.disconnect()
    writer = app.extensions["bowtie"].store.db.conn
    written: list[str] = []
    writer.set_trace_callback(written.append)
    try:
        again = socketio.test_client(app).emit(
            "join", {"code": workshop["code"], "token": ann.ack["participant"]["token"]}, callback=True)
    finally:
        writer.set_trace_callback(None)
    assert again["ok"] and again["participant"]["id"] == ann.id
    assert written == []
