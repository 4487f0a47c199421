"""docs/protocol.md is how client authors drive Bowtie: every route and event must
be in it, and every event it names must exist."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from workshop import create_app
from workshop.config import Config
from workshop.store.events import CATCH_UP_LIMIT, RESYNC_KINDS

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")

@pytest.fixture(scope="module")
def app():
    app = create_app(Config(db_path=":memory:", secret_key="doc" * 11))
    yield app
    app.extensions["bowtie"].store.close()


@pytest.fixture(scope="module")
def handled(app) -> set[str]:
    """Client events: the names the server has a handler for ("*" is the handler
    of every other name, which answers unknown_event)."""
    return set(app.extensions["socketio"].server.handlers.get("/", {})) - {"connect", "disconnect", "*"}


@pytest.fixture(scope="module")
def sent(handled) -> set[str]:
    """Server events: every `area:happening` name in the code that is not a
    handler (published to the event log or emitted directly), and every name
    emitted with a literal (``presence``)."""
    names = set()
    for path in (ROOT / "workshop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and re.fullmatch(r"[a-z]+:[a-z_]+", node.value):
                names.add(node.value)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "emit" \
                    and node.args and isinstance(node.args[0], ast.Constant):
                names.add(node.args[0].value)
    return names - handled


def glance(heading: str) -> dict[str, list[str]]:
    """The rows of one table of "Events at a glance": event name -> other cells."""
    section = DOC.split("## Events at a glance", 1)[1].split("\n## ", 1)[0]
    table = section.split(f"### {heading}", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \|(.*)\|$", table, flags=re.MULTILINE)
    return {name: [cell.strip() for cell in rest.split("|")] for name, rest in rows}


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


def test_every_socket_event_is_in_the_protocol_document(handled, sent):
    assert sorted(name for name in handled | sent if f"`{name}`" not in DOC) == []


def test_the_index_lists_exactly_the_events_the_server_handles_with_who_may_send_them(app, handled):
    index = glance("Client → server")
    declared = {d.name: d.who for d in app.extensions["bowtie"].declared.values()}
    assert set(index) == handled
    assert {name: cells[0] for name, cells in index.items()} == declared  # the index's words are Edge.on's


def test_the_index_lists_exactly_the_events_the_server_sends(sent):
    assert set(glance("Server → client")) == sent


def test_every_event_name_in_the_document_exists(handled, sent):
    """A renamed or removed event must leave the document too."""
    named = set(re.findall(r"`([a-z]+:[a-z_]+)`", DOC))
    assert sorted(named - handled - sent) == []


def test_the_index_marks_exactly_the_servers_wholesale_events():
    wholesale = {name for name, cells in glance("Server → client").items() if "wholesale" in cells[1]}
    assert wholesale == set(RESYNC_KINDS)


def test_the_document_quotes_the_catch_up_limit():
    assert f"more than **{CATCH_UP_LIMIT:,}** events" in DOC
