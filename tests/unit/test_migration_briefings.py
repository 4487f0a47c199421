"""The briefing share links' migration opens a schema-9 database (tests/fixtures/schema9.db)
with nothing lost, and a migrated workshop's journey can publish a briefing."""
from __future__ import annotations

import shutil

import pytest

from tests.unit.test_migration_journeys import FIXTURES, KEYS, tables
from workshop.domain import briefings as briefing_rules
from workshop.domain import journeys as journey_rules
from workshop.store import Store, briefings, journeys


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "bowtie.db"
    shutil.copy(FIXTURES / "schema9.db", path)
    return path


def test_every_row_survives_and_no_share_link_exists_yet(copy):
    before = tables(copy)
    Store(str(copy)).close()
    after = tables(copy)
    assert {name: after[name] for name in before} == before
    assert after["briefing_shares"] == []


def test_a_migrated_workshops_journey_publishes_and_revokes_a_briefing(copy):
    store = Store(str(copy))
    try:
        made, _ = store.write(journeys.create, journey_rules.new_journey("Migrated"))
        store.write(journeys.attach, made["id"], "start", KEYS["collect"]["id"], None)
        share, _ = store.write(briefings.publish, made["id"], briefing_rules.new_share("organisation", None, 0))
        assert store.read(briefings.is_secret, share["id"], share["secret"])
        store.write(briefings.revoke, made["id"], share["id"])
        assert [s["state"] for s in store.read(briefings.shares, made["id"])] == ["revoked"]
    finally:
        store.close()
