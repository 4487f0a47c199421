"""What a whole room does at once (join, cards, dots, Elmos, poll answers) is written with plain SQL.

sqlite-utils' table API looks the table's structure up on every call; the store keeps it for the
schema and rare writes (see ``workshop/store/__init__.py``). These paths must never look the schema
up, and a retry on them must change nothing and tell no one.
"""
from __future__ import annotations

import uuid

import pytest

from workshop.domain.participants import arrival
from workshop.domain.workshop import new_workshop
from workshop.store import agenda, people, polls, topics, votes, workshops
from workshop.store import cards as card_store

PRESENT: set[str] = set()  # participant ids connected (none here: the rules need no one present)


@pytest.fixture
def room(store):
    """A workshop of three people with a card, an open vote, a topic under discussion and an open poll."""
    created, _ = store.write(workshops.create, new_workshop("Retro"))
    wid = created["id"]
    store.write(lambda tx: agenda.go_to_phase(tx, workshops.load(tx, wid), "collect"))
    names = [store.write(lambda tx: people.join(tx, workshops.load(tx, wid), arrival(n)))[0]["id"]
             for n in ("Ann", "Bo", "Chidi")]
    return {"id": wid, "code": created["code"], "people": names}


def as_person(room: dict, fn, *args):
    who = room["people"][0]
    return lambda tx: fn(tx, workshops.load(tx, room["id"]), people.participant(tx, room["id"], who), *args)


def as_facilitator(room: dict, fn, *args):
    return lambda tx: fn(tx, workshops.load(tx, room["id"]), *args)


def schema_look_ups(store, change) -> tuple[list[str], object, list]:
    """The schema look-ups a change runs, its result and its events."""
    said: list[str] = []
    store.db.conn.set_trace_callback(said.append)
    try:
        result, events = store.write(change)
    finally:
        store.db.conn.set_trace_callback(None)
    return [s for s in said if s.lstrip().upper().startswith("PRAGMA") or "sqlite_master" in s], result, events


def in_phase(store, room: dict, phase: str) -> None:
    store.write(as_facilitator(room, agenda.go_to_phase, phase))


def test_joining_even_into_a_new_group_looks_up_no_schema(store, room):
    heard = set()
    for n in range(8):  # groups of five fill up: some of these open a group
        looked, _, events = schema_look_ups(store, lambda tx: people.join(
            tx, workshops.by_code(tx, room["code"]), arrival(f"Person {n}")))
        assert looked == []
        heard |= {e.kind for e in events}
    assert "group:created" in heard


def test_adding_a_card_and_placing_and_taking_back_a_dot_look_up_no_schema(store, room):
    card = str(uuid.uuid4())
    assert schema_look_ups(store, as_person(room, card_store.add, card, "start", "An idea"))[0] == []
    in_phase(store, room, "vote")
    store.write(as_facilitator(room, votes.open_vote, str(uuid.uuid4()), {}))
    dot = str(uuid.uuid4())
    assert schema_look_ups(store, as_person(room, votes.place, dot, card))[0] == []
    assert schema_look_ups(store, as_person(room, votes.take_back, dot))[0] == []


@pytest.fixture
def discussed(store, room):
    in_phase(store, room, "discuss")
    topic = str(uuid.uuid4())
    store.write(as_facilitator(room, topics.save, topic, "Demos"))
    store.write(as_facilitator(room, topics.open_topic, topic, PRESENT))
    return topic


def test_an_elmo_thrown_and_taken_back_looks_up_no_schema_and_a_retry_tells_no_one(store, room, discussed):
    looked, thrown, events = schema_look_ups(store, as_person(room, topics.throw_elmo, discussed, PRESENT))
    assert looked == [] and thrown["count"] == 1 and [e.kind for e in events] == ["elmo:changed"]
    looked, again, events = schema_look_ups(store, as_person(room, topics.throw_elmo, discussed, PRESENT))
    assert looked == [] and again == thrown and events == []
    looked, back, events = schema_look_ups(store, as_person(room, topics.withdraw_elmo, discussed, PRESENT))
    assert looked == [] and back["count"] == 0 and [e.kind for e in events] == ["elmo:changed"]
    looked, again, events = schema_look_ups(store, as_person(room, topics.withdraw_elmo, discussed, PRESENT))
    assert looked == [] and again == back and events == []


def test_a_poll_answer_looks_up_no_schema_and_a_changed_answer_replaces_the_reason(store, room, discussed):
    opened, _ = store.write(as_facilitator(room, polls.open_poll, str(uuid.uuid4()), "Demo on Thursdays"))
    round_id = opened["rounds"][-1]["id"]
    looked, _, events = schema_look_ups(store, as_person(room, polls.answer, round_id, 40, "Too soon"))
    assert looked == [] and [e.data["answered"] for e in events] == [1]
    looked, _, events = schema_look_ups(store, as_person(room, polls.answer, round_id, 80, None))
    assert looked == [] and events == []  # a change, not a second answer
    assert store.read(polls.my_answers, room["id"], room["people"][0]) == {round_id: {"level": 80, "reason": ""}}


def test_a_snippet_looks_up_no_schema_and_a_retry_tells_no_one(store, room):
    from workshop.domain.agenda import new_step
    from workshop.store import pillars
    step = str(uuid.uuid4())
    store.write(as_facilitator(room, agenda.edit, lambda a: a.add(new_step("pillars", step), 1)))
    store.write(as_facilitator(room, agenda.go_to, step))
    pillar = store.write(as_facilitator(room, pillars.add, str(uuid.uuid4()), "People", ""))[0]
    add = str(uuid.uuid4())
    looked, added, events = schema_look_ups(store, as_person(room, pillars.add_snippet, add, pillar["id"], "Focus"))
    assert looked == [] and [e.kind for e in events] == ["snippet:added"]
    looked, again, events = schema_look_ups(store, as_person(room, pillars.add_snippet, add, pillar["id"], "Focus"))
    assert looked == [] and again == added and events == []


def test_a_dot_id_another_person_used_is_refused_and_a_retry_counts_once(store, room):
    from workshop.domain.errors import Conflict
    card = str(uuid.uuid4())
    store.write(as_person(room, card_store.add, card, "start", "An idea"))
    in_phase(store, room, "vote")
    store.write(as_facilitator(room, votes.open_vote, str(uuid.uuid4()), {}))
    dot = str(uuid.uuid4())
    placed, events = store.write(as_person(room, votes.place, dot, card))
    again, retried = store.write(as_person(room, votes.place, dot, card))
    assert again == placed and len(placed["dots"]) == 1 and retried == []
    bo = room["people"][1]
    with pytest.raises(Conflict):
        store.write(lambda tx: votes.place(tx, workshops.load(tx, room["id"]), people.participant(tx, room["id"], bo),
                                           dot, card))


def test_a_read_asks_for_the_agenda_once_however_many_parts_need_it(store, room):
    from workshop.domain.viewer import Viewer
    from workshop.store.snapshot import snapshot
    said: list[str] = []
    store.reader.conn.set_trace_callback(said.append)
    try:
        state = store.read(snapshot, Viewer(room["id"], facilitator=True))
    finally:
        store.reader.conn.set_trace_callback(None)
    assert state["agenda"]["steps"]
    assert len([s for s in said if "FROM steps WHERE workshop_id" in s and "ORDER BY removed, position" in s]) == 1
