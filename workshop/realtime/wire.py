"""The JSON codec of Socket.IO packets, hardened against hostile nesting.

Python's JSON decoder raises RecursionError on arrays or objects nested about
a thousand deep. Inside python-socketio that error escapes before any handler
runs, so the sender never gets the acknowledgement every event is owed. Here
such a packet decodes to its event name and an ``UNREADABLE`` payload, which
the edge refuses with a clean ``invalid`` error.

An event literally named ``*`` is renamed ``RENAMED_STAR``: python-socketio
would call the catch-all handler (registered as ``*``) as that event's own,
without the event name, so the sender's id could not be told from a name.
Renamed, it reaches the catch-all as an unknown event like any other.

Encoding splices a ``JSONText`` in as it is: the board's cards shared by every
participant's snapshot are encoded once, not once per participant.

Packets are encoded with orjson (a newcomer's 6 KB snapshot: 4 µs against 51 µs
for json's C encoder), falling back to json for anything orjson refuses, and
``Packet`` skips python-socketio's search for binary attachments, which walked
every value of every message (102 µs for that snapshot, twice the encoding):
Bowtie's messages are JSON only, never bytes.
"""
from __future__ import annotations

import json
import re
import sys
import uuid
from typing import Any

import orjson
from socketio import packet

from ..json_text import JSONText

# The event name opens every Socket.IO event packet: ["card:add", ...
_EVENT_NAME = re.compile(r'\s*\[\s*("(?:[^"\\]|\\.){1,200}")')


class Unreadable:
    """A payload too deeply nested to decode."""
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = Unreadable()
CATCH_ALL = "*"  # python-socketio's name for the handler of every undeclared event
RENAMED_STAR = "\x00*"
_COMPACT = {"separators": (",", ":")}


def dumps(value: Any, **kwargs: Any) -> str:
    """``json.dumps``, with each ``JSONText`` in ``value`` spliced in as it is."""
    spliced: list[str] = []
    marker = ""

    def splice(part: object) -> str:
        nonlocal marker
        if not isinstance(part, JSONText):
            raise TypeError(f"Object of type {type(part).__name__} is not JSON serializable")
        # Unguessable, so that no text a person wrote can stand for a splice.
        marker = marker or uuid.uuid4().hex
        spliced.append(part.text)
        return f"{marker}{len(spliced) - 1}"

    text = None
    if kwargs == _COMPACT:  # how python-socketio and engine.io encode every packet
        try:
            text = orjson.dumps(value, default=splice, option=orjson.OPT_NON_STR_KEYS).decode()
        except orjson.JSONEncodeError:  # e.g. an integer beyond 64 bits: json's way, or json's error
            spliced.clear()
    if text is None:
        text = json.dumps(value, default=splice, **kwargs)
    for n, part in enumerate(spliced):
        text = text.replace(f'"{marker}{n}"', part, 1)
    return text


def loads(text: str | bytes, *args: Any, **kwargs: Any) -> Any:
    try:
        decoded = json.loads(text, *args, **kwargs)
    except RecursionError:
        found = _EVENT_NAME.match(text) if isinstance(text, str) else None
        if found is None:
            raise ValueError("packet nested too deeply") from None
        decoded = [json.loads(found.group(1)), UNREADABLE]
    if isinstance(decoded, list) and decoded and decoded[0] == CATCH_ALL:
        decoded[0] = RENAMED_STAR
    return decoded


class Packet(packet.Packet):
    """python-socketio's packet, encoded by this module, never looking for bytes
    to send as attachments (``serializer=Packet``; incoming packets decode as before)."""
    uses_binary_events = False


Packet.json = sys.modules[__name__]  # this module's dumps and loads, whoever else sets packet.Packet.json
