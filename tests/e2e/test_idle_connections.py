"""Idle sockets at a venue: a connection that sends no request is closed, and one
address cannot take every place in the server's pool of connections."""
from __future__ import annotations

import http.client
import socket

import pytest

from .live import Server

SHARE = 20  # connections one address may hold, in this test


def small_server(tmp_path, request_wait: float) -> Server:
    return Server(tmp_path / "bowtie.db", env={
        "BOWTIE_MAX_CONNECTIONS": str(SHARE * 3), "BOWTIE_CONNECTIONS_PER_ADDRESS": str(SHARE),
        "BOWTIE_REQUEST_WAIT": str(request_wait)}).start()


@pytest.fixture
def patient_server(tmp_path):
    """Waits longer for a request than any client here waits for an answer."""
    server = small_server(tmp_path, request_wait=60)
    yield server
    server.stop()


@pytest.fixture
def impatient_server(tmp_path):
    server = small_server(tmp_path, request_wait=1)
    yield server
    server.stop()


def idle_sockets(port: int, count: int) -> list[socket.socket]:
    return [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(count)]


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server closed this socket (recv returns nothing) within its timeout."""
    try:
        return sock.recv(1) == b""
    except (socket.timeout, ConnectionResetError):
        return False


def get_from(address: str, port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5, source_address=(address, 0))
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def test_one_address_holding_more_idle_sockets_than_the_pool_does_not_lock_others_out(patient_server):
    workshop = patient_server.create_workshop()
    held = idle_sockets(patient_server.port, SHARE * 4)  # more than the whole pool (SHARE * 3)
    try:
        assert get_from("127.0.0.2", patient_server.port, "/healthz") == 200
        assert get_from("127.0.0.3", patient_server.port, f"/j/{workshop['code']}") == 200
        assert sum(closed_by_server(s) for s in held[SHARE:SHARE + 5]) == 5  # past the share: closed at once
    finally:
        for sock in held:
            sock.close()


def test_a_connection_that_never_sends_a_request_is_closed(impatient_server):
    (sock,) = idle_sockets(impatient_server.port, 1)
    try:
        assert closed_by_server(sock)  # after the 1 s request wait (the socket's own timeout is 10 s)
    finally:
        sock.close()
