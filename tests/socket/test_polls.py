"""80%-agree polls over Socket.IO: hidden answers, close, rounds, decisions."""
import json

import pytest

from tests.conftest import new_id


@pytest.fixture
def poll(make_workshop, facilitator_of, join):
    """A workshop with three participants and an open poll."""
    workshop = make_workshop()
    facilitator = facilitator_of(workshop)
    people = [join(workshop, name) for name in ("Ann", "Bob", "Cy")]
    for person in people:  # present: connected and here (docs/protocol.md, "being here")
        assert person.call("presence:confirm")["ok"]
    ack = facilitator.call("poll:open", {"id": new_id(), "proposal": "Release every week"})
    assert ack["ok"], ack
    for person in (facilitator, *people):
        person.received()
    return workshop, facilitator, people, ack["poll"]


def round_of(poll):
    return poll["rounds"][-1]["id"]


def everything(person):
    return json.dumps(person.client.get_received())


def test_answers_stay_hidden_from_everyone_until_close(poll):
    _, facilitator, people, opened = poll
    rid = round_of(opened)
    assert people[0].call("poll:answer", {"round_id": rid, "level": 30, "reason": "Secret worry"})["ok"]
    assert people[1].call("poll:answer", {"round_id": rid, "level": 90})["ok"]
    for watcher in (facilitator, people[2]):
        heard = everything(watcher)
        assert "Secret worry" not in heard and '"level"' not in heard
        assert '"answered": 2' in heard
    snapshot = json.dumps(facilitator.call("sync", {})["state"])
    assert "Secret worry" not in snapshot and '"level"' not in snapshot


def test_control_screen_counts_answers_live(poll):
    _, facilitator, people, opened = poll
    rid = round_of(opened)
    people[0].call("poll:answer", {"round_id": rid, "level": 80})
    people[0].call("poll:answer", {"round_id": rid, "level": 90})  # a change, not a second answer
    people[1].call("poll:answer", {"round_id": rid, "level": 100})
    assert [m["answered"] for m in facilitator.received("poll:answered")] == [1, 2]


def test_below_80_an_answer_needs_a_reason(poll):
    _, _, people, opened = poll
    ack = people[0].call("poll:answer", {"round_id": round_of(opened), "level": 60})
    assert ack["error"]["code"] == "reason_required"


def test_one_answer_below_80_ends_not_yet_with_the_reason_anonymous(poll):
    _, facilitator, people, opened = poll
    rid = round_of(opened)
    people[0].call("poll:answer", {"round_id": rid, "level": 70, "reason": "Too soon for QA"})
    for person in people[1:]:
        person.call("poll:answer", {"round_id": rid, "level": 100})
    facilitator.call("poll:close", {"round_id": rid})
    closed = people[2].received("poll:closed")[-1]["round"]
    assert closed["result"] == "not_yet"
    assert closed["sticking"] == [{"level": 70, "reason": "Too soon for QA"}]
    assert closed["distribution"]["70"] == 1 and closed["distribution"]["100"] == 2


def test_answers_changed_before_close_count_as_changed(poll):
    _, facilitator, people, opened = poll
    rid = round_of(opened)
    assert people[0].call("poll:answer", {"round_id": rid, "level": 40, "reason": "unclear"})["ok"]
    assert people[0].call("poll:answer", {"round_id": rid, "level": 80})["ok"]
    assert people[1].call("poll:answer", {"round_id": rid, "level": 90})["ok"]
    closed = facilitator.call("poll:close", {"round_id": rid})["poll"]["rounds"][-1]
    assert closed["result"] == "commit" and closed["answered"] == 2 and closed["sticking"] == []


def test_no_answer_after_close(poll):
    _, facilitator, people, opened = poll
    rid = round_of(opened)
    facilitator.call("poll:close", {"round_id": rid})
    assert people[0].call("poll:answer", {"round_id": rid, "level": 90})["error"]["code"] == "poll_closed"


def test_nobody_answering_is_not_yet(poll):
    _, facilitator, _, opened = poll
    closed = facilitator.call("poll:close", {"round_id": round_of(opened)})["poll"]["rounds"][-1]
    assert closed["result"] == "not_yet" and closed["answered"] == 0


def test_quorum_of_those_present_is_required(make_workshop, facilitator_of, join):
    workshop = make_workshop()
    facilitator = facilitator_of(workshop)
    people = [join(workshop, f"P{i}") for i in range(4)]
    for person in people:
        assert person.call("presence:confirm")["ok"]
    opened = facilitator.call("poll:open", {"id": new_id(), "proposal": "Adopt pairing", "quorum": 0.75})["poll"]
    for person in people[:2]:
        assert person.call("poll:answer", {"round_id": round_of(opened), "level": 100})["ok"]
    closed = facilitator.call("poll:close", {"round_id": round_of(opened)})["poll"]["rounds"][-1]
    assert (closed["answered"], closed["present"]) == (2, 4)
    assert closed["result"] == "not_yet" and closed["quorum_reached"] is False and closed["needed"] == 3


@pytest.mark.parametrize("answering, result", [(1, "not_yet"), (2, "commit")])
def test_a_quorum_that_is_not_a_whole_number_of_people_rounds_up(poll, answering, result):
    _, facilitator, people, opened = poll  # three present, the default quorum of one half: 1.5 people
    for person in people[:answering]:
        assert person.call("poll:answer", {"round_id": round_of(opened), "level": 100})["ok"]
    closed = facilitator.call("poll:close", {"round_id": round_of(opened)})["poll"]["rounds"][-1]
    assert closed["needed"] == 2 and closed["result"] == result


def test_closing_a_closed_round_again_changes_and_announces_nothing(poll):
    _, facilitator, people, opened = poll
    assert people[0].call("poll:answer", {"round_id": round_of(opened), "level": 100})["ok"]
    first = facilitator.call("poll:close", {"round_id": round_of(opened)})["poll"]
    for person in (facilitator, *people):
        person.received()
    assert people[1].call("poll:answer", {"round_id": round_of(opened), "level": 100})["error"]["code"] \
        == "poll_closed"
    again = facilitator.call("poll:close", {"round_id": round_of(opened)})
    assert again["poll"] == first
    for person in (facilitator, *people):
        assert person.received("poll:closed") == []


def test_a_retried_poll_open_is_answered_with_the_poll_already_opened(poll):
    _, facilitator, people, opened = poll
    retry = facilitator.call("poll:open", {"id": opened["id"], "proposal": "Release every week"})
    assert retry["ok"] and retry["poll"] == opened
    assert people[0].received("poll:opened") == []


def test_a_retried_reword_is_answered_with_the_round_already_asked(poll):
    _, facilitator, people, opened = poll
    assert facilitator.call("poll:close", {"round_id": round_of(opened)})["ok"]
    reword = {"poll_id": opened["id"], "proposal": "Release every two weeks"}
    second = facilitator.call("poll:reword", reword)["poll"]
    people[0].received()
    retry = facilitator.call("poll:reword", reword)
    assert retry["ok"] and retry["poll"] == second and len(second["rounds"]) == 2
    assert people[0].received("poll:opened") == []


def test_reworded_round_keeps_the_first_and_a_commit_becomes_a_decision(poll):
    _, facilitator, people, opened = poll
    rid = round_of(opened)
    people[0].call("poll:answer", {"round_id": rid, "level": 50, "reason": "Too often"})
    facilitator.call("poll:close", {"round_id": rid})
    second = facilitator.call("poll:reword", {"poll_id": opened["id"], "proposal": "Release every two weeks"})
    assert second["ok"] and [r["number"] for r in second["poll"]["rounds"]] == [1, 2]
    for person in people:
        person.call("poll:answer", {"round_id": round_of(second["poll"]), "level": 80})
    facilitator.call("poll:close", {"round_id": round_of(second["poll"])})
    state = people[0].call("sync", {})["state"]["discussion"]
    assert [r["result"] for r in state["polls"][0]["rounds"]] == ["not_yet", "commit"]
    assert state["polls"][0]["committed"] is True
    assert [d["proposal"] for d in state["decisions"]] == ["Release every two weeks"]
    assert facilitator.call("poll:reword", {"poll_id": opened["id"], "proposal": "Daily"})["error"]["code"] == "conflict"


def test_only_one_open_poll_at_a_time(poll):
    _, facilitator, _, _ = poll
    ack = facilitator.call("poll:open", {"id": new_id(), "proposal": "Another"})
    assert ack["error"]["code"] == "conflict"


def test_named_poll_shows_who_is_stuck(make_workshop, facilitator_of, join):
    workshop = make_workshop()
    facilitator = facilitator_of(workshop)
    ann = join(workshop, "Ann")
    opened = facilitator.call("poll:open", {"id": new_id(), "proposal": "X", "anonymous": False})["poll"]
    ann.call("poll:answer", {"round_id": round_of(opened), "level": 0, "reason": "No"})
    closed = facilitator.call("poll:close", {"round_id": round_of(opened)})["poll"]["rounds"][-1]
    assert closed["sticking"] == [{"level": 0, "reason": "No", "name": "Ann"}]


def test_participants_cannot_open_or_close_polls(poll):
    _, _, people, opened = poll
    assert people[0].call("poll:open", {"id": new_id(), "proposal": "Mine"})["error"]["code"] == "forbidden"
    assert people[0].call("poll:close", {"round_id": round_of(opened)})["error"]["code"] == "forbidden"


def test_reload_shows_my_own_open_answer_only(poll, join):
    workshop, _, people, opened = poll
    rid = round_of(opened)
    people[0].call("poll:answer", {"round_id": rid, "level": 60, "reason": "Mine"})
    people[1].call("poll:answer", {"round_id": rid, "level": 90})
    again = join(workshop, token=people[1].ack["participant"]["token"])
    assert again.ack["state"]["discussion"]["my_answers"] == {rid: {"level": 90, "reason": ""}}
    assert "Mine" not in json.dumps(again.ack["state"])


def test_opening_a_poll_puts_the_question_to_everyone(make_workshop, facilitator_of, join):
    workshop = make_workshop()
    facilitator, ann = facilitator_of(workshop), join(workshop, "Ann")
    ann.received()
    opened = facilitator.call("poll:open", {"id": new_id(), "proposal": "Pair on every story"})["poll"]
    assert opened["committed"] is False
    (heard,) = ann.received("poll:opened")
    assert heard["round"]["proposal"] == "Pair on every story" and heard["poll"]["id"] == opened["id"]


def test_an_exactly_reached_quorum_counts_as_reached(poll):
    _, facilitator, people, opened = poll  # three present, half of them: two answers needed
    for person in people[:2]:
        assert person.call("poll:answer", {"round_id": round_of(opened), "level": 90})["ok"]
    closed = facilitator.call("poll:close", {"round_id": round_of(opened)})["poll"]["rounds"][-1]
    assert (closed["answered"], closed["needed"], closed["quorum_reached"]) == (2, 2, True)


def test_an_answer_is_acknowledged_with_what_was_stored(poll):
    _, _, people, opened = poll
    ack = people[0].call("poll:answer", {"round_id": round_of(opened), "level": 60, "reason": " unclear owner "})
    assert ack["answer"] == {"round_id": round_of(opened), "level": 60, "reason": "unclear owner"}


def test_a_poll_id_of_another_workshop_is_a_conflict(poll, make_workshop, facilitator_of):
    _, _, _, opened = poll
    elsewhere = facilitator_of(make_workshop("Elsewhere"))
    taken = elsewhere.call("poll:open", {"id": opened["id"], "proposal": "Mine now"})
    assert taken["error"]["code"] == "conflict"
    assert elsewhere.call("poll:reword", {"poll_id": opened["id"], "proposal": "Mine"})["error"]["code"] \
        == "not_found"


def test_a_poll_on_a_topic_needs_a_topic_of_this_workshop(make_workshop, facilitator_of):
    facilitator = facilitator_of(make_workshop())
    topic_id = new_id()
    assert facilitator.call("topic:save", {"id": topic_id, "title": "Releases"})["ok"]
    unknown = facilitator.call("poll:open", {"id": new_id(), "proposal": "Weekly", "topic_id": new_id()})
    assert unknown["error"]["code"] == "not_found"
    on_topic = facilitator.call("poll:open", {"id": new_id(), "proposal": "Weekly", "topic_id": topic_id})
    assert on_topic["poll"]["topic_id"] == topic_id


def test_rewording_while_the_round_is_open_is_refused(poll):
    _, facilitator, _, opened = poll
    refused = facilitator.call("poll:reword", {"poll_id": opened["id"], "proposal": "Release every day"})
    assert refused["error"]["code"] == "conflict"
    assert len(facilitator.call("sync", {})["state"]["discussion"]["polls"][0]["rounds"]) == 1


@pytest.mark.parametrize("move", [("phase:set", {"phase": "collect"}), ("agenda:go", None)])
def test_moving_on_closes_the_open_round_counted_against_the_step_it_ran_in(poll, move):
    _, facilitator, people, opened = poll  # three present in the lobby, where the round opened
    assert people[0].call("poll:answer", {"round_id": round_of(opened), "level": 100})["ok"]
    event, payload = move
    if payload is None:  # the agenda's next step
        steps = facilitator.call("sync", {})["state"]["agenda"]["steps"]
        payload = {"step_id": steps[1]["id"]}
    assert facilitator.call(event, payload)["ok"]
    (closed,) = people[1].received("poll:closed")
    assert closed["round"]["id"] == round_of(opened)
    # Present in the lobby: all three, so one answer is short of the quorum. Closed later, in a step
    # where only those who act there count as present, one answer could have committed the room.
    assert (closed["round"]["answered"], closed["round"]["present"], closed["round"]["result"]) == (1, 3, "not_yet")
    assert people[1].call("poll:answer", {"round_id": round_of(opened), "level": 90})["error"]["code"] == "poll_closed"
    # The next step starts with no poll of another step open: its own may be asked.
    assert facilitator.call("poll:open", {"id": new_id(), "proposal": "Demo monthly"})["ok"]


def test_a_move_that_moves_nobody_leaves_the_open_round_open(poll):
    _, facilitator, people, opened = poll
    steps = facilitator.call("sync", {})["state"]["agenda"]["steps"]
    running = next(s for s in steps if s["state"] == "running")
    assert facilitator.call("agenda:go", {"step_id": running["id"]})["ok"]  # already there: a retry
    assert people[0].received("poll:closed") == []
    assert people[0].call("poll:answer", {"round_id": round_of(opened), "level": 90})["ok"]
