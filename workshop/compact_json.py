"""Compact JSON text for what the store keeps as text: each event's data, the room's cards.

Every change records at least one event, so this runs once per dot, card and
join: orjson writes a dot's event in ~0.6 µs against ~6 µs for json's C
encoder, and py-spy had that encoder at a tenth of the store thread's samples
in a vote storm (issue 17). orjson refuses a few values json accepts (an
integer beyond 64 bits): those go through json, so the text is what json
would have given. orjson leaves non-ASCII characters as they are rather than
escaping them; both are the same JSON to every reader.
"""
from __future__ import annotations

import json
from typing import Any

import orjson


def dumps(value: Any) -> str:
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, separators=(",", ":"))
