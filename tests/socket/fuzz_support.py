"""What the fuzzer knows about the workshop: hostile values, and real ids to aim with.

The fuzzer enumerates every event the server registered, so events added later
are fuzzed without a change here. To aim deeper at a new area, add to
``KNOWN_VALUES`` a field name and a function giving real values for it from the
``World`` (e.g. ``"cluster_id": lambda w: w.ids("clusters")``).
"""
from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field, fields
from typing import Callable

from hypothesis import strategies as st

from workshop.domain.workshop import PHASES


@dataclass
class World:
    """The app under test and the people in it."""
    app: object
    workshop: dict
    senders: dict = field(default_factory=dict)  # "anonymous" | "participant" | "facilitator" -> test client
    bystander_id: str = ""

    @property
    def db(self):
        return self.app.extensions["bowtie"].store.db

    def ids(self, table: str) -> list[str]:
        if table not in self.db.table_names():
            return []
        return [r[0] for r in self.db.execute(f"SELECT id FROM [{table}] ORDER BY rowid").fetchall()]

    def digest(self) -> str:
        return database_digest(self.db)


def database_digest(db) -> str:
    """A hash of every row of every table: equal digests, unchanged database."""
    h = hashlib.sha256()
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()]
    for table in tables:
        h.update(table.encode())
        for row in db.execute(f"SELECT * FROM [{table}] ORDER BY rowid"):
            h.update(repr(row).encode())
    return h.hexdigest()


KNOWN_VALUES: dict[str, Callable[[World], list]] = {
    "code": lambda w: [w.workshop["code"]],
    "workshop_id": lambda w: [w.workshop["id"]],
    "key": lambda w: [w.workshop["facilitator_key"]],
    "phase": lambda w: list(PHASES),
    "threshold": lambda w: [0.3, 0.5, 2],
    "method": lambda w: ["random", "balanced"],
    "column": lambda w: ["start", "stop", "continue"],
    "id": lambda w: w.ids("cards") + [str(uuid.uuid4())],
    "participant_id": lambda w: [w.bystander_id],
    "group_id": lambda w: w.ids("groups"),
    "since": lambda w: [0, 1, 10**6],
    "text": lambda w: ["Weekly demo", "  spaced  ", "é" * 500],
    "name": lambda w: ["Ann", "Blue team"],
    "settings": lambda w: [{"blind_writing": False}, {"group_size": 4}],
    "card_ids": lambda w: [w.ids("cards")[:3], w.ids("cards")[-1:]],
    "cluster_id": lambda w: w.ids("clusters"),
    "from_id": lambda w: w.ids("clusters"),
    "item_id": lambda w: w.ids("clusters") + w.ids("cards"),
    "vote_id": lambda w: w.ids("votes"),
    "topic_id": lambda w: w.ids("topics"),
    "poll_id": lambda w: w.ids("polls"),
    "round_id": lambda w: w.ids("poll_rounds"),
    "seconds": lambda w: [1, 60, 300],
    "level": lambda w: [0, 50, 80, 100],
    "proposal": lambda w: ["We ship weekly"],
    "dots_per_participant": lambda w: [3, 5],
    "max_per_item": lambda w: [1, 2],
}

# The phase in which an event's rules are reached (by name prefix); examples
# mostly run there, sometimes in a random phase. New areas add their prefix.
PHASE_FOR = {"card:": "collect", "cluster": "cluster", "vote:": "vote", "dot:": "vote", "topic": "discuss",
             "timer:": "discuss", "elmo:": "discuss", "notes:": "discuss", "action:": "discuss", "poll:": "decide"}


def phase_for(event: str) -> str | None:
    return next((phase for prefix, phase in PHASE_FOR.items() if event.startswith(prefix)), None)


def _uuid(_w: "World") -> str:
    return str(uuid.uuid4())


# Things made before fuzzing, so that events about them meet real ids:
# (phase, sender, event, payload from the world). New areas add theirs.
SEED: list[tuple[str, str, str, Callable[[World], dict]]] = [
    ("collect", "participant", "card:add", lambda w: {"id": _uuid(w), "column": "start", "text": "Seed card"}),
    ("collect", "participant", "card:add", lambda w: {"id": _uuid(w), "column": "stop", "text": "Second seed"}),
    ("cluster", "facilitator", "cluster:create",
     lambda w: {"id": _uuid(w), "name": "Seed cluster", "card_ids": w.ids("cards")[:1]}),
    ("vote", "facilitator", "vote:open", lambda w: {"id": _uuid(w), "dots_per_participant": 3, "max_per_item": 2}),
    ("discuss", "facilitator", "topic:save", lambda w: {"id": _uuid(w), "title": "Seed topic", "planned": 300}),
    ("decide", "facilitator", "poll:open", lambda w: {"id": _uuid(w), "proposal": "We ship weekly"}),
]


EDGE_TEXT = [
    "", " ", "\x00", "a\x00b", "\ufeff", "\u202etxet", "\ud83d\udca5" * 3, "💥" * 100, "e\u0301",
    "\U0010ffff", "\u2028\u2029", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "\r\n\r\n",
    "null", "{}", "a" * 2001, "b" * 10**6,
]

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                      st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=50),
                      st.sampled_from(EDGE_TEXT))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)), max_leaves=15)


def nested(depth: int, kind: str) -> str:
    """JSON text of ``depth`` nested arrays or objects (built as text: encoders
    recurse and would fail before the server sees it)."""
    return "[" * depth + "]" * depth if kind == "list" else '{"a":' * depth + "1" + "}" * depth


@dataclass(frozen=True)
class Known:
    """A real value of a field, picked when the event is sent: what exists then
    depends on earlier examples, and Hypothesis needs draws that do not."""
    name: str
    index: int

    def resolve(self, world: World):
        values = KNOWN_VALUES[self.name](world)
        return values[self.index % len(values)] if values else None


def field_value(name: str) -> st.SearchStrategy:
    options = [json_value, st.sampled_from(EDGE_TEXT)]
    if name in KNOWN_VALUES:
        options = [st.builds(Known, st.just(name), st.integers(0, 1000))] * 3 + options
    return st.one_of(*options)


@st.composite
def payload_for(draw, shape) -> object:
    """A payload aimed at one event: its fields, each real, hostile, or missing,
    plus extra fields; or something that is not an object at all."""
    if shape is None or draw(st.integers(0, 9)) == 0:
        return draw(json_value)
    if draw(st.booleans()):
        # Well formed but for at most one field: the rules behind the shape get exercised.
        body = {f.name: Known(f.name, draw(st.integers(0, 1000))) for f in fields(shape) if f.name in KNOWN_VALUES}
        if body and draw(st.booleans()):
            target = draw(st.sampled_from(sorted(body)))
            if draw(st.booleans()):
                del body[target]
            else:
                body[target] = draw(st.one_of(json_value, st.sampled_from(EDGE_TEXT)))
        return body
    body = {}
    for f in fields(shape):
        if draw(st.integers(0, 5)) > 0:
            body[f.name] = draw(field_value(f.name))
    body.update(draw(st.dictionaries(st.text(max_size=10), json_value, max_size=2)))
    return body


def resolve(world: World, payload):
    if isinstance(payload, dict):
        return {k: v.resolve(world) if isinstance(v, Known) else v for k, v in payload.items()}
    return payload


def canonical(state: dict) -> str:
    return json.dumps(state, sort_keys=True)
