"""Projects by pillar (schema 17): a schema-16 database keeps every row, and its
journeys take projects at once."""
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
