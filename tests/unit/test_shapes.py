"""Payload shapes: a field that takes a number or text (a figure as typed) takes either,
and says what fits when it gets neither."""
from __future__ import annotations

import pytest

from workshop.domain.errors import InvalidInput
from workshop.shapes import bounded, parse, shape


@shape
class Figure:
    value: float | str = bounded(10)
    note: str | None = bounded(5, default=None)


def test_a_number_or_text_field_keeps_a_number_as_a_number_and_text_as_typed():
    assert parse(Figure, {"value": 42}).value == 42.0 and isinstance(parse(Figure, {"value": 42}).value, float)
    assert parse(Figure, {"value": "4,5"}).value == "4,5"
    assert parse(Figure, {"value": 1}).note is None


@pytest.mark.parametrize("payload, message", [
    ({"value": True}, "value must be a number or text"), ({"value": [1]}, "value must be a number or text"),
    ({"value": "1234567890x"}, "value is too long (at most 10 characters)"),
    ({"value": float("nan")}, "value must be a number"), ({"value": 1, "note": 5}, "note must be text"),
    ({}, "value is required")])
def test_a_field_of_neither_kind_or_too_long_is_refused_saying_why(payload, message):
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(Figure, payload)
