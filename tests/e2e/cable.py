"""A loopback TCP relay between one client and the server, that a test can cut.

Cutting resets every connection through it (no goodbye, as when Wi-Fi drops)
and refuses new ones until mended, so the client's reconnects fail meanwhile.
"""
from __future__ import annotations

import socket
import struct
import threading
import time


def _reset(sock: socket.socket) -> None:
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # A close alone waits for the pump thread's blocked recv to return (Linux keeps the
        # socket while a call is in it), so the browser would never hear of the cut.
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


class Cable:
    def __init__(self, target_port: int, refuse_websockets: bool = False, trickle: int | None = None):
        self.target_port = target_port
        self.trickle = trickle  # bytes per second towards the client (a slow reader), None: full speed
        self.refuse_websockets = refuse_websockets  # as a proxy or firewall that blocks them
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.is_cut = False
        self.refused = 0
        self._closed = False
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except (socket.timeout, OSError):
                continue
            if self.is_cut:
                _reset(client)
                continue
            first = b""
            if self.refuse_websockets:
                try:
                    first = client.recv(65536)
                except OSError:
                    _reset(client)
                    continue
                if b"upgrade: websocket" in first.lower():
                    client.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    client.close()
                    self.refused += 1
                    continue
            try:
                upstream = socket.socket()
                if self.trickle:  # small buffers, so the server feels the slow reader at once
                    upstream.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                upstream.settimeout(5)
                upstream.connect(("127.0.0.1", self.target_port))
                upstream.settimeout(None)
                upstream.sendall(first)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._pairs.append((client, upstream))
            for a, b, slow in ((client, upstream, False), (upstream, client, True)):
                threading.Thread(target=self._pump, args=(a, b, slow), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, towards_client: bool) -> None:
        try:
            while True:
                rate = self.trickle if towards_client else None
                data = source.recv(min(512, rate) if rate else 65536)
                if not data:
                    break
                sink.sendall(data)
                if rate:
                    time.sleep(len(data) / rate)
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> None:
        self.is_cut = True
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for client, upstream in pairs:
            _reset(client)
            _reset(upstream)

    def mend(self) -> None:
        self.is_cut = False

    def close(self) -> None:
        self._closed = True
        self.cut()
        self.listener.close()
