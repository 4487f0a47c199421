"""Running out of file descriptors (issue 13, item 1), on a real server.py
started under a low open-file limit, as with the usual `ulimit -n 1024`."""
from __future__ import annotations

import resource
import socket
import subprocess
import sys
from pathlib import Path

import requests

from .live import ROOT, Server, free_port
from .mirror import wait_until


def limited(soft: int, hard: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    return apply


class LimitedServer(Server):
    """server.py started with the given open-file limits in the child."""

    def __init__(self, db_path: Path, soft: int, hard: int, env: dict):
        super().__init__(db_path, env=env)
        self.limits = limited(soft, hard)

    def start(self, timeout: float = 15) -> "LimitedServer":
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "server.py"), "--db", str(self.db_path), "--port", str(self.port)],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=self.limits)
        self.wait_ready(timeout)
        return self

    def soft_limit(self) -> int:
        for line in Path(f"/proc/{self.process.pid}/limits").read_text().splitlines():
            if line.startswith("Max open files"):
                return int(line.split()[3])
        raise AssertionError("no open-file limit in /proc")


def test_the_soft_limit_is_raised_towards_the_connections_allowed(tmp_path):
    server = LimitedServer(tmp_path / "bowtie.db", soft=256, hard=4096, env={"BOWTIE_MAX_CONNECTIONS": "2000"})
    server.start()
    try:
        assert server.soft_limit() == 2000 + 64
        assert "open-file limit 2064" in server.log_path.read_text()
    finally:
        server.stop()


def test_a_limit_far_below_the_connections_allowed_stops_the_start(tmp_path):
    started = subprocess.run([sys.executable, str(ROOT / "server.py"), "--db", str(tmp_path / "bowtie.db"),
                              "--port", str(free_port())],
                             env={**Server(tmp_path / "x.db").env, "BOWTIE_MAX_CONNECTIONS": "10000"},
                             preexec_fn=limited(1024, 1024), capture_output=True, text=True, timeout=60)
    assert started.returncode != 0
    assert "open-file limit is 1024" in started.stderr and "BOWTIE_MAX_CONNECTIONS=10000" in started.stderr


def test_running_out_of_descriptors_pauses_accepting_and_the_server_keeps_serving(tmp_path):
    # 300 descriptors for up to 400 connections: starts (not far below), runs out at ~290 sockets.
    server = LimitedServer(tmp_path / "bowtie.db", soft=300, hard=300, env={"BOWTIE_MAX_CONNECTIONS": "400"})
    server.start()
    idle: list[socket.socket] = []
    try:
        for _ in range(400):
            idle.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
        wait_until(lambda: "out of file descriptors" in server.log_path.read_text(), 20, "the server to run out")
        for sock in idle:
            sock.close()
        idle.clear()
        assert server.process.poll() is None, server.log_path.read_text()[-2000:]
        assert requests.get(server.url + "/healthz", timeout=10).ok
        workshop = server.create_workshop("After the siege")
        assert requests.get(f"{server.url}/j/{workshop['code']}", timeout=10).status_code == 200
    finally:
        for sock in idle:
            sock.close()
        server.stop()
