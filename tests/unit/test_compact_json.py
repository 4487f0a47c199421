"""The store's JSON text (event data, the room's cards): compact, and whatever json would write."""
from __future__ import annotations

import json

import pytest

from workshop.compact_json import dumps


def test_compact_text_that_reads_back_as_the_value():
    value = {"dot": {"id": "d1", "item_id": "c1"}, "dots": [{"id": "d1"}], "dots_left": 4, "at": 1765066733.123456}
    text = dumps(value)
    assert " " not in text
    assert json.loads(text) == value


def test_a_person_s_own_words_come_back_unchanged():
    value = {"text": "Café ☕ — “quoted”\n\u2028 and \\ back"}
    assert json.loads(dumps(value)) == value


def test_integer_keys_become_strings_as_json_writes_them():
    assert json.loads(dumps({1: "a", 2: "b"})) == {"1": "a", "2": "b"}


def test_an_integer_beyond_64_bits_is_written_as_json_would():
    # orjson refuses it; a store change must not fail over a number a client sent.
    assert dumps({"n": 2 ** 70}) == '{"n":1180591620717411303424}'


def test_what_json_cannot_write_is_refused_as_json_refuses_it():
    with pytest.raises(TypeError):
        dumps({"s": {1, 2}})
