"""JSON already encoded, to be sent as it is inside a larger message.

From Cluster on every participant's snapshot carries every card of the
workshop: at 3,000 cards, about 740 KB that is the same for all of them but
one word per card (``mine``). Encoded once per change of the workshop and
spliced into each snapshot, it costs each participant a string join instead
of building and encoding 3,000 dicts (issue 17). ``realtime.wire`` splices it.
"""
from __future__ import annotations

from collections.abc import Sequence


class JSONText:
    """Valid JSON text standing for the value it encodes."""
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"JSONText({self.text[:40]!r}…)"


def array(items: Sequence[str]) -> JSONText:
    """A JSON array of items that are each JSON text."""
    return JSONText("[" + ",".join(items) + "]")
