"""Behind a proxy, under a public name, over HTTPS: what the server believes about
where a request comes from and which name and origin it was meant for."""
from __future__ import annotations

from dataclasses import replace

import pytest

from workshop import create_app
from workshop.domain import workshop as rules

HANDSHAKE = "/socket.io/?EIO=4&transport=polling"


@pytest.fixture
def make_app(config):
    apps = []

    def make(**changes):
        app = create_app(replace(config, **changes))
        apps.append(app)
        return app
    yield make
    for app in apps:
        app.extensions["bowtie"].store.close()


def guess_from(app, forwarded_for: str) -> int:
    """One wrong code from a browser behind the venue's proxy (127.0.0.9)."""
    http = app.test_client()
    http.environ_base["REMOTE_ADDR"] = "127.0.0.9"
    return http.get(f"/w/{rules.new_join_code()}/qr.svg", headers={"X-Forwarded-For": forwarded_for}).status_code


def test_behind_a_trusted_proxy_wrong_codes_count_against_the_forwarded_address(make_app):
    app = make_app(trusted_proxies=1)
    limit = app.extensions["bowtie"].config.join_attempts_per_minute
    statuses = [guess_from(app, "10.0.0.66") for _ in range(limit + 1)]
    assert statuses[-1] == 429
    assert guess_from(app, "10.0.0.7") == 404  # another laptop behind the same proxy


def test_without_a_trusted_proxy_a_forged_forwarded_address_does_not_escape_the_count(make_app):
    app = make_app()
    limit = app.extensions["bowtie"].config.join_attempts_per_minute
    statuses = [guess_from(app, f"10.0.1.{n}") for n in range(limit + 1)]
    assert statuses[-1] == 429


def test_under_a_public_name_a_foreign_host_is_refused_for_pages_and_the_socket_handshake(make_app):
    app = make_app(public_url="https://bowtie.venue.example")
    http = app.test_client()
    for path in ("/", "/healthz", HANDSHAKE):
        assert http.get(path, headers={"Host": "rebound.attacker.example"}).status_code == 421
        assert http.get(path, headers={"Host": "bowtie.venue.example"}).status_code == 200
    assert http.get("/healthz", headers={"Host": "localhost:5000"}).status_code == 200


def test_under_a_public_name_a_foreign_origin_cannot_open_a_socket(make_app):
    app = make_app(public_url="https://bowtie.venue.example")
    http = app.test_client()
    own = {"Host": "bowtie.venue.example", "Origin": "https://bowtie.venue.example"}
    foreign = {"Host": "bowtie.venue.example", "Origin": "https://attacker.example"}
    assert http.get(HANDSHAKE, headers=own).status_code == 200
    assert http.get(HANDSHAKE, headers=foreign).status_code == 400


def test_without_a_public_name_any_host_is_served(make_app):
    app = make_app()
    assert app.test_client().get("/healthz", headers={"Host": "bowtie.lan:5000"}).status_code == 200


def test_the_session_cookie_is_secure_under_https(make_app):
    app = make_app(admin_token="t" * 32, public_url="https://bowtie.venue.example")
    http = app.test_client()
    response = http.post("/api/organise/admin", json={"token": "t" * 32},
                         headers={"Host": "bowtie.venue.example"}, base_url="https://bowtie.venue.example")
    assert response.status_code == 200
    assert "Secure" in response.headers["Set-Cookie"]


def test_the_session_cookie_is_not_secure_over_plain_http(make_app):
    app = make_app(admin_token="t" * 32)
    response = app.test_client().post("/api/organise/admin", json={"token": "t" * 32})
    assert response.status_code == 200
    assert "Secure" not in response.headers["Set-Cookie"]


def test_the_page_policy_lets_scripts_connect_only_to_their_own_origin(make_app):
    csp = make_app().test_client().get("/").headers["Content-Security-Policy"]
    connect = next(d for d in csp.split(";") if d.strip().startswith("connect-src"))
    assert connect.split() == ["connect-src", "'self'"]


def test_join_links_follow_the_public_https_url(make_app):
    app = make_app(public_url="https://bowtie.venue.example")
    created = create_workshop_on(app, "bowtie.venue.example")
    assert created["join_url"].startswith("https://bowtie.venue.example/j/")


def create_workshop_on(app, host: str) -> dict:
    return app.test_client().post("/api/workshops", json={"title": "Venue"}, headers={"Host": host}).json
