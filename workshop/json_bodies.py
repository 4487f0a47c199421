"""The JSON decoder of HTTP request bodies, hardened against hostile nesting.

Python's decoder raises RecursionError on arrays or objects nested about a
thousand deep; Flask only turns a ValueError into "no JSON body", so such a
body escaped as a 500 on every JSON route. Here it is plain bad JSON: the
route's own check answers 400. (Socket.IO packets have ``realtime/wire.py``.)
"""
from __future__ import annotations

import json
from typing import Any

from flask.json.provider import DefaultJSONProvider


def loads(text: str | bytes, **kwargs: Any) -> Any:
    try:
        return json.loads(text, **kwargs)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


class BodyJSON(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return loads(s, **kwargs)
