"""Share back: a journey's briefings behind their own share links, and nothing else behind them."""
# ruff: noqa: F811 (the journey fixtures are test_journey_feed's, imported, then named as arguments)
from __future__ import annotations

import re

import pytest

from tests.socket.test_journey_feed import feed, journey, session, two_sessions  # noqa: F401 (fixtures)

PEOPLE = ("Ann", "Bo", "Cy", "Dee")  # who wrote the sessions' cards (test_journey_feed.two_sessions)


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def fed(http, journey, two_sessions):
    made = feed(http, journey, two_sessions)
    assert made.status_code == 201, made.json
    return made.json


def publish(http, journey, kind: str, **extra):
    made = http.post(f"/api/journeys/{journey['id']}/briefings", json={"kind": kind, **extra})
    assert made.status_code == 201, made.json
    return made.json["share"]


def path_of(share: dict) -> str:
    return share["url"].split("localhost", 1)[1]


def shares(http, journey) -> dict:
    return {s["id"]: s for s in http.get(f"/api/journeys/{journey['id']}/briefings").json["shares"]}


def test_the_organisation_briefing_opens_without_a_key_and_tells_what_people_raised(app, http, journey, fed):
    share = publish(http, journey, "organisation")
    assert len(share["secret"]) >= 22  # 22 URL-safe characters are 132 bits
    page = app.test_client().get(path_of(share))
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "What you told us" in text and "CX strategy" in text
    assert "Customer demos" in text and "raised by 2 people" in text and "Fewer meetings" in text
    assert page.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("kind", ["leadership", "organisation"])
def test_no_participant_names_in_either_briefing(app, http, journey, fed, kind):
    page = app.test_client().get(path_of(publish(http, journey, kind))).get_data(as_text=True)
    assert "Customer demos" in page or kind == "leadership"
    assert [name for name in PEOPLE if re.search(rf"\b{name}\b", page)] == []


def test_the_opened_count_grows_with_each_opening(app, http, journey, fed):
    share = publish(http, journey, "leadership")
    reader = app.test_client()
    for _ in range(3):
        assert reader.get(path_of(share)).status_code == 200
    listed = shares(http, journey)[share["id"]]
    assert (listed["opened"], listed["state"]) == (3, "open")
    assert b"Leadership briefing" in http.get(f"/journeys/{journey['id']}").data


def test_a_revoked_link_is_refused(app, http, journey, fed):
    share = publish(http, journey, "organisation")
    reader = app.test_client()
    assert reader.get(path_of(share)).status_code == 200
    assert http.delete(f"/api/journeys/{journey['id']}/briefings/{share['id']}").status_code == 200
    refused = reader.get(path_of(share))
    assert refused.status_code == 410 and b"What you told us" not in refused.data
    assert shares(http, journey)[share["id"]]["state"] == "revoked"


def test_an_expired_link_is_refused(app, http, journey, fed):
    share = publish(http, journey, "organisation", expires_in_days=1)
    reader = app.test_client()
    assert reader.get(path_of(share)).status_code == 200
    app.extensions["bowtie"].store.write(lambda tx: tx.db.execute(
        "UPDATE briefing_shares SET expires_at = expires_at - 2 * 86400 WHERE id = ?", [share["id"]]))
    refused = reader.get(path_of(share))
    assert refused.status_code == 410 and b"What you told us" not in refused.data
    assert shares(http, journey)[share["id"]]["state"] == "expired"


def test_a_wrong_secret_or_unknown_link_is_refused_and_throttled(app, http, journey, fed):
    share = publish(http, journey, "organisation")
    reader = app.test_client()
    limit = app.config["BOWTIE"].join_attempts_per_minute
    statuses = [reader.get(f"/briefings/{share['id']}/guess{n}").status_code for n in range(limit)]
    assert statuses == [403] * limit
    assert reader.get(f"/briefings/{'0' * 32}/{share['secret']}").status_code == 429


@pytest.mark.parametrize("kind", ["bulletin", None])
def test_publishing_an_unknown_briefing_is_refused(http, journey, kind):
    response = http.post(f"/api/journeys/{journey['id']}/briefings", json={"kind": kind})
    assert response.status_code == 400


def _journey_routes(j: str, w: str, share_id: str) -> list[tuple[str, str]]:
    """The journey's own routes: a share link, a workshop's key and another journey's key open none."""
    return [
        ("get", f"/api/journeys/{j}"), ("get", f"/api/journeys/{j}/kpis"),
        ("post", f"/api/journeys/{j}/workshops"), ("post", f"/api/journeys/{j}/workshops/attach"),
        ("delete", f"/api/journeys/{j}/workshops/{w}"), ("post", f"/api/journeys/{j}/feed"),
        ("post", f"/api/journeys/{j}/feed/preview"), ("get", f"/journeys/{j}/dashboard.csv"),
        ("get", f"/api/journeys/{j}/briefings"), ("post", f"/api/journeys/{j}/briefings"),
        ("delete", f"/api/journeys/{j}/briefings/{share_id}"),
        ("get", f"/api/journeys/{j}/compare?a=team:Munich&b=groups:mixed-role"),
        ("get", f"/journeys/{j}/compare.csv?a=team:Munich&b=groups:mixed-role"),
        ("patch", f"/api/journeys/{j}"), ("get", f"/api/journeys/{j}/export"), ("delete", f"/api/journeys/{j}"),
        ("get", f"/api/journeys/{j}/projects"), ("post", f"/api/journeys/{j}/projects"),
        ("patch", f"/api/journeys/{j}/projects/p1"), ("delete", f"/api/journeys/{j}/projects/p1"),
        ("get", f"/journeys/{j}/projects.csv"),
        ("get", f"/api/journeys/{j}/key-results"), ("post", f"/api/journeys/{j}/readings"),
        ("delete", f"/api/journeys/{j}/readings/r1"), ("get", f"/journeys/{j}/readings.csv"),
    ]


def _workshop_routes(w: str) -> list[tuple[str, str]]:
    """A workshop's control routes and exports: a share link and a journey's key open none."""
    return [
        ("get", f"/api/workshops/{w}/summary"), ("get", f"/api/workshops/{w}/export/json"),
        ("get", f"/api/workshops/{w}/export/csv"), ("get", f"/api/workshops/{w}/export/markdown"),
        ("get", f"/report/{w}"), ("post", f"/api/workshops/{w}/archive"), ("delete", f"/api/workshops/{w}"),
    ]


JOURNEY_PAGES = ["/journeys/{j}", "/journeys/{j}/dashboard", "/journeys/{j}/delete"]
WORKSHOP_PAGES = ["/summary/{w}", "/strategy/{w}"]


def test_a_share_link_a_workshop_key_and_another_journeys_key_open_nothing_else(app, http, journey, fed):
    share = publish(http, journey, "organisation")
    other = http.post("/api/journeys", json={"title": "Other"}).json
    j, w = journey["id"], fed["id"]
    held = {"share link": (share["secret"], True), "workshop key": (fed["facilitator_key"], False),
            "another journey's key": (other["organiser_key"], True)}
    for name, (key, refused_the_workshop_too) in held.items():
        reader = app.test_client()
        assert reader.get(path_of(share)).status_code == 200  # holding the link, and reading it first
        routes = _journey_routes(j, w, share["id"]) + (_workshop_routes(w) if refused_the_workshop_too else [])
        for method, path in routes:
            response = getattr(reader, method)(path, json={}, headers=bearer(key))
            assert response.status_code in (403, 429), (name, path, response.status_code)
        pages = JOURNEY_PAGES + (WORKSHOP_PAGES if refused_the_workshop_too else [])
        for page in pages:
            response = reader.get(page.format(j=j, w=w), headers=bearer(key))
            assert b"Customer demos" not in response.data, (name, page)
    assert shares(http, journey)[share["id"]]["state"] == "open"
    assert http.get(f"/api/workshops/{w}/summary").status_code == 200  # the workshop is still there
