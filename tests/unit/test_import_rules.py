"""Every column an export carries has an import rule: a column added to the
schema without one would make genuine exports unimportable."""
from __future__ import annotations

import pytest

from workshop.domain import imports
from workshop.domain.errors import InvalidInput
from workshop.store import Store, tables


def test_every_exported_column_has_an_import_rule(tmp_path):
    store = Store(str(tmp_path / "b.db"))
    try:
        for name in [t.name for t in tables.WORKSHOP_TABLES] + ["workshops"]:
            columns = set(store.db[name].columns_dict) - ({"seq"} if name == "workshops" else set())
            assert columns == set(imports.COLUMNS[name]), name
    finally:
        store.close()


@pytest.mark.parametrize("value", ["../workshops/abc", "abc def", "", "x" * 65, 7, "a/b", "<b>"])
def test_an_imported_id_is_a_plain_word(value):
    with pytest.raises(InvalidInput):
        imports.identifier(value)
