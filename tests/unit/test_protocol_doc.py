"""docs/protocol.md is how client authors drive Bowtie: every route and event must be in it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from workshop import create_app
from workshop.config import Config

DOC = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def app():
    app = create_app(Config(db_path=":memory:", secret_key="doc"))
    yield app
    app.extensions["bowtie"].store.close()


# "GET /api/workshops/<id>/export/markdown" in the document answers for the route
# /api/workshops/<workshop_id>/export/<kind>: placeholders match any one segment.
DOCUMENTED = {(method, re.sub(r"<[^>]*>", "<>", path))
              for method, path in re.findall(r"\b(GET|POST|PUT|PATCH|DELETE) (/[^\s`#?]*)", DOC)}


def is_documented(method: str, rule: str) -> bool:
    pattern = re.compile("^" + re.sub(r"<[^>]*>", "(?:<>|[^/]+)", re.escape(rule).replace("\\<", "<").replace("\\>", ">")) + "$")
    return any(m == method and pattern.match(path) for m, path in DOCUMENTED)


def test_every_http_route_is_in_the_protocol_document(app):
    missing = [f"{method} {rule.rule}" for rule in app.url_map.iter_rules() if rule.endpoint != "static"
               for method in sorted(rule.methods - {"HEAD", "OPTIONS"}) if not is_documented(method, rule.rule)]
    assert missing == []


def test_every_socket_event_is_in_the_protocol_document(app):
    handlers = app.extensions["socketio"].server.handlers.get("/", {})
    missing = [name for name in handlers if name not in ("connect", "disconnect") and f"`{name}`" not in DOC]
    assert missing == []
