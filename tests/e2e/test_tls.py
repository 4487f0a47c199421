"""HTTPS on a shared venue network: server.py serves TLS when given a certificate."""
from __future__ import annotations

import socket
import subprocess

import pytest
import requests
import socketio

from .live import Server


@pytest.fixture
def certificate(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"], check=True, capture_output=True)
    return cert, key


class TlsServer(Server):
    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"


@pytest.fixture
def tls_server(tmp_path, certificate, monkeypatch):
    cert, key = certificate
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))  # requests (and so Server.wait_ready) trust it
    server = TlsServer(tmp_path / "bowtie.db", env={"BOWTIE_TLS_CERT": str(cert), "BOWTIE_TLS_KEY": str(key)})
    yield server.start()
    server.stop()


def test_with_a_certificate_the_server_speaks_only_https(tls_server):
    assert requests.get(tls_server.url + "/healthz", timeout=5).ok
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{tls_server.port}/healthz", timeout=5)


def test_over_https_the_join_link_is_https_and_a_participant_joins_over_wss(tls_server, certificate):
    workshop = tls_server.create_workshop()
    assert workshop["join_url"].startswith(f"https://127.0.0.1:{tls_server.port}/j/")
    http = requests.Session()
    http.verify = str(certificate[0])
    sio = socketio.Client(http_session=http)
    sio.connect(tls_server.url, transports=["websocket"], wait_timeout=10)
    try:
        ack = sio.call("join", {"code": workshop["code"], "name": "Ann"}, timeout=10)
        assert ack["ok"] and ack["participant"]["name"] == "Ann"
    finally:
        sio.disconnect()


def test_a_client_that_never_starts_its_handshake_does_not_hold_up_others(tls_server):
    idle = socket.create_connection(("127.0.0.1", tls_server.port))
    try:
        assert requests.get(tls_server.url + "/healthz", timeout=5).ok
    finally:
        idle.close()
