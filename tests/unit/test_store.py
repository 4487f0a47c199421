"""The store: schema, durability settings and transactions (SQLite, no server)."""
import pytest

from workshop.config import Config
from workshop.domain.errors import InvalidInput
from workshop.domain.workshop import new_workshop
from workshop.store import SCHEMA_VERSION, Store, workshops
from workshop.store.schema import schema_version


def test_schema_is_created_with_its_version_in_wal_mode(store):
    assert schema_version(store.db) == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_reopening_does_not_migrate_again(tmp_path):
    Store(str(tmp_path / "b.db")).close()
    again = Store(str(tmp_path / "b.db"))
    assert schema_version(again.db) == SCHEMA_VERSION


def test_a_failing_write_keeps_nothing(store):
    def create_then_fail(tx):
        workshops.create(tx, new_workshop("Doomed"))
        raise InvalidInput("changed my mind")

    with pytest.raises(InvalidInput):
        store.write(create_then_fail)
    assert store.db["workshops"].count == 0


def test_events_get_consecutive_sequence_numbers_per_workshop(store):
    created, _ = store.write(workshops.create, new_workshop("Seq"))
    w = store.read(workshops.load, created["id"])
    _, first = store.write(workshops.set_phase, w, "collect")
    w = store.read(workshops.load, created["id"])
    _, second = store.write(workshops.set_phase, w, "cluster")
    assert [e.seq for e in first + second] == [1, 2]
    assert store.read(workshops.load, created["id"]).seq == 2


def test_facilitator_key_is_stored_only_as_a_hash(store):
    created, _ = store.write(workshops.create, new_workshop("Keys"))
    row = store.db["workshops"].get(created["id"])
    assert created["facilitator_key"] not in str(row)
    assert store.read(workshops.is_facilitator_key, created["id"], created["facilitator_key"])
    assert not store.read(workshops.is_facilitator_key, created["id"], "guess")


def test_signing_secret_is_generated_once_and_kept_beside_the_database(tmp_path):
    config = Config(db_path=str(tmp_path / "b.db"))
    first, second = config.with_secret(), config.with_secret()
    assert first.secret_key and first.secret_key == second.secret_key
    assert (tmp_path / "b.secret").stat().st_mode & 0o077 == 0


def test_configuration_comes_from_the_environment():
    config = Config.from_env({"BOWTIE_DB": "/tmp/x.db", "BOWTIE_PORT": "6000", "BOWTIE_HOST": "0.0.0.0",
                              "BOWTIE_ALLOWED_ORIGINS": "http://a, http://b"})
    assert (config.db_path, config.port, config.host) == ("/tmp/x.db", 6000, "0.0.0.0")
    assert config.allowed_origins == ("http://a", "http://b")
    assert Config.from_env({}).db_path == "./bowtie.db"
