"""BOWTIE_WS_COMPRESSION decides what server.py answers to the permessage-deflate
offer every browser makes (docs/performance.md, "Websocket compression")."""
from __future__ import annotations

import base64
import os
import socket
import zlib

import pytest

from .live import Server

# What Chromium sends in its websocket handshake.
BROWSER_OFFER = "permessage-deflate; client_max_window_bits"
RSV1 = 0x40  # a data frame's "per-message compressed" bit


def handshake(server: Server) -> tuple[dict[str, str], socket.socket]:
    """Open Bowtie's Socket.IO websocket by hand, offering compression as a browser does:
    the response's headers and the socket, positioned after them."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                  f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                  f"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: {BROWSER_OFFER}\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(1)
        assert chunk, f"connection closed during the handshake: {head!r}"
        head += chunk
    status, *lines = head.decode().split("\r\n")
    assert " 101 " in status, status
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines if line)}
    return headers, sock


def send_text(sock: socket.socket, text: str) -> None:
    """One uncompressed, masked text frame (a client's frames are masked)."""
    mask, data = os.urandom(4), text.encode()
    assert len(data) < 126
    sock.sendall(bytes([0x81, 0x80 | len(data)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))


def next_frame(sock: socket.socket) -> tuple[bool, bytes]:
    """The server's next frame: whether it is compressed, and its payload."""
    def exactly(count: int) -> bytes:
        data = b""
        while len(data) < count:
            chunk = sock.recv(count - len(data))
            assert chunk, "connection closed mid-frame"
            data += chunk
        return data
    first, second = exactly(2)
    length = second & 0x7F
    if length == 126:
        length = int.from_bytes(exactly(2), "big")
    elif length == 127:
        length = int.from_bytes(exactly(8), "big")
    return bool(first & RSV1), exactly(length)


def extension_params(header: str) -> set[str]:
    name, *params = [part.strip() for part in header.split(";")]
    assert name == "permessage-deflate"
    return {param.split("=")[0] for param in params}


@pytest.fixture
def server_with(tmp_path):
    started: list[Server] = []

    def start(setting: str | None) -> Server:
        server = Server(tmp_path / "bowtie.db", env={"BOWTIE_WS_COMPRESSION": setting}).start()
        started.append(server)
        return server
    yield start
    for server in started:
        server.stop()


@pytest.mark.parametrize("setting", ["stateless", None])  # None: the default
def test_stateless_compresses_each_message_alone(server_with, setting):
    headers, sock = handshake(server_with(setting))
    with sock:
        params = extension_params(headers["sec-websocket-extensions"])
        assert {"server_no_context_takeover", "client_no_context_takeover"} <= params
        opened = next_frame(sock)  # engine.io's open packet, {"sid": ...}
        send_text(sock, "40")  # Socket.IO's connect: answered with another {"sid": ...}
        connected = next_frame(sock)
    # Each reads with a fresh decompressor: nothing from an earlier message is needed
    # (with the context kept, the second refers back to the first's `{"sid":"`).
    for (compressed, payload), start in ((opened, b'0{"sid"'), (connected, b'40{"sid"')):
        assert compressed
        assert zlib.decompressobj(-zlib.MAX_WBITS).decompress(payload + b"\x00\x00\xff\xff").startswith(start)


def test_on_accepts_the_offer_as_eventlet_does_keeping_context(server_with):
    headers, sock = handshake(server_with("on"))
    with sock:
        params = extension_params(headers["sec-websocket-extensions"])
        compressed, _ = next_frame(sock)
    assert "server_no_context_takeover" not in params
    assert compressed


def test_off_declines_the_offer_and_sends_plain_frames(server_with):
    headers, sock = handshake(server_with("off"))
    with sock:
        compressed, payload = next_frame(sock)
    assert "sec-websocket-extensions" not in headers
    assert not compressed
    assert payload.startswith(b'0{"sid"')


def test_an_unknown_setting_stops_the_start_saying_which_values_exist(server_with):
    with pytest.raises(RuntimeError, match="BOWTIE_WS_COMPRESSION='maybe': use one of on, stateless, off"):
        server_with("maybe")
