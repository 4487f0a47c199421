"""The room view: a read-only screen opened with a view link, never the key."""
from __future__ import annotations

import pytest

from tests.conftest import new_id
from tests.socket.fuzz_support import database_digest
from tests.socket.test_groups_cluster_vote import AllHands
from tests.socket.test_join_grace import Clock
from tests.socket.test_security import ANYTHING, FACILITATOR_ONLY, PARTICIPANT_ONLY
from workshop.realtime.doorway import Doorway
from workshop.realtime.join import turn_away


@pytest.fixture
def watcher(app, socketio):
    def connect(workshop: dict, view: str):
        client = socketio.test_client(app)
        ack = client.emit("watch", {"workshop_id": workshop["id"], "view": view}, callback=True)
        return client, ack
    return connect


def room_link(facilitator) -> dict:
    ack = facilitator.call("room:link")
    assert ack["ok"], ack
    return ack


def last_room(client) -> dict:
    rooms = [m["args"][0]["room"] for m in client.get_received() if m["name"] == "room:changed"]
    assert rooms, "no room:changed arrived"
    return rooms[-1]


def test_the_facilitator_gets_a_room_link_that_is_not_the_key(collecting):
    workshop, facilitator = collecting()
    link = room_link(facilitator)
    assert link["path"] == f"/room/{workshop['id']}#view={link['view']}"
    assert workshop["facilitator_key"] not in link["path"]


def test_a_participant_cannot_get_the_room_link(collecting, join):
    workshop, _ = collecting()
    assert join(workshop).call("room:link")["error"]["code"] == "forbidden"


def test_the_view_link_opens_the_room_and_nothing_else(collecting, watcher, make_workshop):
    workshop, facilitator = collecting()
    view = room_link(facilitator)["view"]
    _, ack = watcher(workshop, view)
    assert ack["ok"] and ack["state"]["room"]["workshop"]["title"] == "Retro"
    other = make_workshop("Other")
    assert watcher(other, view)[1]["error"]["code"] == "bad_token"
    assert watcher(workshop, view[:-2] + "xx")[1]["error"]["code"] == "bad_token"
    assert watcher(workshop, workshop["facilitator_key"])[1]["error"]["code"] == "bad_token"


def test_a_watcher_may_send_no_change(app, collecting, join, watcher):
    workshop, facilitator = collecting()
    ann = join(workshop)
    client, _ = watcher(workshop, room_link(facilitator)["view"])
    edge = app.extensions["bowtie"]
    before = database_digest(edge.store.db)
    # Every change event there is, written out (a new one must be listed here too).
    member = ["sync", "cluster:create", "cluster:add", "cluster:take_out", "cluster:rename", "cluster:merge",
              "cluster:delete", "clusters:suggest", "notes:edit", "action:save", "action:delete"]
    for name in FACILITATOR_ONLY + PARTICIPANT_ONLY + member + ["room:link"]:
        ack = client.emit(name, {**ANYTHING, "participant_id": ann.id, "group_id": ann.group_id}, callback=True)
        assert ack["error"]["code"] == "not_joined", name
    assert database_digest(edge.store.db) == before


def test_the_room_counts_writers_but_never_reads_a_blind_card(make_workshop, facilitator_of, join, watcher):
    workshop = make_workshop(blind_writing=True, group_size=3)
    facilitator = facilitator_of(workshop)
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    client, _ = watcher(workshop, room_link(facilitator)["view"])
    ann, bob = join(workshop, "Ann"), join(workshop, "Bob")
    client.get_received()
    assert ann.add_card("Secret plan for Friday")["ok"]
    heard = client.get_received()
    room = [m["args"][0]["room"] for m in heard if m["name"] == "room:changed"][-1]
    assert room["groups"] == [{"id": ann.group_id, "name": room["groups"][0]["name"], "members": 2,
                               "writers": 1, "cards": 1, "shown": []}]
    assert "Secret plan" not in str(heard)
    assert ann.id not in str(heard) and bob.id not in str(heard)


def test_the_room_shows_cards_only_when_the_facilitator_chooses(collecting, join, watcher):
    workshop, facilitator = collecting()
    client, _ = watcher(workshop, room_link(facilitator)["view"])
    ann = join(workshop, "Ann")
    assert ann.add_card("Weekly demo")["ok"]
    assert "Weekly demo" not in str(last_room(client))  # counts by default
    assert facilitator.call("settings:change", {"settings": {"room_cards": True}})["ok"]
    shown = last_room(client)["groups"][0]["shown"]
    assert shown == [{"column": "start", "text": "Weekly demo"}]
    assert ann.id not in str(shown)  # never the author
    assert facilitator.call("settings:change", {"settings": {"room_cards": False}})["ok"]
    assert last_room(client)["groups"][0]["shown"] == []


def test_shown_on_the_room_screen_a_blind_card_stays_a_count_until_its_group_is_revealed(
        make_workshop, facilitator_of, join, watcher):
    workshop = make_workshop(blind_writing=True)
    facilitator = facilitator_of(workshop)
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    assert facilitator.call("settings:change", {"settings": {"room_cards": True}})["ok"]
    client, _ = watcher(workshop, room_link(facilitator)["view"])
    ann = join(workshop, "Ann")
    client.get_received()
    assert ann.add_card("Secret plan for Friday")["ok"]
    heard = client.get_received()
    assert "Secret plan" not in str(heard)
    assert [g["cards"] for g in last_room_of(heard)["groups"]] == [1]
    assert facilitator.call("cards:reveal", {"group_id": ann.group_id})["ok"]
    assert last_room(client)["groups"][0]["shown"] == [{"column": "start", "text": "Secret plan for Friday"}]


def last_room_of(heard: list[dict]) -> dict:
    return [m["args"][0]["room"] for m in heard if m["name"] == "room:changed"][-1]


def test_a_watcher_hears_only_the_room(collecting, join, watcher):
    workshop, facilitator = collecting()
    client, _ = watcher(workshop, room_link(facilitator)["view"])
    ann = join(workshop)
    ann.add_card("Weekly demo")
    assert {m["name"] for m in client.get_received()} == {"room:changed"}


def test_the_room_shows_a_closed_votes_ranking_and_how_many_voted(board, watcher):
    made = board()
    facilitator = made.facilitator
    client, _ = watcher(made.workshop, room_link(facilitator)["view"])
    made.to_phase("vote")
    assert facilitator.call("vote:open", {"id": new_id()})["ok"]
    ann = made.people[0]
    item = ann.call("sync", {})["state"]["vote"]["items"][0]
    assert ann.call("dot:place", {"id": new_id(), "item_id": item["id"]})["ok"]
    room = last_room(client)
    assert (room["vote"]["status"], room["vote"]["voters"], room["vote"]["members"]) == ("open", 1, 3)
    assert room["vote"]["ranking"] is None
    assert facilitator.call("vote:close", {})["ok"]
    ranking = last_room(client)["vote"]["ranking"]
    assert ranking[0] == {"name": item["name"], "dots": 1, "rank": 1}


def test_the_room_page_opens_for_a_workshop_and_holds_no_key(http, make_workshop):
    workshop = make_workshop("Retro")
    page = http.get(f"/room/{workshop['id']}")
    assert page.status_code == 200
    assert workshop["facilitator_key"] not in page.get_data(as_text=True)
    assert http.get("/room/" + "0" * 32).status_code == 404


def test_in_a_cluster_step_in_groups_the_room_sees_each_groups_clusters_grow(make_workshop, facilitator_of, join,
                                                                             watcher):
    hands = AllHands(make_workshop, facilitator_of, join)
    client, _ = watcher(hands.workshop, room_link(hands.facilitator)["view"])
    hands.go("cluster")
    group_id = hands.group_ids()[0]
    member = hands.groups[group_id][0]
    ack = member.call("cluster:create", {"id": new_id(), "name": "Ideas", "card_ids": hands.cards[group_id][:2]})
    assert ack["ok"], ack
    room = last_room(client)
    assert room["step"]["kind"] == "cluster"
    assert [(c["name"], c["group_id"], c["cards"]) for c in room["clusters"]] == [("Ideas", group_id, 2)]
    assert "idea 0" not in str(room)  # counts, not card text


def test_a_room_view_is_not_turned_away_as_an_idle_session_but_a_bad_pass_buys_no_time(app, collecting, watcher):
    workshop, facilitator = collecting()
    clock = Clock()
    app.extensions["bowtie"].doorway = Doorway(30.0, clock=clock)
    projector, _ = watcher(workshop, room_link(facilitator)["view"])
    guesser, ack = watcher(workshop, "not-a-pass")
    assert not ack["ok"]
    clock.now += 3600
    turn_away(app.extensions["bowtie"])
    assert projector.is_connected() and not guesser.is_connected()


def test_once_committed_the_vision_stays_in_the_room_view_of_the_later_steps(make_workshop, facilitator_of, join,
                                                                              watcher):
    workshop = make_workshop(blind_writing=False)
    facilitator = facilitator_of(workshop)
    vision, pillars = new_id(), new_id()
    assert facilitator.call("agenda:add", {"id": vision, "kind": "statements", "position": 1,
                                           "settings": {"subject": "vision"}})["ok"]
    assert facilitator.call("agenda:add", {"id": pillars, "kind": "pillars", "position": 2, "works_on": vision})["ok"]
    assert facilitator.call("agenda:go", {"step_id": vision})["ok"]
    ann = join(workshop, "Ann")
    client, _ = watcher(workshop, room_link(facilitator)["view"])
    facilitator.call("statements:sentence", {"text": "Customers stay forever", "version": 0})
    round_id = facilitator.call("statements:poll", {"poll_id": new_id()})["poll"]["rounds"][-1]["id"]
    ann.call("poll:answer", {"round_id": round_id, "level": 90})
    facilitator.call("poll:close", {"round_id": round_id})
    assert facilitator.call("agenda:go", {"step_id": pillars})["ok"]
    room = last_room(client)
    assert room["step"]["kind"] == "pillars"
    assert (room["vision"], room["purpose"]) == ("Customers stay forever", None)
    assert ann.call("sync", {})["state"]["vision"] == "Customers stay forever"


def test_the_room_shows_the_sentences_own_poll_in_place_never_an_earlier_one(make_workshop, facilitator_of, join,
                                                                              watcher):
    workshop = make_workshop(blind_writing=False)
    facilitator = facilitator_of(workshop)
    ann = join(workshop, "Ann")
    earlier = facilitator.call("poll:open", {"id": new_id(), "proposal": "Meet monthly"})
    assert earlier["ok"], earlier
    assert facilitator.call("poll:close", {"round_id": earlier["poll"]["rounds"][-1]["id"]})["ok"]
    step = new_id()
    assert facilitator.call("agenda:add", {"id": step, "kind": "statements", "position": 1,
                                           "settings": {"subject": "vision"}})["ok"]
    assert facilitator.call("agenda:go", {"step_id": step})["ok"]
    client, _ = watcher(workshop, room_link(facilitator)["view"])
    facilitator.call("statements:sentence", {"text": "Customers stay forever", "version": 0})
    assert last_room(client)["statements"]["poll"] is None
    round_id = facilitator.call("statements:poll", {"poll_id": new_id()})["poll"]["rounds"][-1]["id"]
    ann.call("poll:answer", {"round_id": round_id, "level": 60, "reason": "Too vague"})
    shown = last_room(client)["statements"]["poll"]
    assert (shown["proposal"], shown["open"], shown["answered"]) == ("Customers stay forever", True, 1)
    assert "distribution" not in shown
    facilitator.call("poll:close", {"round_id": round_id})
    assert last_room(client)["statements"]["poll"]["result"] == "not_yet"
