"""Who counts as present (issue 13, item 6): connected and here in the running step
(acted or pressed "I'm here"), not every socket ever opened."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from workshop.domain import attendance, polls, topics
from workshop.domain.participants import arrival
from workshop.domain.viewer import Viewer
from workshop.domain.workshop import new_workshop
from workshop.store import Store, agenda, people, workshops
from workshop.store import attendance as here_store
from workshop.store.schema import SCHEMA_VERSION


def test_present_counts_only_the_connected_who_are_here():
    assert attendance.present({"ann", "bob", "puppet1", "puppet2"}, {"ann", "bob"}) == 2


def test_someone_here_who_left_is_not_present():
    assert attendance.present({"ann"}, {"ann", "bob"}) == 1


def test_idle_puppets_do_not_turn_a_unanimous_poll_into_not_yet():
    answers = [polls.Answer(p, 100, "") for p in ("ann", "bob", "cy")]
    connected = {"ann", "bob", "cy", *(f"puppet{n}" for n in range(25))}
    present = attendance.present(connected, {"ann", "bob", "cy"})
    assert polls.close(answers, present).result == polls.COMMIT


def test_idle_puppets_do_not_raise_the_elmo_threshold():
    connected = {"ann", "bob", "cy", "dee", *(f"puppet{n}" for n in range(25))}
    present = attendance.present(connected, {"ann", "bob", "cy", "dee"})
    assert topics.count_elmos(2, present).move_on


def test_the_lobby_is_a_step_of_its_own():
    assert attendance.step_key(None) == attendance.LOBBY and attendance.step_key("s1") == "s1"


@pytest.fixture
def room(store):
    created, _ = store.write(workshops.create, new_workshop("Retro"))
    wid = created["id"]
    store.write(lambda tx: agenda.go_to_phase(tx, workshops.load(tx, wid), "collect"))
    ann, bob = (store.write(lambda tx: people.join(tx, workshops.load(tx, wid), arrival(n)))[0]["id"]
                for n in ("Ann", "Bob"))
    return wid, ann, bob


def store_confirm(tx, wid, pid):
    return here_store.confirm(tx, workshops.load(tx, wid), people.participant(tx, wid, pid))


def test_i_am_here_counts_once_per_step_and_tells_the_person_and_facilitators(store, room):
    wid, ann, bob = room
    _, events = store.write(lambda tx: store_confirm(tx, wid, ann))
    assert [(e.kind, e.audience, e.data["how"]) for e in events] == [("presence:here", f"author:{ann}", "confirmed")]
    _, again = store.write(lambda tx: store_confirm(tx, wid, ann))
    assert again == []
    assert store.read(lambda tx: here_store.present(tx, wid, {ann, bob})) == 1


def test_being_here_ends_with_the_step(store, room):
    wid, ann, bob = room
    store.write(lambda tx: store_confirm(tx, wid, ann))
    store.write(lambda tx: agenda.go_to_phase(tx, workshops.load(tx, wid), "cluster"))
    assert store.read(lambda tx: here_store.present(tx, wid, {ann, bob})) == 0


def test_a_participant_sees_only_whether_they_are_here_a_facilitator_sees_everyone(store, room):
    wid, ann, bob = room
    store.write(lambda tx: store_confirm(tx, wid, ann))
    shown = store.read(lambda tx: here_store.section(tx, workshops.load(tx, wid), Viewer(wid, bob)))
    assert shown["here"] == []
    shown = store.read(lambda tx: here_store.section(tx, workshops.load(tx, wid), Viewer(wid, facilitator=True)))
    assert shown["here"] == [ann] and shown["here_step"]


def test_a_schema_9_database_opens_with_nobody_here_and_then_counts_who_says_so(tmp_path):
    """tests/fixtures/schema9.db, written by the previous version: nothing is lost, and
    presence starts empty in every running step (every connection there counted before)."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    path = tmp_path / "bowtie.db"
    shutil.copy(fixtures / "schema9.db", path)
    wid = json.loads((fixtures / "schema9.json").read_text())["decide"]["id"]
    migrated = Store(str(path))
    try:
        assert migrated.read(lambda tx: tx.row("SELECT value FROM meta WHERE key = 'schema_version'"))["value"] \
            == str(SCHEMA_VERSION)
        people_there = migrated.read(lambda tx: [r["id"] for r in tx.query(
            "SELECT id FROM participants WHERE workshop_id = ? AND removed_at IS NULL", [wid])])
        assert people_there and migrated.read(lambda tx: here_store.present(tx, wid, people_there)) == 0
        migrated.write(lambda tx: store_confirm(tx, wid, people_there[0]))
        assert migrated.read(lambda tx: here_store.present(tx, wid, people_there)) == 1
    finally:
        migrated.close()
