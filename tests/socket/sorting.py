"""Shared arrangements for the clustering and voting tests: a workshop whose
cards come from two groups, moved on to the cluster phase (the ``board``
fixture in conftest.py builds it)."""
from __future__ import annotations

from dataclasses import dataclass

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


def cluster(person: Person, *card_ids: str, name: str | None = None) -> dict:
    payload = {"id": new_id(), "card_ids": list(card_ids)}
    if name is not None:
        payload["name"] = name
    return person.call("cluster:create", payload)
