"""Fifty participants voting at once: the totals are exact and nobody overspends."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.conftest import new_id

VOTERS = 50


def test_concurrent_votes_from_50_clients_give_exact_totals(collecting, join):
    workshop, facilitator = collecting(group_size=10)
    people = [join(workshop, f"P{i}") for i in range(VOTERS)]
    for i, person in enumerate(people[:3]):
        assert person.add_card(f"Idea {i}")["ok"]
    assert facilitator.call("phase:set", {"phase": "vote"})["ok"]
    vote = facilitator.call("vote:open", {"id": new_id(), "dots_per_participant": 3, "max_per_item": 3})["vote"]
    items = [i["id"] for i in vote["items"]]

    # Each person tries to place 4 dots (one more than allowed) on "their" item and
    # sends one of them twice, as a double click would; all at once, from many threads.
    attempts = []
    for n, person in enumerate(people):
        ids = [new_id() for _ in range(4)]
        attempts += [(person, dot_id, items[n % 3]) for dot_id in ids + ids[:1]]
    with ThreadPoolExecutor(max_workers=32) as pool:
        acks = list(pool.map(lambda a: a[0].call("dot:place", {"id": a[1], "item_id": a[2]}), attempts))

    refused = [a["error"]["code"] for a in acks if not a["ok"]]
    assert len(refused) >= VOTERS and set(refused) <= {"no_dots_left", "too_many_on_item"}
    closed = facilitator.call("vote:close", {})["vote"]
    totals = {r["id"]: r["dots"] for r in closed["ranking"]}
    assert [totals[i] for i in items] == [3 * len(range(k, VOTERS, 3)) for k in range(3)]  # 51, 51, 48
    for person in people:
        assert len(person.call("sync", {})["state"]["my_dots"]["dots"]) == 3
