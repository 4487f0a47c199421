"""Shared arrangements for the clustering and voting tests: a workshop whose
cards come from two groups, moved on to the cluster phase."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import Person, new_id


@dataclass
class Board:
    workshop: dict
    facilitator: Person
    people: list[Person]       # ann, bob (group 1), cy (group 2)
    cards: dict[str, str]      # text -> card id

    def to_phase(self, phase: str) -> None:
        assert self.facilitator.call("phase:set", {"phase": phase})["ok"]
        for person in (self.facilitator, *self.people):
            person.received()


@pytest.fixture
def board(collecting, join):
    """Ann and Bob in one group, Cy in another; each wrote cards; phase: cluster."""
    def make(**options) -> Board:
        workshop, facilitator = collecting(group_size=2, **options)
        ann, bob, cy = (join(workshop, name) for name in ("Ann", "Bob", "Cy"))
        assert ann.group_id == bob.group_id != cy.group_id
        texts = [(ann, ["Weekly demo to customers", "Too many meetings"]),
                 (bob, ["More customer demos", "Pair programming"]),
                 (cy, ["Fewer meetings on Fridays", "Coffee machine is broken"])]
        cards = {}
        for person, written in texts:
            for text in written:
                ack = person.add_card(text)
                assert ack["ok"], ack
                cards[text] = ack["card"]["id"]
        made = Board(workshop, facilitator, [ann, bob, cy], cards)
        made.to_phase("cluster")
        return made
    return make


def cluster(person: Person, *card_ids: str, name: str | None = None) -> dict:
    payload = {"id": new_id(), "card_ids": list(card_ids)}
    if name is not None:
        payload["name"] = name
    return person.call("cluster:create", payload)
