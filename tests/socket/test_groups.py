import pytest

from tests.conftest import new_id
from workshop.store import people, workshops

FACILITATOR_EVENTS = [
    ("phase:set", {"phase": "vote"}),
    ("settings:change", {"settings": {"blind_writing": False}}),
    ("groups:form", {"method": "random"}),
    ("participant:move", {"participant_id": "x", "group_id": None}),
    ("group:rename", {"group_id": "x", "name": "Mine"}),
    ("participant:remove", {"participant_id": "x"}),
    ("cards:reveal", {}),
]


@pytest.mark.parametrize("event, payload", FACILITATOR_EVENTS)
def test_a_participant_cannot_send_facilitator_events(make_workshop, join, facilitator_of, event, payload):
    workshop = make_workshop()
    ann = join(workshop, "Ann")
    ack = ann.call(event, payload)
    assert ack == {"ok": False, "error": {"code": "forbidden", "message": "only the facilitator can do that"}}
    state = facilitator_of(workshop).call("sync", {})["state"]
    assert state["workshop"]["phase"] == "lobby" and state["workshop"]["settings"]["blind_writing"] is True


def test_facilitator_cannot_write_cards_as_a_participant(collecting):
    _, facilitator = collecting()
    ack = facilitator.call("card:add", {"id": new_id(), "column": "start", "text": "x"})
    assert ack["error"]["code"] == "forbidden"


def test_balanced_regrouping_mixes_roles_and_moves_sockets(make_workshop, join, facilitator_of):
    workshop = make_workshop(group_size=2, blind_writing=False)
    people = [join(workshop, f"S{i}", role="Support") for i in range(2)] + \
             [join(workshop, f"P{i}", role="Product") for i in range(2)]
    facilitator = facilitator_of(workshop)
    ack = facilitator.call("groups:form", {"method": "balanced", "seed": 1})
    roles_by_group = {}
    for p in ack["participants"]:
        roles_by_group.setdefault(p["group_id"], []).append(p["name"][0])
    assert sorted(sorted(r) for r in roles_by_group.values()) == [["P", "S"], ["P", "S"]]
    for person in people:
        person.received()
    facilitator.call("phase:set", {"phase": "collect"})
    s0 = people[0]
    partner = next(p["name"] for p in ack["participants"]
                   if p["group_id"] == next(q["group_id"] for q in ack["participants"] if q["name"] == "S0")
                   and p["name"] != "S0")
    s0.add_card("hello new group")
    for person in people[1:]:
        got = [m["card"]["text"] for m in person.received("card:added")]
        name = person.ack["participant"]["name"]
        assert got == (["hello new group"] if name == partner else [])


def test_moving_a_participant_by_hand(make_workshop, join, facilitator_of):
    workshop = make_workshop(blind_writing=False)
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    facilitator = facilitator_of(workshop)
    moved = facilitator.call("participant:move", {"participant_id": bo.id, "group_id": None})["participant"]
    assert moved["group_id"] != ann.group_id
    assert bo.call("sync", {})["state"]["group"]["members"] == [moved]
    facilitator.call("phase:set", {"phase": "collect"})
    ann.received(), bo.received()
    ann.add_card("only for my group")
    assert bo.received("card:added") == []


def test_renaming_a_group_reaches_its_members(make_workshop, join, facilitator_of):
    workshop = make_workshop()
    ann = join(workshop, "Ann")
    facilitator = facilitator_of(workshop)
    ack = facilitator.call("group:rename", {"group_id": ann.group_id, "name": "  Blue team "})
    assert ack["group"]["name"] == "Blue team"
    assert ann.received("group:renamed")[0]["group"]["name"] == "Blue team"
    assert facilitator.call("group:rename", {"group_id": ann.group_id, "name": ""})["error"]["code"] == "invalid"
    assert facilitator.call("group:rename", {"group_id": "nope", "name": "X"})["error"]["code"] == "not_found"


def test_a_removed_participant_is_disconnected_and_cannot_rejoin(make_workshop, join, facilitator_of, socketio, app):
    workshop = make_workshop()
    ann = join(workshop, "Ann")
    facilitator = facilitator_of(workshop)
    assert facilitator.call("participant:remove", {"participant_id": ann.id})["ok"]
    assert not ann.client.is_connected()
    again = socketio.test_client(app).emit("join", {"code": workshop["code"], "token": ann.ack["participant"]["token"]},
                                           callback=True)
    assert again["error"]["code"] == "forbidden"
    assert facilitator.call("sync", {})["state"]["participants"] == []


def test_a_token_is_useless_in_another_workshop(make_workshop, join, socketio, app):
    first, second = make_workshop("One"), make_workshop("Two")
    ann = join(first, "Ann")
    ack = socketio.test_client(app).emit("join", {"code": second["code"], "token": ann.ack["participant"]["token"]},
                                         callback=True)
    assert ack["error"]["code"] == "bad_token"


@pytest.mark.parametrize("token", ["", "garbage", "eyJ3IjoiYSIsInAiOiJiIn0.forged.sig"])
def test_altered_or_forged_tokens_are_refused(make_workshop, join, socketio, app, token):
    workshop = make_workshop()
    ack = socketio.test_client(app).emit("join", {"code": workshop["code"], "token": token or "x"}, callback=True)
    assert ack["error"]["code"] == "bad_token"


def test_an_altered_token_is_refused(make_workshop, join, socketio, app):
    workshop = make_workshop()
    token = join(workshop, "Ann").ack["participant"]["token"]
    altered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    ack = socketio.test_client(app).emit("join", {"code": workshop["code"], "token": altered}, callback=True)
    assert ack["error"]["code"] == "bad_token"


def test_unknown_code_and_missing_name_are_clear_errors(make_workshop, socketio, app):
    workshop = make_workshop()
    client = socketio.test_client(app)
    assert client.emit("join", {"code": "ZZZZZZ", "name": "Ann"}, callback=True)["error"]["code"] == "not_found"
    assert client.emit("join", {"code": workshop["code"]}, callback=True)["error"]["code"] == "invalid"
    assert client.emit("join", {"code": workshop["code"], "name": "x" * 41}, callback=True)["error"]["code"] == "invalid"
    assert client.emit("join", {"code": workshop["code"], "name": "Ann"}, callback=True)["ok"]


def test_a_move_made_on_another_worker_is_picked_up_when_the_participant_syncs(collecting, join, app):
    workshop, facilitator = collecting(group_size=2)
    ann, bo, cy, dee = (join(workshop, name) for name in ("Ann", "Bo", "Cy", "Dee"))
    assert ann.group_id == bo.group_id != cy.group_id == dee.group_id
    store = app.extensions["bowtie"].store
    # Another worker's store write: this process's rooms know nothing of it.
    store.write(lambda tx: people.move(tx, workshops.load(tx, workshop["id"]), cy.id, ann.group_id))
    assert cy.call("sync", {})["state"]["group"]["id"] == ann.group_id
    for person in (ann, bo, cy, dee):
        person.received()
    assert ann.add_card("for my new neighbour")["ok"]
    assert dee.add_card("for my old group")["ok"]
    assert [m["card"]["text"] for m in cy.received("card:added")] == ["for my new neighbour"]
    bo.received(), dee.received()
    assert cy.add_card("hello group one")["ok"]
    assert [m["card"]["text"] for m in bo.received("card:added")] == ["hello group one"]
    assert dee.received("card:added") == []


def groups_of(facilitator) -> dict[str, list[str]]:
    """Group name -> its members' names, as the control screen's snapshot has them."""
    state = facilitator.call("sync", {})["state"]
    names = {g["id"]: g["name"] for g in state["groups"]}
    members: dict[str, list[str]] = {name: [] for name in names.values()}
    for p in state["participants"]:
        members[names[p["group_id"]]].append(p["name"])
    return members


def test_regrouping_leaves_no_empty_group(collecting, join):
    workshop, facilitator = collecting(group_size=2)
    people = [join(workshop, name) for name in ("Ann", "Bo", "Cy", "Di")]
    for person in people:
        assert facilitator.call("participant:move", {"participant_id": person.id, "group_id": None})["ok"]
    formed = facilitator.call("groups:form", {"method": "random", "seed": 3})
    assert formed["ok"] and len(formed["groups"]) == 2
    assert sorted(len(m) for m in groups_of(facilitator).values()) == [2, 2]


def test_after_regrouping_cards_follow_their_authors(collecting, join):
    workshop, facilitator = collecting(group_size=2)
    people = [join(workshop, name) for name in ("Ann", "Bo", "Cy", "Di")]
    card = people[0].add_card("Weekly demo")["card"]
    formed = facilitator.call("groups:form", {"method": "random", "seed": 3})
    ann_group = next(p["group_id"] for p in formed["participants"] if p["name"] == "Ann")
    assert ann_group != people[0].group_id  # this seed moves her
    assert facilitator.call("sync", {})["state"]["cards"][0]["group_id"] == ann_group
    for person in people[1:]:
        same = any(p["id"] == person.id and p["group_id"] == ann_group for p in formed["participants"])
        assert [c["id"] for c in person.call("sync", {})["state"]["cards"]] == ([card["id"]] if same else [])


def test_a_card_moves_with_its_author_and_a_move_into_the_same_group_changes_nothing(collecting, join):
    workshop, facilitator = collecting(group_size=2)
    ann, bo, cy = join(workshop, "Ann"), join(workshop, "Bo"), join(workshop, "Cy")
    card = ann.add_card("Weekly demo")["card"]
    facilitator.received()
    stay = facilitator.call("participant:move", {"participant_id": ann.id, "group_id": ann.group_id})
    assert stay["participant"]["group_id"] == ann.group_id
    assert facilitator.received("participant:moved") == []
    assert facilitator.call("participant:move", {"participant_id": ann.id, "group_id": cy.group_id})["ok"]
    assert [c["id"] for c in cy.call("sync", {})["state"]["cards"]] == [card["id"]]
    assert bo.call("sync", {})["state"]["cards"] == []


def test_a_renamed_group_keeps_its_name_and_a_removal_is_heard(make_workshop, join, facilitator_of):
    workshop = make_workshop()
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    facilitator = facilitator_of(workshop)
    assert facilitator.call("group:rename", {"group_id": ann.group_id, "name": "Blue team"})["ok"]
    assert bo.call("sync", {})["state"]["group"]["name"] == "Blue team"
    assert facilitator.call("participant:remove", {"participant_id": ann.id})["ok"]
    assert [m["participant_id"] for m in bo.received("participant:removed")] == [ann.id]


def test_a_reconnecting_control_screen_catches_up_on_facilitators_only_events(make_workshop, join, facilitator_of):
    workshop = make_workshop(group_size=2)
    facilitator = facilitator_of(workshop)
    since = facilitator.call("sync", {})["state"]["seq"]
    ann = join(workshop, "Ann")  # the first group: group:created, for facilitators only
    missed = [e["event"] for e in facilitator.call("sync", {"since": since})["events"]]
    assert missed == ["group:created", "participant:joined"]
    assert "group:created" not in [e["event"] for e in ann.call("sync", {"since": since})["events"]]
