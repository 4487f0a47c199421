"""Dropped connections: clients lose their sockets for 10-90 s while others write."""
from __future__ import annotations

import copy
import sqlite3
import threading
import time
import uuid

import pytest

from workshop.store.events import CATCH_UP_LIMIT

from .cable import Cable
from .live import lift_card_limit
from .load import Writers, stored_cards
from .mirror import REDUCERS, Mirror, digest, wait_until

DROPS = (10, 25, 45, 65, 90)  # seconds each of five clients is cut off, all at once
OTHERS = 15
OTHERS_INTERVAL = 2.0  # 7.5 cards/s: the longest drop misses fewer than sync's 1,000-event window


def events_for(db_path, workshop_id: str, viewer: Mirror, since: int) -> list[int]:
    """The seqs this participant may hear after ``since``, straight from the event log."""
    pid, gid = viewer.participant_id, viewer.state["group"]["id"]
    audiences = {"all", f"participant:{pid}", f"author:{pid}", f"group:{gid}"}
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT seq, audience FROM events WHERE workshop_id = ? AND seq > ? ORDER BY seq",
                          [workshop_id, since]).fetchall()
    return [seq for seq, audience in rows if audience in audiences]


def workshop_events_since(db_path, workshop_id: str, since: int) -> int:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE workshop_id = ? AND seq > ?",
                          [workshop_id, since]).fetchone()[0]


def lose_an_ack(mirror: Mirror, cable: Cable) -> str:
    """Send a card and cut before its ack can arrive: stored or not, it is re-sent."""
    card_id = str(uuid.uuid4())
    payload = {"id": card_id, "column": "stop", "text": f"{mirror.name} sent as the line dropped"}
    mirror.pending[card_id] = payload
    mirror.sent.add(card_id)
    mirror.sio.emit("card:add", payload)
    cable.cut()
    return card_id


@pytest.mark.slow
def test_dropped_clients_catch_up_every_missed_event_in_order_and_resent_cards_do_not_double(server):
    per_group = OTHERS // len(DROPS)
    workshop = server.create_workshop("Drops", blind_writing=False, group_size=per_group + 1)
    facilitator = Mirror(server.url, workshop, facilitator=True).connect()
    facilitator.sio.call("phase:set", {"phase": "collect"})
    lift_card_limit(facilitator.sio.call)
    cables = [Cable(server.port) for _ in DROPS]
    dropped, others = [], []
    for n, cable in enumerate(cables):  # each dropped client sits in a group of busy writers
        dropped.append(Mirror(cable.url, workshop, name=f"D{n}").connect())
        others += [Mirror(server.url, workshop, name=f"O{n}{k}").connect() for k in range(per_group)]
    assert len({m.state["group"]["id"] for m in dropped}) == len(DROPS)

    with Writers(others, interval=OTHERS_INTERVAL) as writers:
        with Writers(dropped, interval=0.5):
            time.sleep(2)
        before = {}
        for mirror, cable in zip(dropped, cables):
            with mirror.lock:
                before[mirror.name] = (mirror.seq(), copy.deepcopy(mirror.state))
            lose_an_ack(mirror, cable)
        for mirror in dropped:  # written while offline: stays in the outbox
            mirror.write_card(f"{mirror.name} written offline")
        start = time.monotonic()
        menders = [threading.Timer(seconds, cable.mend) for seconds, cable in zip(DROPS, cables)]
        for mender in menders:
            mender.start()
        wait_until(lambda: all(m.rejoins >= 1 and m.ready.is_set() for m in dropped), max(DROPS) + 30,
                   "every dropped client to come back by itself")
        offline = time.monotonic() - start

    writers.drain()
    for mirror in dropped:
        assert mirror.flush() and not mirror.pending

    paths = []
    for mirror in dropped:
        since, old_state = before[mirror.name]
        ack = mirror.sio.call("sync", {"since": since})
        expected = events_for(server.db_path, workshop["id"], mirror, since)
        paths.append(f"{len(ack['events'])} events" if "events" in ack else "snapshot")
        if "events" in ack:
            seqs = [e["data"]["seq"] for e in ack["events"]]
            assert seqs == expected  # every event it may see, in order, none twice, none missing
            caught_up = {**old_state, "cards": dict(old_state["cards"])}
            for e in ack["events"]:
                if e["event"] in REDUCERS:
                    REDUCERS[e["event"]](caught_up, e["data"])
            assert digest(caught_up) == mirror.server_digest()
        else:  # a snapshot only when the events would be too many
            assert workshop_events_since(server.db_path, workshop["id"], since) > CATCH_UP_LIMIT
        assert mirror.digest() == mirror.server_digest()

    stored = stored_cards(server.db_path)
    ids = [c["id"] for c in stored]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(writers.acked) | {cid for m in dropped for cid in m.acked}
    print(f"drops: {len(dropped)} clients cut for {DROPS} s (all back after {offline:.0f} s), "
          f"{len(ids)} cards stored, each once; catch-up: {paths}")
    for mirror in [facilitator, *dropped, *others]:
        mirror.disconnect()
    for cable in cables:
        cable.close()
