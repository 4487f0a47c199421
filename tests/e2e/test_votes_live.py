"""Fifty real Socket.IO clients voting at once against server.py (eventlet)."""
from __future__ import annotations

import threading

import pytest

from .live import new_id

pytestmark = pytest.mark.slow
VOTERS = 50


def test_fifty_clients_voting_at_once_give_exact_totals(server, clients):
    workshop = server.create_workshop("Load", blind_writing=False, group_size=10)
    facilitator = clients()
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    people = [clients() for _ in range(VOTERS)]
    for n, person in enumerate(people):
        assert person.call("join", {"code": workshop["code"], "name": f"P{n}"})["ok"]
    for n in range(3):
        assert people[n].call("card:add", {"id": new_id(), "column": "start", "text": f"Idea {n}"})["ok"]
    assert facilitator.call("phase:set", {"phase": "vote"})["ok"]
    vote = facilitator.call("vote:open", {"id": new_id(), "dots_per_participant": 3, "max_per_item": 3})["vote"]
    items = [i["id"] for i in vote["items"]]

    start = threading.Barrier(VOTERS)
    refused: list[str] = []

    def vote_as(n: int) -> None:
        # Four dots on this person's item (one too many), one of them sent twice.
        ids = [new_id() for _ in range(4)]
        start.wait()
        for dot_id in ids + ids[:1]:
            ack = people[n].call("dot:place", {"id": dot_id, "item_id": items[n % 3]})
            if not ack["ok"]:
                refused.append(ack["error"]["code"])

    threads = [threading.Thread(target=vote_as, args=(n,)) for n in range(VOTERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert refused == ["no_dots_left"] * VOTERS
    facilitator.wait_for("vote:progress", lambda d: d["dots"] == VOTERS * 3)
    closed = facilitator.call("vote:close", {})["vote"]
    totals = {r["id"]: r["dots"] for r in closed["ranking"]}
    assert [totals[i] for i in items] == [51, 51, 48]
    assert [r["rank"] for r in closed["ranking"]] == [1, 1, 3]
