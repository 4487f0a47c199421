"""Fixtures of the socket tests; the app, ``collecting`` and ``join`` are in tests/conftest.py."""
from __future__ import annotations

import pytest

from tests.socket.sorting import Board


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
