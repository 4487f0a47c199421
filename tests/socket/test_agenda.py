"""The agenda over Socket.IO: every workshop has one, the facilitator edits and
runs it, every screen follows, and phases still work for clients that know no steps."""
from __future__ import annotations

import pytest

from tests.conftest import new_id
from workshop.domain.workshop import PHASES


def steps_of(ack_or_state: dict) -> list[dict]:
    return ack_or_state["agenda"]["steps"]


def step_of_kind(agenda: dict, kind: str) -> dict:
    return next(s for s in agenda["steps"] if s["kind"] == kind)


@pytest.fixture
def room(make_workshop, facilitator_of, join):
    workshop = make_workshop(blind_writing=False)
    facilitator = facilitator_of(workshop)
    ann = join(workshop, "Ann")
    return workshop, facilitator, ann


def test_a_new_workshop_runs_the_team_retrospective_from_its_lobby(room):
    _, facilitator, ann = room
    agenda = ann.ack["state"]["agenda"]
    assert [s["kind"] for s in agenda["steps"]] == list(PHASES)
    assert agenda["current"] == step_of_kind(agenda, "lobby")["id"]
    assert facilitator.ack["state"]["agenda"] == agenda


def test_adding_a_step_reaches_every_screen_and_a_retry_adds_nothing(room):
    _, facilitator, ann = room
    step = {"id": new_id(), "kind": "vote", "title": "Vote again", "position": 4}
    ack = facilitator.call("agenda:add", step)
    assert ack["ok"], ack
    assert [s["title"] for s in steps_of(ack)][4] == "Vote again"
    assert [e["agenda"] for e in ann.received("agenda:changed")] == [ack["agenda"]]
    again = facilitator.call("agenda:add", step)
    assert again["ok"] and again["agenda"] == ack["agenda"]
    assert ann.received("agenda:changed") == []


def test_phase_set_goes_to_the_step_of_that_kind(room):
    _, facilitator, ann = room
    ack = facilitator.call("phase:set", {"phase": "collect"})
    assert ack == {"ok": True, "phase": "collect"}
    changed = ann.received("agenda:changed")[-1]["agenda"]
    collect = step_of_kind(changed, "collect")
    assert changed["current"] == collect["id"] and collect["state"] == "running"
    assert step_of_kind(changed, "lobby")["state"] == "done"


def test_going_to_a_step_moves_the_workshop_to_its_phase(room):
    _, facilitator, ann = room
    agenda = facilitator.ack["state"]["agenda"]
    ack = facilitator.call("agenda:go", {"step_id": step_of_kind(agenda, "vote")["id"]})
    assert ack["ok"] and ack["phase"] == "vote"
    assert [e["phase"] for e in ann.received("phase:changed")] == ["vote"]
    assert ann.call("sync", {})["state"]["workshop"]["phase"] == "vote"


def test_a_step_another_step_works_on_cannot_be_removed(room):
    _, facilitator, ann = room
    facilitator.call("phase:set", {"phase": "collect"})
    assert ann.add_card("Weekly demos")["ok"]
    agenda = facilitator.call("sync", {})["state"]["agenda"]
    collect = step_of_kind(agenda, "collect")
    facilitator.call("phase:set", {"phase": "cluster"})
    cluster = step_of_kind(agenda, "cluster")
    facilitator.call("agenda:go", {"step_id": step_of_kind(agenda, "lobby")["id"]})
    assert facilitator.call("agenda:works_on", {"step_id": cluster["id"], "works_on": collect["id"]})["ok"]
    refused = facilitator.call("agenda:remove", {"step_id": collect["id"]})
    assert refused["error"]["code"] == "bad_reference"  # the cluster step works on it


def test_removing_a_step_that_holds_data_needs_confirmation(room):
    _, facilitator, ann = room
    extra = {"id": new_id(), "kind": "collect", "title": "Second round"}
    facilitator.call("agenda:add", {**extra, "position": 2})
    facilitator.call("agenda:go", {"step_id": extra["id"]})
    assert ann.add_card("Another idea")["ok"]
    facilitator.call("phase:set", {"phase": "lobby"})
    refused = facilitator.call("agenda:remove", {"step_id": extra["id"]})
    assert refused["error"]["code"] == "confirm_needed"
    removed = facilitator.call("agenda:remove", {"step_id": extra["id"], "confirm": True})
    assert removed["ok"]
    assert extra["id"] not in [s["id"] for s in steps_of(removed)]
    assert [s["id"] for s in removed["agenda"]["removed"]] == [extra["id"]]


@pytest.mark.parametrize("payload, code", [
    ({"id": "s1", "kind": "brainstorm"}, "unknown_step_kind"),
    ({"id": "s1", "kind": "vote", "position": 0}, "bad_reference"),  # nothing before it to vote on
    ({"id": "s1", "kind": "collect", "planned_minutes": 481}, "invalid"),
    ({"id": "s1", "kind": "collect", "settings": {"card_template": "nope"}}, "invalid"),
    ({"id": "s1", "kind": "collect", "settings": {"colour": "red"}}, "invalid"),
])
def test_bad_steps_are_refused_and_change_nothing(room, payload, code):
    _, facilitator, ann = room
    before = facilitator.call("sync", {})["state"]["agenda"]
    ack = facilitator.call("agenda:add", payload)
    assert ack["ok"] is False and ack["error"]["code"] == code, ack
    assert facilitator.call("sync", {})["state"]["agenda"] == before
    assert ann.received("agenda:changed") == []


def test_a_step_that_has_run_cannot_be_moved_past_the_running_one(room):
    _, facilitator, _ann = room
    facilitator.call("phase:set", {"phase": "collect"})
    agenda = facilitator.call("sync", {})["state"]["agenda"]
    lobby = step_of_kind(agenda, "lobby")
    assert facilitator.call("agenda:move", {"step_id": lobby["id"], "position": 3})["error"]["code"] == "step_order"


def test_participants_cannot_edit_or_run_the_agenda(room):
    _, facilitator, ann = room
    agenda = ann.ack["state"]["agenda"]
    for event, payload in [("agenda:add", {"id": new_id(), "kind": "summary"}),
                           ("agenda:go", {"step_id": step_of_kind(agenda, "summary")["id"]}),
                           ("agenda:rename", {"step_id": agenda["current"], "title": "Mine"})]:
        assert ann.call(event, payload)["error"]["code"] == "forbidden"
    assert facilitator.call("sync", {})["state"]["agenda"] == agenda


def test_renaming_and_planning_a_step_are_broadcast(room):
    _, facilitator, ann = room
    step_id = facilitator.ack["state"]["agenda"]["current"]
    facilitator.call("agenda:rename", {"step_id": step_id, "title": "Welcome"})
    ack = facilitator.call("agenda:plan", {"step_id": step_id, "planned_minutes": 7})
    lobby = next(s for s in steps_of(ack) if s["id"] == step_id)
    assert (lobby["title"], lobby["planned_minutes"]) == ("Welcome", 7)
    assert len(ann.received("agenda:changed")) == 2


def test_the_facilitator_reads_the_timeline_of_the_agenda_and_participants_cannot(room):
    _, facilitator, ann = room
    agenda = facilitator.ack["state"]["agenda"]
    facilitator.call("agenda:plan", {"step_id": agenda["current"], "planned_minutes": 0})
    line = facilitator.call("agenda:timeline", {})["timeline"]
    assert [s["step_id"] for s in line["steps"]] == [s["id"] for s in agenda["steps"]]
    planned = sum(s["planned_minutes"] for s in line["steps"])
    assert line["planned_end"] - line["starts_at"] == planned * 60
    assert line["behind_minutes"] == 0
    assert ann.call("agenda:timeline", {})["error"]["code"] == "forbidden"


def test_a_step_of_a_newer_kind_reports_the_lobby_but_phase_set_lobby_leaves_it(room):
    """Statements, pillars and OKRs stand for no phase: old clients read "lobby" while
    one runs, and asking for the lobby by phase means the lobby step, not that step."""
    _, facilitator, ann = room
    step = {"id": new_id(), "kind": "statements", "title": "Vision", "position": 1}
    assert facilitator.call("agenda:add", step)["ok"]
    ack = facilitator.call("agenda:go", {"step_id": step["id"]})
    assert ack["ok"] and ack["phase"] == "lobby"
    assert facilitator.call("phase:set", {"phase": "lobby"}) == {"ok": True, "phase": "lobby"}
    agenda = ann.call("sync", {})["state"]["agenda"]
    assert agenda["current"] == step_of_kind(agenda, "lobby")["id"]
