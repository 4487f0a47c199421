"""The JSON export: the whole workshop as data (``store.transfer``), written
stably so that export → import → export gives the same text."""
from __future__ import annotations

import json

from ..domain.errors import InvalidInput
from ..json_bodies import loads


def render(dump: dict) -> bytes:
    return (json.dumps(dump, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def parse(raw: bytes | str) -> dict:
    try:
        data = loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("the file is not JSON") from None
    if not isinstance(data, dict):
        raise InvalidInput("a workshop export is a JSON object")
    return data
