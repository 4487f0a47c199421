"""What a topic, its notes and its actions may hold: the longest text each field takes."""
from __future__ import annotations

import pytest

from workshop.domain import topics
from workshop.domain.errors import InvalidInput

FIELDS = [
    ("topic title", 200, topics.title),
    ("a note", 4000, lambda text: topics.notes({"situation": text})["situation"]),
    ("an action", 500, lambda text: topics.action(text, "Ann").text),
    ("an action's owner", 80, lambda text: topics.action("Ship it", text).owner),
]


@pytest.mark.parametrize("rule, longest", [(rule, longest) for _, longest, rule in FIELDS],
                         ids=[name for name, _, _ in FIELDS])
def test_each_field_takes_text_up_to_its_length_and_no_more(rule, longest):
    assert rule("x" * longest) == "x" * longest
    with pytest.raises(InvalidInput):
        rule("x" * (longest + 1))


def test_a_topic_without_a_planned_time_gets_ten_minutes():
    assert topics.planned(None) == 600


@pytest.mark.parametrize("rule", [topics.title, lambda text: topics.action(text, "Ann").text,
                                  lambda text: topics.action("Ship it", text).owner])
def test_one_character_is_enough(rule):
    assert rule("?") == "?"
