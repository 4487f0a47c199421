"""Every table is declared for delete/export/import, and delete leaves nothing behind."""
from tests.golden import fixed_workshop
from workshop.store import Store, tables, transfer


def test_every_table_of_the_schema_is_declared_or_knowingly_left_out(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    try:
        names = set(store.db.table_names())
    finally:
        store.close()
    declared = {t.name for t in tables.WORKSHOP_TABLES}
    assert names - declared - tables.NOT_EXPORTED == set(), "declare new tables in store/tables.py"


def test_parents_are_declared_before_their_children():
    seen = set()
    for table in tables.WORKSHOP_TABLES:
        assert table.parent is None or table.parent in seen
        seen.add(table.name)


def test_deleting_a_workshop_removes_every_row_of_it_and_nothing_else(tmp_path):
    store = Store(str(tmp_path / "t.db"))
    try:
        store.write(transfer.restore, fixed_workshop.export())
        other = fixed_workshop.export()
        other["workshop"].update(id="b" * 32, code="BBBBBB")
        other["tables"] = {}
        store.write(transfer.restore, other)
        counts, _ = store.write(tables.delete_workshop, fixed_workshop.W)
        assert counts["cards"] == 7 and counts["workshops"] == 1

        def remaining(tx):
            return {name: tx.one(f'SELECT COUNT(*) AS n FROM "{name}"')["n"]
                    for name in [t.name for t in tables.WORKSHOP_TABLES] + ["events", "workshops"]}
        left = store.read(remaining)
        # The other workshop keeps its row, its import event and its agenda (seven steps).
        assert left == {**{t.name: 0 for t in tables.WORKSHOP_TABLES}, "steps": 7, "events": 1, "workshops": 1}
    finally:
        store.close()
