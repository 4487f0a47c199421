"""``vote:progress`` counts a vote's voters and dots a few times a second for as
long as it is open, from the ``(vote_id, participant_id)`` index alone: reading
each dot's row as well made a count at 15,000 dots four times as slow."""
from __future__ import annotations

from tests.golden import fixed_workshop
from workshop.store import Store, transfer
from workshop.store.votes import open_progress


def opened(tmp_path) -> Store:
    store = Store(str(tmp_path / "t.db"))
    store.write(transfer.restore, fixed_workshop.export())
    store.write(lambda tx: tx.db.execute("UPDATE votes SET status = 'open'"))
    return store


def statements_of(store: Store, read) -> list[str]:
    ran: list[str] = []
    store.reader.conn.set_trace_callback(ran.append)
    try:
        store.read(read)
    finally:
        store.reader.conn.set_trace_callback(None)
    return [sql for sql in ran if sql.lstrip().upper().startswith("SELECT")]


def test_progress_counts_each_voter_once_and_every_dot(tmp_path):
    store = opened(tmp_path)
    try:
        figures = store.read(open_progress, fixed_workshop.W)
        dots = store.read(lambda tx: tx.query("SELECT participant_id FROM dots WHERE workshop_id = ?",
                                              [fixed_workshop.W]))
    finally:
        store.close()
    assert len(dots) > len({d["participant_id"] for d in dots})  # the fixture's voters placed several dots
    assert (figures["voters"], figures["dots"]) == (len({d["participant_id"] for d in dots}), len(dots))


def test_progress_reads_the_dots_from_their_index_alone(tmp_path):
    store = opened(tmp_path)
    try:
        [sql] = statements_of(store, lambda tx: open_progress(tx, fixed_workshop.W))
        plan = [step[3] for step in store.reader.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
    finally:
        store.close()
    on_dots = [step for step in plan if " dots " in f"{step} " or " d " in f"{step} "]
    assert on_dots and all("COVERING INDEX" in step for step in on_dots), plan
