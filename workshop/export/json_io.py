"""The JSON export: the whole workshop as data (``store.transfer``), written
stably so that export → import → export gives the same text."""
from __future__ import annotations

import orjson

from ..domain.errors import InvalidInput
from ..json_bodies import loads

# Rows go through orjson: a venue's workshop is ~45,000 rows (3,000 people, 10,000 cards,
# 30,000 dots), which the standard library's C encoder took ~115 ms to write and
# ``json.dumps(indent=2)`` (its pure-Python encoder) ~600 ms; orjson ~20 ms (issue 17).
_ROW = orjson.OPT_SORT_KEYS


def render(dump: dict) -> bytes:
    """The envelope indented, and each table one row per line: readable, a diff of two exports
    shows the rows that changed, each whole."""
    fields = []
    for key in sorted(dump):
        value = dump[key]
        shown = _tables(value) if key == "tables" else _pretty(value, b"  ")
        fields.append(b"  " + orjson.dumps(key) + b": " + shown)
    return b"{\n" + b",\n".join(fields) + b"\n}\n" if fields else b"{}\n"


def _tables(tables: dict) -> bytes:
    if not tables:
        return b"{}"
    shown = [b"    " + orjson.dumps(name) + b": " + _rows(tables[name]) for name in sorted(tables)]
    return b"{\n" + b",\n".join(shown) + b"\n  }"


def _rows(rows: list) -> bytes:
    if not rows:
        return b"[]"
    return b"[\n" + b",\n".join(b"      " + orjson.dumps(row, option=_ROW) for row in rows) + b"\n    ]"


def _pretty(value: object, indent: bytes) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | _ROW).replace(b"\n", b"\n" + indent)


def parse(raw: bytes | str) -> dict:
    try:
        data = loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("the file is not JSON") from None
    if not isinstance(data, dict):
        raise InvalidInput("a workshop export is a JSON object")
    return data
