"""SQL statements per call on the paths a whole room hits at once: `python bench/statements.py`.

Each change runs the way a Socket.IO handler runs it (``store.write`` of the store
function, the workshop and the person loaded in the same transaction), on a
workshop of 30 participants, and the write connection's statements are counted
with ``sqlite3``'s trace callback. Four of each count are the transaction itself
(BEGIN IMMEDIATE, SAVEPOINT, RELEASE, COMMIT); "schema" counts the look-ups of
table structure (PRAGMA, sqlite_master) that sqlite-utils' table API makes.
A write that fires triggers is reported again for each trigger step, with the
same text: those repeats are counted once, as the one statement sent.
"""
from __future__ import annotations

import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop.domain.agenda import new_step  # noqa: E402
from workshop.domain.participants import arrival  # noqa: E402
from workshop.domain.workshop import new_workshop  # noqa: E402
from workshop.store import Store, agenda, people, polls, topics, votes, workshops  # noqa: E402
from workshop.store import cards as card_store  # noqa: E402
from workshop.store import pillars as pillar_store  # noqa: E402

PEOPLE = 30
CONNECTED: set[str] = set()  # who is connected (the Elmo threshold and quorum count only people present)


class Counter:
    """The statements one ``store.write`` sends to SQLite."""

    def __init__(self, store: Store):
        self.store = store
        self.statements: list[str] = []

    def write(self, fn, *args):
        self.statements = []
        self.store.db.conn.set_trace_callback(self.statements.append)
        try:
            return self.store.write(fn, *args)[0]
        finally:
            self.store.db.conn.set_trace_callback(None)

    def figures(self) -> tuple[int, int]:
        said = self.statements
        run = [s for n, s in enumerate(said) if not (n and s == said[n - 1] and _writes(s))]
        schema = [s for s in run if s.lstrip().upper().startswith("PRAGMA") or "sqlite_master" in s]
        return len(run), len(schema)


def _writes(statement: str) -> bool:
    return statement.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}


def as_person(fn, workshop_id: str, person_id: str, *args):
    """A participant's change, as its handler runs it."""
    return lambda tx: fn(tx, workshops.load(tx, workshop_id), people.participant(tx, workshop_id, person_id), *args)


def as_facilitator(fn, workshop_id: str, *args):
    return lambda tx: fn(tx, workshops.load(tx, workshop_id), *args)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(str(Path(folder) / "bench.db"))
        try:
            for name, (total, schema) in measure(store):
                print(f"{name:<34} {total:>3} statements ({schema} schema look-ups)")
        finally:
            store.close()


def measure(store: Store):
    count = Counter(store)
    created, _ = store.write(workshops.create, new_workshop("Statements"))
    wid, code = created["id"], created["code"]
    store.write(as_facilitator(agenda.go_to_phase, wid, "collect"))

    def join(name: str) -> dict:
        return count.write(lambda tx: people.join(tx, workshops.by_code(tx, code), arrival(name, "Eng", "")))

    everyone = [join(f"Person {n}") for n in range(PEOPLE)]
    yield "join (a seat in a group)", count.figures()
    join("Newcomer")  # the groups of five are full: this one opens a group
    yield "join (opens a new group)", count.figures()
    ann = everyone[0]["id"]

    card = str(uuid.uuid4())
    count.write(as_person(card_store.add, wid, ann, card, "start", "An idea"))
    yield "card:add", count.figures()
    count.write(as_person(card_store.add, wid, ann, card, "start", "An idea"))
    yield "card:add (a retry)", count.figures()

    store.write(as_facilitator(agenda.go_to_phase, wid, "vote"))
    store.write(as_facilitator(votes.open_vote, wid, str(uuid.uuid4()), {}))
    dot = str(uuid.uuid4())
    count.write(as_person(votes.place, wid, ann, dot, card))
    yield "dot:place", count.figures()
    count.write(as_person(votes.place, wid, ann, dot, card))
    yield "dot:place (a retry)", count.figures()
    count.write(as_person(votes.take_back, wid, ann, dot))
    yield "dot:take_back", count.figures()
    count.write(as_person(votes.take_back, wid, ann, dot))
    yield "dot:take_back (a retry)", count.figures()

    store.write(as_facilitator(agenda.go_to_phase, wid, "discuss"))
    topic = str(uuid.uuid4())
    store.write(as_facilitator(topics.save, wid, topic, "Demos"))
    store.write(as_facilitator(topics.open_topic, wid, topic, CONNECTED))
    count.write(as_person(topics.throw_elmo, wid, ann, topic, CONNECTED))
    yield "elmo:throw", count.figures()
    count.write(as_person(topics.throw_elmo, wid, ann, topic, CONNECTED))
    yield "elmo:throw (a retry)", count.figures()
    count.write(as_person(topics.withdraw_elmo, wid, ann, topic, CONNECTED))
    yield "elmo:withdraw", count.figures()
    count.write(as_person(topics.withdraw_elmo, wid, ann, topic, CONNECTED))
    yield "elmo:withdraw (a retry)", count.figures()

    poll = store.write(as_facilitator(polls.open_poll, wid, str(uuid.uuid4()), "Demo on Thursdays"))[0]
    round_id = poll["rounds"][-1]["id"]
    count.write(as_person(polls.answer, wid, ann, round_id, 80, None))
    yield "poll:answer", count.figures()
    count.write(as_person(polls.answer, wid, ann, round_id, 80, None))
    yield "poll:answer (a retry)", count.figures()
    count.write(as_person(polls.answer, wid, ann, round_id, 60, "Not Fridays"))
    yield "poll:answer (a changed answer)", count.figures()

    step = str(uuid.uuid4())
    store.write(as_facilitator(agenda.edit, wid, lambda a: a.add(new_step("pillars", step))))
    store.write(as_facilitator(agenda.go_to, wid, step))
    pillar = store.write(as_facilitator(pillar_store.add, wid, str(uuid.uuid4()), "People", ""))[0]
    add = str(uuid.uuid4())
    count.write(as_person(pillar_store.add_snippet, wid, ann, add, pillar["id"], "Zero distractions"))
    yield "snippet:add", count.figures()
    count.write(as_person(pillar_store.add_snippet, wid, ann, add, pillar["id"], "Zero distractions"))
    yield "snippet:add (a retry)", count.figures()
    count.write(as_person(pillar_store.add_snippet, wid, everyone[1]["id"], str(uuid.uuid4()), pillar["id"],
                          "zero  DISTRACTIONS"))
    yield "snippet:add (merged, counted)", count.figures()


if __name__ == "__main__":
    main()
