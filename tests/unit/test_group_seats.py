"""Seat counts per group (schema ``_v5_group_seats``): triggers keep them equal to
the people actually sitting in each group, whichever change moved them, and a
newcomer is seated by them."""
import sqlite3

from sqlite_utils import Database

from workshop.domain.participants import arrival
from workshop.domain.workshop import new_workshop
from workshop.store import Store, library, people, transfer, workshops
from workshop.store.schema import MIGRATIONS


def counted(store: Store) -> dict[str, int]:
    return {r["group_id"]: r["seated"] for r in store.db.query("SELECT group_id, seated FROM group_seats")}


def actual(store: Store) -> dict[str, int]:
    return {r["id"]: r["n"] for r in store.db.query(
        "SELECT g.id, (SELECT COUNT(*) FROM participants p WHERE p.group_id = g.id AND p.removed_at IS NULL) AS n"
        " FROM groups g")}


def open_workshop(store: Store, group_size: int = 3) -> str:
    created, _ = store.write(workshops.create, new_workshop("Seats"))
    w = store.read(workshops.load, created["id"])
    store.write(workshops.change_settings, w, {"group_size": group_size})
    return created["id"]


def join(store: Store, workshop_id: str, name: str) -> dict:
    w = store.read(workshops.load, workshop_id)
    person, _ = store.write(people.join, w, arrival(name))
    return person


def test_joins_fill_groups_in_order_and_the_counts_follow(store):
    wid = open_workshop(store)
    seated = [join(store, wid, f"P{i}") for i in range(7)]
    assert len({p["group_id"] for p in seated}) == 3
    assert sorted(counted(store).values()) == [1, 3, 3]
    assert counted(store) == actual(store)


def test_moves_removals_and_reforming_keep_the_counts_right(store):
    wid = open_workshop(store)
    seated = [join(store, wid, f"P{i}") for i in range(8)]
    w = store.read(workshops.load, wid)
    store.write(people.move, w, seated[0]["id"], seated[7]["group_id"])
    store.write(people.move, w, seated[1]["id"], None)  # into a new group
    store.write(people.remove, w, seated[2]["id"])
    assert counted(store) == actual(store)
    store.write(people.reform, store.read(workshops.load, wid), "random", 7)
    assert counted(store) == actual(store)
    assert sum(counted(store).values()) == 7


def test_a_removed_persons_seat_goes_to_the_next_newcomer(store):
    wid = open_workshop(store)
    seated = [join(store, wid, f"P{i}") for i in range(6)]
    w = store.read(workshops.load, wid)
    store.write(people.remove, w, seated[1]["id"])
    newcomer = join(store, wid, "Late")
    assert newcomer["group_id"] == seated[1]["group_id"]


def test_import_and_delete_keep_the_counts_right(store):
    wid = open_workshop(store)
    for i in range(5):
        join(store, wid, f"P{i}")
    dumped = store.read(transfer.dump, wid)
    assert "group_seats" not in dumped["tables"]
    store.write(library.delete, wid, store.read(workshops.load, wid).code)
    assert counted(store) == {} == actual(store)
    store.write(transfer.restore, dumped)
    assert counted(store) == actual(store)
    assert sorted(counted(store).values()) == [2, 3]


def test_a_version_4_database_gains_counts_of_the_people_already_seated(tmp_path):
    path = str(tmp_path / "old.db")
    old = Database(sqlite3.connect(path))
    for migration in MIGRATIONS[:4]:
        migration(old)
    old["meta"].insert({"key": "schema_version", "value": "4"}, pk="key")
    old["workshops"].insert({"id": "w1", "code": "ABC123", "title": "Before", "template": "start-stop-continue",
                             "phase": "lobby", "facilitator_key_hash": "x"})
    old["groups"].insert_all([{"id": "g1", "workshop_id": "w1", "name": "A", "position": 1},
                              {"id": "g2", "workshop_id": "w1", "name": "B", "position": 2}])
    old["participants"].insert_all([
        {"id": "p1", "workshop_id": "w1", "name": "Ann", "group_id": "g1", "joined_at": 1.0},
        {"id": "p2", "workshop_id": "w1", "name": "Bob", "group_id": "g1", "joined_at": 2.0},
        {"id": "p3", "workshop_id": "w1", "name": "Cy", "group_id": "g1", "joined_at": 3.0, "removed_at": 4.0},
        {"id": "p4", "workshop_id": "w1", "name": "Di", "group_id": "g2", "joined_at": 5.0}])
    old.conn.commit()
    old.close()

    store = Store(path)
    try:
        assert counted(store) == {"g1": 2, "g2": 1}
    finally:
        store.close()
