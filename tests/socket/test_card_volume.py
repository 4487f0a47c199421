"""Unbounded card volume (issue 13, item 7): one participant with ten sockets
stored 2,000 cards in 16 s. Cards per person and column are limited, and a
workshop's cards are capped (a person's pace: test_person_pace.py)."""
from __future__ import annotations

from tests.conftest import Person, new_id
from workshop.domain.steps.collect import CARDS_PER_COLUMN, CARDS_PER_WORKSHOP


def current_step(facilitator: Person) -> str:
    return facilitator.call("sync", {})["state"]["agenda"]["current"]


def test_one_person_may_write_30_cards_in_a_column_and_no_more(collecting, join):
    workshop, _ = collecting()
    ann = join(workshop, "Ann")
    assert CARDS_PER_COLUMN == 30
    assert all(ann.add_card(f"idea {n}")["ok"] for n in range(30))
    refused = ann.add_card("one too many")
    assert refused["error"]["code"] == "card_limit"
    assert "30 cards in this column" in refused["error"]["message"]


def test_the_column_limit_leaves_other_columns_and_other_people_free(collecting, join):
    workshop, _ = collecting(group_size=2)
    ann, bob = join(workshop, "Ann"), join(workshop, "Bob")
    for n in range(30):
        ann.add_card(f"idea {n}")
    assert ann.add_card("in another column", column="stop")["ok"]
    assert bob.add_card("Bob's own first card")["ok"]


def test_a_deleted_card_makes_room_again(collecting, join):
    workshop, _ = collecting()
    ann = join(workshop, "Ann")
    ids = [ann.add_card(f"idea {n}")["card"]["id"] for n in range(30)]
    assert ann.call("card:delete", {"id": ids[0]})["ok"]
    assert ann.add_card("room again")["ok"]


def test_a_retry_of_a_stored_card_is_acknowledged_at_the_limit(collecting, join):
    workshop, _ = collecting()
    ann = join(workshop, "Ann")
    last = new_id()
    for n in range(29):
        ann.add_card(f"idea {n}")
    assert ann.add_card("the thirtieth", card_id=last)["ok"]
    assert ann.add_card("the thirtieth", card_id=last)["ok"]


def test_the_facilitator_sets_a_step_limit_per_column_and_per_person(collecting, join):
    workshop, facilitator = collecting()
    ann = join(workshop, "Ann")
    step = current_step(facilitator)
    assert facilitator.call("agenda:settings", {"step_id": step, "settings": {
        "cards_per_column": 2, "cards_per_person": 3}})["ok"]
    assert ann.add_card("one")["ok"] and ann.add_card("two")["ok"]
    assert ann.add_card("three")["error"]["code"] == "card_limit"
    assert ann.add_card("three", column="stop")["ok"]
    refused = ann.add_card("four", column="continue")
    assert "all 3 of your cards" in refused["error"]["message"]


def test_a_full_workshop_refuses_another_card(collecting, join, app):
    workshop, _ = collecting()
    ann = join(workshop, "Ann")
    store = app.extensions["bowtie"].store
    card = ann.add_card("the real one")["card"]

    def fill(tx):
        rows = [(new_id(), workshop["id"], None, card["group_id"], "start", f"carried {n}", 0.0, 0.0)
                for n in range(CARDS_PER_WORKSHOP - 1)]
        tx.db.conn.executemany('INSERT INTO cards (id, workshop_id, participant_id, group_id, "column", text,'
                               " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    store.write(fill)
    refused = ann.add_card("one more", column="stop")
    assert refused["error"]["code"] == "card_limit"
    assert "20,000 cards" in refused["error"]["message"]


def test_the_facilitator_may_lift_the_column_limit(collecting, join):
    workshop, facilitator = collecting()
    ann = join(workshop, "Ann")
    step = current_step(facilitator)
    assert facilitator.call("agenda:settings", {"step_id": step, "settings": {"cards_per_column": None}})["ok"]
    assert all(ann.add_card(f"idea {n}")["ok"] for n in range(31))
