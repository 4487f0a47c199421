"""What `sync` with `since` replays from the event log (docs/protocol.md, `sync`)."""
from workshop.domain.viewer import Viewer
from workshop.domain.workshop import new_workshop
from workshop.store import workshops
from workshop.store.events import CATCH_UP_LIMIT, events_since


def workshop_with_events(store, count: int) -> str:
    """A workshop whose log holds ``count`` events any viewer may replay."""
    created, _ = store.write(workshops.create, new_workshop("Catch-up"))

    def record(tx):
        for n in range(count):
            tx.publish(created["id"], "topic:deleted", {"topic_id": f"t{n}"})
    store.write(record)
    return created["id"]


def test_the_limit_is_the_thousand_the_document_quotes():
    assert CATCH_UP_LIMIT == 1000


def test_exactly_the_limit_of_missed_events_is_replayed(store):
    workshop_id = workshop_with_events(store, CATCH_UP_LIMIT)
    missed = store.read(events_since, Viewer(workshop_id, facilitator=True), 0)
    assert [e.seq for e in missed] == list(range(1, CATCH_UP_LIMIT + 1))


def test_one_more_than_the_limit_asks_for_a_snapshot(store):
    workshop_id = workshop_with_events(store, CATCH_UP_LIMIT + 1)
    viewer = Viewer(workshop_id, facilitator=True)
    assert store.read(events_since, viewer, 0) is None
    assert len(store.read(events_since, viewer, 1)) == CATCH_UP_LIMIT


def test_since_the_current_seq_replays_nothing(store):
    workshop_id = workshop_with_events(store, 3)
    assert store.read(events_since, Viewer(workshop_id, facilitator=True), 3) == []


def test_since_beyond_the_log_asks_for_a_snapshot(store):
    """A client ahead of the server (a restored backup, an imported copy) has
    seen changes this log never made: only a snapshot puts it right."""
    workshop_id = workshop_with_events(store, 3)
    assert store.read(events_since, Viewer(workshop_id, facilitator=True), 4) is None
