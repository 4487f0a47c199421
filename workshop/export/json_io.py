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
    shows the rows that changed, each whole. Written as pieces joined once: a venue's export is
    ~14 MB, and each concatenation of it is another copy."""
    if not dump:
        return b"{}\n"
    pieces: list[bytes | memoryview] = [b"{\n"]
    for n, key in enumerate(sorted(dump)):
        pieces += [b",\n  " if n else b"  ", orjson.dumps(key), b": "]
        pieces += _tables(dump[key]) if key == "tables" else [_pretty(dump[key], b"  ")]
    pieces.append(b"\n}\n")
    return b"".join(pieces)


def _tables(tables: dict) -> list[bytes | memoryview]:
    if not tables:
        return [b"{}"]
    pieces: list[bytes | memoryview] = [b"{\n"]
    for n, name in enumerate(sorted(tables)):
        pieces += [b",\n    " if n else b"    ", orjson.dumps(name), b": ", *_rows(tables[name])]
    pieces.append(b"\n  }")
    return pieces


def _rows(rows: list) -> list[bytes | memoryview]:
    """A table's rows, one per line, written by one call instead of one per row (45,000 calls
    were ~30 ms of a venue's export).

    The rows of a table have the same columns, so with keys sorted each begins with the same
    key: the seam between two rows is ``},{"<first key>":``. No text can hold it: inside a
    string every quote is escaped, and after a string's closing quote comes ``,``, ``}`` or
    ``:``, never the key's name. Rows whose first keys differ (not a table's) are written one
    by one, as is anything the seam did not split into exactly one line per row."""
    if not rows:
        return [b"[]"]
    key = orjson.dumps(min(rows[0], default=""))
    spread = orjson.dumps(rows, option=_ROW).replace(b"},{" + key + b":", b"},\n      {" + key + b":")
    if spread.count(b"\n") != len(rows) - 1:  # orjson escapes every newline inside a string
        spread = b"[" + b",\n      ".join(orjson.dumps(row, option=_ROW) for row in rows) + b"]"
    return [b"[\n      ", memoryview(spread)[1:-1], b"\n    ]"]


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
