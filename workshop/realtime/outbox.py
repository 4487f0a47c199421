"""Outgoing engine.io messages that let go of their text once it is on the wire.

python-engineio's websocket writer keeps the last packet it sent in a local
variable while it waits for the next one, and the packet keeps both its text
and the encoded copy it caches (``encode_cache``). So every connection holds
the largest recent message it was sent twice over until something else is
sent to it: a participant's 743 KB snapshot of a 3,000-card board held 1.5 MB
per connection (280 snapshots to different participants grew the server by
420 MB; python-socketio issue 206 reports the same). A packet from here drops
both when it is encoded: each message is encoded exactly once, by the websocket
writer or by the long-polling payload.
"""
from __future__ import annotations

from typing import Any

from engineio import packet


class SentOnce(packet.Packet):
    """An engine.io packet whose text is released by its single encoding."""

    def encode(self, b64: bool = False) -> Any:
        encoded = super().encode(b64)
        self.data = None
        self.encode_cache = None
        return encoded


def release_sent_messages(eio: Any) -> None:
    """Make this engine.io server wrap every message it sends in ``SentOnce``
    (``Server.send`` builds each message's packet; pings and the handshake are small)."""

    def send(sid: str, data: Any) -> None:
        eio.send_packet(sid, SentOnce(packet.MESSAGE, data=data))

    eio.send = send
