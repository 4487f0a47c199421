"""The statements step over Socket.IO: hidden until shown, marks counted not
attributed, and a combined sentence two facilitators cannot silently overwrite."""
from __future__ import annotations

import pytest

from tests.conftest import new_id

VISION = "The most remarkable B2B experience through impactful interactions"


@pytest.fixture
def offsite(make_workshop, facilitator_of, join):
    """A vision statements step running, Ann and Bo joined, and a second facilitator screen."""
    def make(**settings):
        workshop = make_workshop(blind_writing=False)
        facilitator = facilitator_of(workshop)
        step = {"id": new_id(), "kind": "statements", "title": "Vision", "position": 1,
                "settings": {"subject": "vision", **settings}}
        assert facilitator.call("agenda:add", step)["ok"]
        assert facilitator.call("agenda:go", {"step_id": step["id"]})["ok"]
        ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
        second = facilitator_of(workshop)
        for person in (facilitator, ann, bo, second):
            person.received()
        return workshop, facilitator, second, ann, bo, step["id"]
    return make


def write(person, text, statement_id=None):
    ack = person.call("statements:write", {"id": statement_id or new_id(), "text": text})
    assert ack["ok"], ack
    return ack["statement"]


def test_a_statement_is_hidden_from_others_until_the_facilitator_shows_it(offsite):
    _, facilitator, _, ann, bo, step_id = offsite()
    mine = write(ann, VISION)
    assert mine["mine"] and "participant_id" not in mine
    assert bo.received("statements:written") == []
    assert [e["statement"]["text"] for e in facilitator.received("statements:written")] == [VISION]
    assert bo.call("sync", {})["state"]["statements"][step_id]["statements"] == []

    assert facilitator.call("statements:show", {"what": "statements"})["ok"]
    (shown,) = bo.received("statements:shown")
    assert [s["text"] for s in shown["statements"]] == [VISION]
    assert ann.id not in str(shown) and "Ann" not in str(shown)


def test_a_statement_is_editable_until_writing_closes_and_a_retry_changes_nothing(offsite):
    _, facilitator, _, ann, _, step_id = offsite()
    sid = new_id()
    write(ann, "First words", sid)
    write(ann, "Better words", sid)
    write(ann, "Better words", sid)
    assert len(facilitator.received("statements:written")) == 2
    assert facilitator.call("statements:writing", {"open": False})["ok"]
    closed = ann.call("statements:write", {"id": sid, "text": "Later words"})
    assert closed["error"]["code"] == "writing_closed"
    assert ann.call("sync", {})["state"]["statements"][step_id]["statements"][0]["text"] == "Better words"


def test_marks_are_hidden_from_participants_until_shown_and_never_name_anyone(offsite):
    _, facilitator, _, ann, bo, step_id = offsite()
    statement = write(ann, VISION)
    facilitator.call("statements:show", {"what": "statements"})
    for person in (facilitator, ann, bo):
        person.received()
    ack = bo.call("statements:mark", {"id": new_id(), "statement_id": statement["id"], "start": 20, "end": 30})
    assert ack["ok"] and VISION[ack["mark"]["start"]:ack["mark"]["end"]] == "B2B experience"  # whole words
    assert ann.received("statements:marked") == []
    (seen,) = facilitator.received("statements:marked")
    assert seen["ranking"][0]["text"] == "B2B experience" and seen["ranking"][0]["count"] == 1
    assert bo.id not in str(seen)
    assert "heat" not in ann.call("sync", {})["state"]["statements"][step_id]

    assert facilitator.call("statements:show", {"what": "marks"})["ok"]
    (shown,) = ann.received("statements:marks_shown")
    assert shown["ranking"][0]["text"] == "B2B experience" and bo.id not in str(shown)


def test_a_mark_is_taken_back_and_a_retried_mark_counts_once(offsite):
    _, facilitator, _, ann, bo, _ = offsite()
    statement = write(ann, VISION)
    facilitator.call("statements:show", {"what": "statements"})
    mark = {"id": new_id(), "statement_id": statement["id"], "start": 4, "end": 15}
    assert bo.call("statements:mark", mark)["ok"] and bo.call("statements:mark", mark)["ok"]
    facilitator.received()
    assert bo.call("statements:unmark", {"id": mark["id"]})["ok"]
    (after,) = facilitator.received("statements:marked")
    assert after["heat"] == {statement["id"]: []} and after["ranking"] == []


def test_two_facilitators_editing_the_sentence_get_a_conflict_not_a_silent_overwrite(offsite):
    _, facilitator, second, ann, _, _ = offsite()
    first = facilitator.call("statements:sentence", {"text": "The most remarkable", "version": 0})
    assert first["ok"] and first["sentence"]["version"] == 1
    (live,) = ann.received("statements:drafted")
    assert live == {"step_id": live["step_id"], "text": "The most remarkable", "version": 1, "seq": live["seq"]}
    stale = second.call("statements:sentence", {"text": "Something else", "version": 0})
    assert stale["error"]["code"] == "conflict"
    assert stale["error"]["current"] == {"text": "The most remarkable", "version": 1}
    assert ann.received("statements:drafted") == []
    assert second.call("statements:sentence", {"text": "The most remarkable B2B", "version": 1})["ok"]


def test_the_sentence_committed_by_the_poll_becomes_the_workshops_vision(offsite):
    workshop, facilitator, _, ann, bo, step_id = offsite()
    facilitator.call("statements:sentence", {"text": VISION, "version": 0})
    poll = facilitator.call("statements:poll", {"poll_id": new_id()})["poll"]
    round_id = poll["rounds"][-1]["id"]
    ann.call("poll:answer", {"round_id": round_id, "level": 60, "reason": "Too long"})
    bo.call("poll:answer", {"round_id": round_id, "level": 90})
    assert facilitator.call("poll:close", {"round_id": round_id})["poll"]["rounds"][-1]["result"] == "not_yet"
    assert ann.received("statements:committed") == []

    facilitator.call("statements:sentence", {"text": "The most remarkable B2B experience", "version": 1})
    again = facilitator.call("statements:poll", {"poll_id": new_id()})["poll"]
    assert again["id"] == poll["id"] and len(again["rounds"]) == 2
    second = again["rounds"][-1]["id"]
    for person in (ann, bo):
        person.call("poll:answer", {"round_id": second, "level": 90})
    facilitator.call("poll:close", {"round_id": second})
    (committed,) = ann.received("statements:committed")
    assert committed["subject"] == "vision" and committed["text"] == "The most remarkable B2B experience"
    assert bo.call("sync", {})["state"]["vision"] == "The most remarkable B2B experience"
    late = facilitator.call("statements:sentence", {"text": "Changed", "version": 2})
    assert late["error"]["code"] == "committed"


def test_the_committed_vision_heads_the_strategy_on_a_page_and_the_summary(offsite, http):
    workshop, facilitator, _, ann, bo, _ = offsite()
    facilitator.call("statements:sentence", {"text": VISION, "version": 0})
    round_id = facilitator.call("statements:poll", {"poll_id": new_id()})["poll"]["rounds"][-1]["id"]
    for person in (ann, bo):
        person.call("poll:answer", {"round_id": round_id, "level": 90})
    facilitator.call("poll:close", {"round_id": round_id})
    key = {"Authorization": f"Bearer {workshop['facilitator_key']}"}
    page = http.get(f"/strategy/{workshop['id']}", headers=key).get_data(as_text=True)
    assert VISION in page
    summary = http.get(f"/api/workshops/{workshop['id']}/summary", headers=key).get_json()["summary"]
    assert summary["strategy"]["vision"] == VISION and summary["strategy"]["purpose"] is None


# Events only a facilitator may send, listed here rather than read from the code under test.
FACILITATOR_ONLY = [
    ("statements:writing", {"open": False}),
    ("statements:show", {"what": "statements"}),
    ("statements:sentence", {"text": "Mine", "version": 0}),
    ("statements:poll", {"poll_id": "6f1c2b5e-0d3a-4e47-9a51-b0b71e5a9e01"}),
]


@pytest.mark.parametrize("event,payload", FACILITATOR_ONLY)
def test_participants_cannot_send_facilitator_events(offsite, event, payload):
    _, facilitator, _, ann, _, _ = offsite()
    assert ann.call(event, payload)["error"]["code"] == "forbidden"
    assert facilitator.received() == []


def test_facilitators_cannot_write_or_mark(offsite):
    _, facilitator, *_ = offsite()
    assert facilitator.call("statements:write", {"id": new_id(), "text": "x"})["error"]["code"] == "forbidden"
    mark = {"id": new_id(), "statement_id": new_id(), "start": 0, "end": 1}
    assert facilitator.call("statements:mark", mark)["error"]["code"] == "forbidden"


@pytest.mark.parametrize("event,payload,code", [
    ("statements:write", {"id": "not-a-uuid", "text": "x"}, "invalid"),
    ("statements:write", {"id": new_id(), "text": ""}, "invalid"),
    ("statements:write", {"id": new_id(), "text": "x" * 301}, "invalid"),
    ("statements:write", {"id": new_id(), "text": 5}, "invalid"),
    ("statements:mark", {"id": new_id(), "statement_id": new_id(), "start": 0, "end": 3}, "not_shown"),
    ("statements:unmark", {"id": "nope"}, "invalid"),
])
def test_bad_participant_input_gets_its_error(offsite, event, payload, code):
    _, facilitator, _, ann, _, _ = offsite()
    assert ann.call(event, payload)["error"]["code"] == code
    assert facilitator.received("statements:written") == []


@pytest.mark.parametrize("payload", [
    {"statement_id": "missing", "start": 0, "end": 3},
    {"start": 5, "end": 2}, {"start": -1, "end": 3}, {"start": 0, "end": 999},
    {"start": 0, "end": "3"}, {"start": 4, "end": 5},  # a space only
])
def test_bad_marks_are_refused(offsite, payload):
    _, facilitator, _, ann, bo, _ = offsite()
    statement = write(ann, "Zero avoidable churn")
    facilitator.call("statements:show", {"what": "statements"})
    facilitator.received()
    sent = {"id": new_id(), "statement_id": statement["id"], **payload}
    ack = bo.call("statements:mark", sent)
    assert ack["error"]["code"] in ("invalid", "not_found")
    assert facilitator.received("statements:marked") == []


@pytest.mark.parametrize("event,payload,code", [
    ("statements:show", {"what": "everything"}, "invalid"),
    ("statements:show", {"what": "marks"}, "wrong_phase"),  # statements first
    ("statements:writing", {"open": "no"}, "invalid"),
    ("statements:sentence", {"text": "x", "version": -1}, "invalid"),
    ("statements:sentence", {"text": "x" * 501, "version": 0}, "invalid"),
    ("statements:poll", {"poll_id": new_id()}, "invalid"),  # no sentence yet
])
def test_bad_facilitator_input_gets_its_error(offsite, event, payload, code):
    _, facilitator, _, ann, _, _ = offsite()
    assert facilitator.call(event, payload)["error"]["code"] == code
    assert ann.received() == []


def test_statements_wait_for_their_step(make_workshop, join):
    workshop = make_workshop()
    ann = join(workshop, "Ann")
    assert ann.call("statements:write", {"id": new_id(), "text": "x"})["error"]["code"] == "wrong_phase"


def test_a_participant_back_from_a_lost_connection_catches_up_on_what_was_shown(offsite):
    _, facilitator, _, ann, bo, _ = offsite()
    since = bo.call("sync", {})["state"]["seq"]
    write(ann, VISION)
    facilitator.call("statements:show", {"what": "statements"})
    facilitator.call("statements:sentence", {"text": "The most", "version": 0})
    missed = bo.call("sync", {"since": since})["events"]
    assert [e["event"] for e in missed] == ["statements:shown", "statements:drafted"]
    assert ann.id not in str(missed)


def test_in_groups_a_group_writes_one_statement_its_members_share(make_workshop, facilitator_of, join):
    workshop = make_workshop(blind_writing=False, group_size=2)
    facilitator = facilitator_of(workshop)
    ann, bo, cy = (join(workshop, n) for n in ("Ann", "Bo", "Cy"))
    assert facilitator.call("groups:form", {"method": "random", "seed": 3})["ok"]
    step = {"id": new_id(), "kind": "statements", "title": "Purpose", "position": 1,
            "settings": {"subject": "purpose", "scope": "groups"}}
    facilitator.call("agenda:add", step)
    facilitator.call("agenda:go", {"step_id": step["id"]})
    people = [ann, bo, cy]
    groups = {p.id: g for p, g in ((p, p.call("sync", {})["state"]["me"]["group_id"]) for p in people)}
    first, *rest = people
    mate = next(p for p in rest if groups[p.id] == groups[first.id])
    other = next(p for p in rest if groups[p.id] != groups[first.id])
    for p in people:
        p.received()
    sid = new_id()
    write(first, "Be the customers' advocate", sid)
    assert [e["statement"]["id"] for e in mate.received("statements:written")] == [sid]
    assert other.received("statements:written") == []
    assert write(mate, "Be our customers' advocate", sid)["text"] == "Be our customers' advocate"
    again = mate.call("statements:write", {"id": new_id(), "text": "A second one"})
    assert again["error"]["code"] == "conflict"


def test_an_offsite_workshop_opens_on_its_purpose_statement_then_its_vision(make_workshop, facilitator_of, join):
    workshop = make_workshop(agenda="offsite")
    facilitator = facilitator_of(workshop)
    ann = join(workshop, "Ann")
    agenda = facilitator.ack["state"]["agenda"]
    purpose, vision = (s for s in agenda["steps"] if s["kind"] == "statements")
    assert facilitator.call("agenda:go", {"step_id": purpose["id"]})["ok"]
    write(ann, "Make every customer conversation count")
    assert ann.call("sync", {})["state"]["statements"][purpose["id"]]["prompt"].startswith("What role do we want")
    assert facilitator.call("agenda:go", {"step_id": vision["id"]})["ok"]
    write(ann, "The most remarkable B2B experience")
    by_step = ann.call("sync", {})["state"]["statements"]
    assert [x["text"] for x in by_step[vision["id"]]["statements"]] == ["The most remarkable B2B experience"]
    assert [x["text"] for x in by_step[purpose["id"]]["statements"]] == ["Make every customer conversation count"]
