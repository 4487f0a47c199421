"""The discussion's store functions, on SQLite without a server."""
import pytest

from workshop.domain.viewer import Viewer
from workshop.domain.workshop import new_workshop
from workshop.store import topics, workshops
from workshop.store.snapshot import snapshot


@pytest.fixture
def workshop_id(store):
    created, _ = store.write(workshops.create, new_workshop("Retro"))
    return created["id"]


def discuss(store, workshop_id, clusters):
    return store.write(lambda tx: topics.discuss_clusters(tx, workshops.load(tx, workshop_id), clusters, 300))


def test_ranked_clusters_become_topics_in_rank_order_once(store, workshop_id):
    made, events = discuss(store, workshop_id, [{"id": "c-2", "title": "Hiring"}, {"id": "c-9", "title": "Tooling"}])
    assert [t["title"] for t in made] == ["Hiring", "Tooling"] and [e.kind for e in events] == ["topic:saved"] * 2 + ["topics:planned"]
    again, _ = discuss(store, workshop_id, [{"id": "c-9", "title": "Tooling"}, {"id": "c-4", "title": "Pay"}])
    assert [t["cluster_id"] for t in again] == ["c-4"]
    state = store.read(snapshot, Viewer(workshop_id, facilitator=True))
    listed = state["discussion"]["topics"]
    assert [(t["cluster_id"], t["position"], t["planned"]) for t in listed] == [("c-2", 1, 300), ("c-9", 2, 300), ("c-4", 3, 300)]
