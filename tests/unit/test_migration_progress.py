"""Key results' readings (schema 19): a schema 18 database keeps every row, its
projects included, and its journeys take readings at once."""
from __future__ import annotations

from tests.unit.test_migration_rows_by_workshop import everything, written_by
from workshop.domain import journeys as journey_rules
from workshop.store import Store, journeys, progress, projects


def test_a_schema_18_database_keeps_every_row_and_its_journeys_take_readings(tmp_path, monkeypatch):
    path = tmp_path / "t.db"
    with written_by(18, path, monkeypatch) as older:  # the previous version: migrations 1 to 18
        made, _ = older.write(journeys.create, journey_rules.new_journey("CX strategy"))
        older.write(projects.add, made["id"], "p1", "Focus weeks", "Munich", None, None)
    before = everything(path)
    assert "key_result_readings" not in before and len(before["journey_projects"]) == 1

    store = Store(str(path))
    try:
        after = everything(path)
        assert {name: after[name] for name in before} == before
        assert after["key_result_readings"] == []
        board = store.read(progress.board, made["id"])
        assert (board["groups"], board["summary"]["key_results"]) == ([], 0)
        store.write(lambda tx: tx.db.execute(  # a reading, as a key result of the offsite would take it
            "INSERT INTO key_result_readings (id, journey_id, key_result_id, value, taken_on, note, created_at) "
            "VALUES ('r1', ?, 'k1', 12, '2027-02-01', '', 1.0)", [made["id"]]))
        (kept,) = store.read(progress.export, made["id"])
        assert (kept["value"], kept["key_result"]) == (12, None)
        deleted, _ = store.write(journeys.delete, made["id"], "CX strategy")
        assert (deleted["journey_projects"], deleted["key_result_readings"]) == (1, 1)
    finally:
        store.close()
