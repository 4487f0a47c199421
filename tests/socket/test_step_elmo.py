"""Elmos on the running step (statements, pillars, OKRs, decide: steps with no topics)."""
from __future__ import annotations

import pytest

from tests.conftest import new_id


class Room:
    """Four participants and a facilitator; the facilitator adds a step of ``kind``
    and runs it, and everyone says "I'm here" in it (four present: threshold two)."""

    def __init__(self, make_workshop, facilitator_of, join, kind: str):
        self.workshop = make_workshop()
        self.facilitator = facilitator_of(self.workshop)
        self.people = [join(self.workshop, name) for name in ("Ann", "Bob", "Cy", "Dee")]
        self.step_id, pillars = new_id(), new_id()
        if kind == "okrs":  # OKRs work on a pillars step
            assert self.facilitator.call("agenda:add", {"id": pillars, "kind": "pillars", "position": 1})["ok"]
        extra = {"works_on": pillars} if kind == "okrs" else {}
        ack = self.facilitator.call("agenda:add", {"id": self.step_id, "kind": kind, "position": 2, **extra})
        assert ack["ok"], ack
        assert self.facilitator.call("agenda:go", {"step_id": self.step_id})["ok"]
        for person in self.people:
            assert person.call("presence:confirm")["ok"]
        for person in (self.facilitator, *self.people):
            person.received()

    def throw(self, person, event: str = "step:elmo") -> dict:
        return person.call(event, {"step_id": self.step_id})


@pytest.fixture
def room_in(make_workshop, facilitator_of, join):
    return lambda kind: Room(make_workshop, facilitator_of, join, kind)


@pytest.mark.parametrize("kind", ["statements", "pillars", "okrs", "decide"])
def test_an_elmo_is_thrown_on_each_step_with_no_topics(room_in, kind):
    room = room_in(kind)
    ack = room.throw(room.people[0])
    assert ack["ok"], ack
    assert ack["elmo"] == {"step_id": room.step_id, "mine": True, "count": 1, "threshold": 2, "present": 4,
                           "move_on": False}


def test_a_retried_throw_counts_once_and_is_announced_once(room_in):
    room = room_in("pillars")
    assert room.throw(room.people[0])["elmo"]["count"] == 1
    assert room.throw(room.people[0])["elmo"]["count"] == 1
    assert [m["elmo"]["count"] for m in room.facilitator.received("step:elmo_changed")] == [1]


def test_an_elmo_is_taken_back_and_a_retried_withdraw_changes_nothing(room_in):
    room = room_in("pillars")
    room.throw(room.people[0])
    assert room.throw(room.people[0], "step:elmo_withdraw")["elmo"] == {
        "step_id": room.step_id, "mine": False, "count": 0, "threshold": 2, "present": 4, "move_on": False}
    assert room.throw(room.people[0], "step:elmo_withdraw")["elmo"]["count"] == 0
    assert [m["elmo"]["count"] for m in room.facilitator.received("step:elmo_changed")] == [1, 0]


def test_the_threshold_reached_tells_the_facilitator_to_move_on(room_in):
    room = room_in("statements")
    room.throw(room.people[0])
    assert not room.facilitator.received("step:elmo_changed")[-1]["elmo"]["move_on"]
    room.throw(room.people[1])
    heard = room.facilitator.received("step:elmo_changed")[-1]
    assert heard["step_id"] == room.step_id and heard["seq"]
    assert heard["elmo"] == {"count": 2, "threshold": 2, "present": 4, "move_on": True}


def test_the_count_never_passes_the_people_who_threw_one(room_in):
    room = room_in("pillars")
    for person in room.people:
        room.throw(person)
        room.throw(person)
    assert room.throw(room.people[0])["elmo"]["count"] == 4


def test_the_snapshot_after_a_reconnect_holds_the_count_and_ones_own_elmo(room_in, join):
    room = room_in("okrs")
    room.throw(room.people[0])
    room.people[0].client.disconnect()
    back = join(room.workshop, token=room.people[0].ack["participant"]["token"])
    assert back.ack["state"]["step_elmo"] == {"step_id": room.step_id, "mine": True,
                                              "elmo": {"count": 1, "threshold": 2, "present": 4, "move_on": False}}
    other = join(room.workshop, token=room.people[1].ack["participant"]["token"])
    assert other.ack["state"]["step_elmo"]["mine"] is False


def test_no_step_elmo_where_the_step_does_not_grant_one(room_in):
    room = room_in("collect")
    ack = room.throw(room.people[0])
    assert ack["error"]["code"] == "wrong_phase"
    assert room.facilitator.ack["state"]["step_elmo"] is None


def test_in_a_discussion_the_elmo_goes_on_the_topic(room_in):
    room = room_in("pillars")
    steps = room.facilitator.ack["state"]["agenda"]["steps"]
    discuss = next(s["id"] for s in steps if s["kind"] == "discuss")
    ack = room.facilitator.call("agenda:go", {"step_id": discuss})
    assert ack["ok"] and ack["agenda"]["current"] == discuss, ack
    assert room.people[0].call("step:elmo", {"step_id": discuss})["error"]["code"] == "elmo_on_topic"


def test_an_elmo_on_a_step_not_running_is_refused(room_in):
    room = room_in("pillars")
    assert room.people[0].call("step:elmo", {"step_id": new_id()})["error"]["code"] == "not_running_step"


@pytest.mark.parametrize("event", ["step:elmo", "step:elmo_withdraw"])
def test_only_participants_throw_elmos(room_in, event):
    room = room_in("pillars")
    assert room.facilitator.call(event, {"step_id": room.step_id})["ok"] is False


def test_a_bad_step_id_gets_its_error(room_in):
    room = room_in("pillars")
    assert room.people[0].call("step:elmo", {"step_id": 7})["error"]["code"] == "invalid"


def test_the_summary_counts_step_elmos_one_per_person(room_in, http):
    room = room_in("pillars")
    for event in ("step:elmo", "step:elmo_withdraw", "step:elmo"):
        assert room.throw(room.people[0], event)["ok"]
    assert room.throw(room.people[1])["ok"]
    summary = http.get(f"/api/workshops/{room.workshop['id']}/summary",
                       headers={"Authorization": f"Bearer {room.workshop['facilitator_key']}"}).json["summary"]
    (step,) = summary["step_elmos"]
    assert step["step_id"] == room.step_id and step["elmos"] == 2 and len(step["elmo_log"]) == 3
    assert summary["analytics"]["elmos"] == 2


def test_the_facilitator_lowers_a_steps_elmo_threshold_and_the_room_sees_it_at_once(room_in):
    room = room_in("pillars")
    room.throw(room.people[0])
    room.people[1].received()
    ack = room.facilitator.call("agenda:settings", {"step_id": room.step_id, "settings": {"elmo_percent": 25}})
    assert ack["ok"], ack
    (heard,) = room.people[1].received("step:elmo_changed")
    assert heard["elmo"] == {"count": 1, "threshold": 1, "present": 4, "move_on": True}
    assert room.people[1].call("sync", {})["state"]["step_elmo"]["elmo"]["threshold"] == 1


def test_a_steps_other_settings_do_not_announce_its_elmos_again(room_in):
    room = room_in("okrs")
    room.throw(room.people[0])
    room.people[1].received()
    ack = room.facilitator.call("agenda:settings", {"step_id": room.step_id, "settings": {"elmo_percent": 50}})
    assert ack["ok"], ack
    assert room.people[1].received("step:elmo_changed") == []


@pytest.mark.parametrize("percent", [10, 101, 0.5, "half"])
def test_an_elmo_threshold_outside_a_quarter_to_all_gets_its_error(room_in, percent):
    room = room_in("statements")
    ack = room.facilitator.call("agenda:settings", {"step_id": room.step_id, "settings": {"elmo_percent": percent}})
    assert ack["error"]["code"] == "invalid" and "Elmo threshold" in ack["error"]["message"]
