"""Driving a real server.py: start, kill and restart it; real Socket.IO clients."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
import weakref
from pathlib import Path
from typing import Callable

import engineio.payload
import requests
import socketio

ROOT = Path(__file__).resolve().parents[2]

# As docs/protocol.md (Limits, Long-polling) tells an outside Python client: the server
# answers a long-polling GET with every packet waiting, and python-engineio's client
# refuses more than 16 in one answer (dropping the connection and its pending acks).
# Under load a burst's acks pile up past 16 before the next GET.
engineio.payload.Payload.max_decode_packets = 10_000


def websocket_options() -> dict:
    """Options for a test process's socketio.Client, which may hold twenty clients at once.

    websocket-client checks each text frame's UTF-8 in pure Python before decoding it
    again in C: about 1 s of the test process's CPU for a 5 MB snapshot. The C decode
    alone still refuses bad UTF-8, so skipping the first check loses nothing.
    """
    return {"websocket_extra_options": {"skip_utf8_validation": True}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A real `python server.py` (eventlet) on a loopback port, over one database file."""

    def __init__(self, db_path: Path, port: int | None = None, env: dict | None = None):
        self.db_path = db_path
        self.port = port or free_port()
        env = {**os.environ, "BOWTIE_SECRET": "e2e-secret-of-at-least-32-bytes-long", "BOWTIE_LOG_LEVEL": "WARNING",
               # Wrong join codes past the limit are answered after a growing wait (guard.py,
               # unit-tested); here a token wait keeps the tests that guess fast.
               "BOWTIE_WRONG_CODE_WAIT": "0.01", **(env or {})}
        self.env = {k: v for k, v in env.items() if v is not None}  # None: leave the variable unset
        self.process: subprocess.Popen | None = None
        self.log_path = db_path.with_suffix(f".{self.port}.log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 15) -> "Server":
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "server.py"), "--db", str(self.db_path), "--port", str(self.port)],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float) -> float:
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log_path.read_text()[-3000:]}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).ok:
                    return time.monotonic() - start
            except requests.RequestException:
                time.sleep(0.05)  # polling a port that is not open yet: nothing to await
        raise TimeoutError(f"server not ready in {timeout}s:\n{self.log_path.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash or a power cut of the process."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.kill()

    def create_workshop(self, title: str = "Retro", **options) -> dict:
        response = requests.post(self.url + "/api/workshops", json={"title": title, **options}, timeout=5)
        assert response.status_code == 201, response.text
        return response.json()


class Client:
    """A real python-socketio client that records every event it receives."""

    made: "weakref.WeakSet[Client]" = weakref.WeakSet()

    def __init__(self, server: Server, transports: list[str] | None = None):
        Client.made.add(self)
        self.server = server
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.1, reconnection_delay_max=0.5,
                                   **websocket_options())
        self.events: list[tuple[str, dict]] = []
        self._cond = threading.Condition()
        self.transports = transports or ["websocket"]
        self.sio.on("*", self._record)
        self.sio.on("connect", self._connected)
        self.connects = 0

    def _record(self, event: str, data=None) -> None:
        with self._cond:
            self.events.append((event, data))
            self._cond.notify_all()

    def _connected(self) -> None:
        with self._cond:
            self.connects += 1
            self._cond.notify_all()

    def connect(self) -> "Client":
        self.sio.connect(self.server.url, transports=self.transports, wait_timeout=10)
        return self

    def call(self, event: str, payload=None, timeout: float = 10) -> dict:
        return self.sio.call(event, payload, timeout=timeout)

    def wait_for(self, event: str, predicate=lambda data: True, timeout: float = 10) -> dict:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for name, data in self.events:
                    if name == event and predicate(data):
                        return data
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"no {event!r} within {timeout}s; got {[n for n, _ in self.events]}")
                self._cond.wait(remaining)

    def wait_connects(self, count: int, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while self.connects < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"connected {self.connects} times, wanted {count}")
                self._cond.wait(remaining)

    def names(self) -> list[str]:
        with self._cond:
            return [n for n, _ in self.events]

    def disconnect(self) -> None:
        self.sio.disconnect()

    @classmethod
    def stop_all(cls) -> None:
        """Stop every client a test made, connected or still trying to reconnect: a client
        left retrying a stopped server kept a thread (and the global random module) busy
        in every later test of the run."""
        for client in list(cls.made):
            client.sio.shutdown()
        cls.made.clear()


def new_id() -> str:
    return str(uuid.uuid4())


def lift_card_limit(call: Callable[[str, dict], dict]) -> None:
    """Lift the running collect step's cards-per-column limit (default 30 a person):
    the writers of load and fault tests are scripts, not people."""
    step = call("sync", {})["state"]["agenda"]["current"]
    ack = call("agenda:settings", {"step_id": step, "settings": {"cards_per_column": None}})
    assert ack["ok"], ack
