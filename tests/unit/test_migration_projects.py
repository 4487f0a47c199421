"""Projects by pillar (schema 17) and the key result a project moves (schema 18): an
older database keeps every row, and its journeys take projects at once."""
from __future__ import annotations

from tests.unit.test_migration_rows_by_workshop import everything, written_by
from workshop.domain import journeys as journey_rules
from workshop.store import Store, journeys, projects


def test_a_schema_16_database_keeps_every_row_and_its_journeys_take_projects(tmp_path, monkeypatch):
    path = tmp_path / "t.db"
    with written_by(16, path, monkeypatch) as older:  # the previous version: migrations 1 to 16
        made, _ = older.write(journeys.create, journey_rules.new_journey("CX strategy"))
    before = everything(path)
    assert "journey_projects" not in before and before["journeys"] and before["cards"]

    store = Store(str(path))
    try:
        after = everything(path)
        assert {name: after[name] for name in before} == before
        assert after["journey_projects"] == []
        store.write(projects.add, made["id"], "p1", "Focus weeks", "Munich", None)
        groups = store.read(projects.portfolio, made["id"])["groups"]
        assert [p["title"] for p in groups[-1]["projects"]] == ["Focus weeks"]
    finally:
        store.close()


def test_a_schema_17_database_keeps_its_projects_which_name_no_key_result_yet(tmp_path, monkeypatch):
    path = tmp_path / "t.db"
    with written_by(17, path, monkeypatch) as older:  # the previous version: migrations 1 to 17
        made, _ = older.write(journeys.create, journey_rules.new_journey("CX strategy"))
        older.write(lambda tx: tx.db.execute(  # as schema 17 stored a project: no key result column
            "INSERT INTO journey_projects (id, journey_id, title, team, pillar_id, position, created_at) "
            "VALUES ('p1', ?, 'Focus weeks', 'Munich', NULL, 0, 1.0)", [made["id"]]))
    before = everything(path)
    assert len(before["journey_projects"]) == 1

    store = Store(str(path))
    try:
        after = everything(path)
        assert {name: after[name] for name in before if name != "journey_projects"} == \
            {name: rows for name, rows in before.items() if name != "journey_projects"}
        assert after["journey_projects"] == [(*row, None) for row in before["journey_projects"]]
        (project,) = store.read(projects.portfolio, made["id"])["groups"][-1]["projects"]
        assert (project["title"], project["key_result"], project["key_result_gone"]) == ("Focus weeks", None, False)
    finally:
        store.close()
