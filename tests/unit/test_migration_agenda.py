"""Schema 6 gives every workshop of a schema-5 database (tests/fixtures/schema5.db)
an agenda: the Team retrospective, running the step of its phase, with what it
holds attached to the step that made it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workshop.domain import workshop as rules
from workshop.domain.workshop import PHASES
from workshop.store import Store, agenda, workshops
from workshop.store.steps import STEP_TABLES

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema5.db"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema5") / "bowtie.db"
    shutil.copy(FIXTURE, path)
    store = Store(str(path))
    yield store
    store.close()


def workshop_rows(store) -> list[dict]:
    return store.read(lambda tx: tx.query("SELECT id, title, phase FROM workshops ORDER BY title"))


def test_every_workshop_runs_the_team_retrospective_step_of_its_phase(migrated):
    for workshop in workshop_rows(migrated):
        steps = migrated.read(agenda.load, workshop["id"])
        assert [s.kind for s in steps.steps] == list(PHASES)
        assert steps.current.kind == workshop["phase"], workshop["title"]
        before = PHASES.index(workshop["phase"])
        assert [s.state for s in steps.steps] == ["done"] * before + ["running"] + ["planned"] * (6 - before)


def test_every_card_cluster_vote_topic_and_poll_belongs_to_the_step_of_its_kind(migrated):
    for workshop in workshop_rows(migrated):
        steps = {s.kind: s for s in migrated.read(agenda.load, workshop["id"]).steps}
        for kind, table in STEP_TABLES.items():
            rows = migrated.read(lambda tx: tx.query(f"SELECT step_id FROM {table} WHERE workshop_id = ?",
                                                     [workshop["id"]]))
            assert {r["step_id"] for r in rows} <= {steps[kind].id}
            assert steps[kind].has_data == bool(rows), (workshop["title"], kind)


def test_the_migrated_agenda_keeps_the_workshop_columns_and_vote_settings(migrated):
    voted = next(w for w in workshop_rows(migrated) if w["title"] == "Workshop in vote")
    steps = {s.kind: s for s in migrated.read(agenda.load, voted["id"]).steps}
    assert steps["collect"].settings.card_template == "start-stop-continue"
    assert steps["vote"].settings.dots_per_person == 3  # the fixture's vote gave three dots each
    assert steps["cluster"].works_on == steps["collect"].id and steps["vote"].works_on == steps["cluster"].id


def test_a_card_written_now_belongs_to_the_running_step_which_then_holds_data(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    try:
        created, _ = store.write(workshops.create, rules.new_workshop("Retro"))
        collect = next(s for s in store.read(agenda.load, created["id"]).steps if s.kind == "collect")
        store.write(lambda tx: agenda.go_to(tx, workshops.load(tx, created["id"]), collect.id))
        store.write(lambda tx: tx.db.execute(
            'INSERT INTO cards (id, workshop_id, "column", text, created_at, updated_at)'
            " VALUES ('c1', ?, 'start', 'Demo weekly', 0, 0)", [created["id"]]))
        assert store.read(lambda tx: tx.row("SELECT step_id FROM cards WHERE id = 'c1'"))["step_id"] == collect.id
        assert store.read(agenda.load, created["id"]).step(collect.id).has_data
    finally:
        store.close()
