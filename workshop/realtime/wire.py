"""The JSON codec of Socket.IO packets, hardened against hostile nesting.

Python's JSON decoder raises RecursionError on arrays or objects nested about
a thousand deep. Inside python-socketio that error escapes before any handler
runs, so the sender never gets the acknowledgement every event is owed. Here
such a packet decodes to its event name and an ``UNREADABLE`` payload, which
the edge refuses with a clean ``invalid`` error.
"""
from __future__ import annotations

import json
import re

dumps = json.dumps

# The event name opens every Socket.IO event packet: ["card:add", ...
_EVENT_NAME = re.compile(r'\s*\[\s*("(?:[^"\\]|\\.){1,200}")')


class Unreadable:
    """A payload too deeply nested to decode."""
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = Unreadable()


def loads(text, *args, **kwargs):
    try:
        return json.loads(text, *args, **kwargs)
    except RecursionError:
        found = _EVENT_NAME.match(text) if isinstance(text, str) else None
        if found is None:
            raise ValueError("packet nested too deeply") from None
        return [json.loads(found.group(1)), UNREADABLE]
