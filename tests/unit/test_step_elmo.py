"""An Elmo on the running step, for steps with no topics (domain/step_elmo.py),
and its tables on a database of the previous version."""
from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from workshop.domain import step_elmo
from workshop.domain.agenda import RUNNING, new_step
from workshop.domain.errors import InvalidInput, WrongPhase
from workshop.store import Store, people, step_elmos, workshops
from workshop.store.schema import SCHEMA_VERSION
from workshop.store.steps import running_step


def running(kind: str, **extra):
    return dataclasses.replace(new_step(kind, "s1", **extra), state=RUNNING, started_at=1000.0)


@pytest.mark.parametrize("kind", ["statements", "pillars", "decide"])
def test_steps_with_no_topics_take_an_elmo_on_themselves(kind):
    assert step_elmo.has_step_elmo(running(kind))
    assert step_elmo.require(running(kind), "s1").id == "s1"


@pytest.mark.parametrize("kind", ["lobby", "collect", "cluster", "vote", "summary"])
def test_steps_that_do_not_grant_an_elmo_refuse_it(kind):
    assert not step_elmo.has_step_elmo(running(kind))
    with pytest.raises(WrongPhase):
        step_elmo.require(running(kind), "s1")


def test_a_discussion_takes_its_elmos_on_the_open_topic():
    assert not step_elmo.has_step_elmo(running("discuss", works_on="v"))
    with pytest.raises(step_elmo.ElmoOnTopic):
        step_elmo.require(running("discuss", works_on="v"), "s1")


def test_an_elmo_on_another_step_than_the_running_one_is_refused():
    with pytest.raises(step_elmo.NotRunningStep):
        step_elmo.require(running("pillars"), "s2")
    with pytest.raises(step_elmo.NotRunningStep):
        step_elmo.require(None, "s1")


def test_the_threshold_is_half_of_those_present_unless_the_step_sets_another():
    pillars = running("pillars")
    assert step_elmo.count(pillars, ["ann"], 4).public() == {"count": 1, "threshold": 2, "present": 4,
                                                             "move_on": False}
    assert step_elmo.count(pillars, ["ann", "bob"], 4).move_on
    assert step_elmo.count(pillars, ["ann"], 1).move_on


@pytest.mark.parametrize("percent, present, needed", [
    (25, 6, 2), (25, 1, 1), (50, 6, 3), (75, 6, 5), (100, 6, 6), (100, 0, 1),
])
def test_the_facilitator_sets_the_share_of_those_present_that_moves_a_step_on(percent, present, needed):
    for kind in ("statements", "pillars", "okrs", "decide"):
        step = running(kind, settings={"elmo_percent": percent}, **({"works_on": "p"} if kind == "okrs" else {}))
        assert step_elmo.threshold(step, present) == needed


@pytest.mark.parametrize("percent", [24, 101, 0.5, "half", None])
def test_an_elmo_threshold_outside_a_quarter_to_all_is_refused(percent):
    with pytest.raises(InvalidInput, match="Elmo threshold"):
        running("pillars", settings={"elmo_percent": percent})


def test_each_person_counts_once():
    assert step_elmo.count(running("pillars"), ["ann", "ann", "ann"], 4).count == 1


def test_a_schema_9_database_keeps_its_elmos_and_takes_step_elmos(tmp_path):
    """tests/fixtures/schema9.db, written by an earlier version: its topic Elmos stay,
    and its running decide step takes Elmos on itself."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    path = tmp_path / "bowtie.db"
    shutil.copy(fixtures / "schema9.db", path)
    with sqlite3.connect(path) as raw:
        before = raw.execute("SELECT * FROM elmos ORDER BY id").fetchall()
    wid = json.loads((fixtures / "schema9.json").read_text())["decide"]["id"]
    migrated = Store(str(path))
    try:
        assert migrated.read(lambda tx: tx.query("SELECT * FROM elmos ORDER BY id")) and \
            [tuple(r.values()) for r in migrated.read(lambda tx: tx.query("SELECT * FROM elmos ORDER BY id"))] == before
        assert migrated.read(lambda tx: tx.row("SELECT value FROM meta WHERE key = 'schema_version'"))["value"] \
            == str(SCHEMA_VERSION)
        ann = migrated.read(lambda tx: tx.row(
            "SELECT id FROM participants WHERE workshop_id = ? AND removed_at IS NULL", [wid]))["id"]
        step_id = migrated.read(lambda tx: running_step(tx, wid)).id

        def throw(tx):
            return step_elmos.throw(tx, workshops.load(tx, wid), people.participant(tx, wid, ann), step_id, {ann})
        elmo, events = migrated.write(throw)
        assert elmo["count"] == 1 and [e.kind for e in events] == ["step:elmo_changed"]
    finally:
        migrated.close()
