"""A slow client: one reader at a trickle while its group writes fast."""
from __future__ import annotations

import statistics
import time

import pytest

from .cable import Cable
from .live import Client, Server, lift_card_limit
from .load import Writers
from .mirror import Mirror, wait_until
from .test_security_http import rss_kb

BACKLOG = 200  # messages queued for one connection before the server drops it (small, to be quick)
HEARTBEAT = 150  # seconds the server waits for a pong (BOWTIE_PING_TIMEOUT)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


@pytest.mark.slow
def test_a_slow_reader_is_dropped_and_recovers_by_snapshot_while_the_others_keep_pace(tmp_path):
    # A heartbeat far longer than the wait below, so only the backlog guard can drop the slow reader
    # however long a busy machine takes to fill the kernel's buffers (35 s on a quiet one).
    server = Server(tmp_path / "bowtie.db", env={"BOWTIE_MAX_BACKLOG": str(BACKLOG),
                                                 "BOWTIE_PING_TIMEOUT": str(HEARTBEAT)}).start()
    try:
        workshop = server.create_workshop("Slow", blind_writing=False, group_size=6)
        watcher = Client(server).connect()
        assert watcher.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
        watcher.call("phase:set", {"phase": "collect"})
        lift_card_limit(watcher.call)
        cable = Cable(server.port, trickle=2_000)
        slow = Mirror(cable.url, workshop, name="Slow").connect()
        writers = [Mirror(server.url, workshop, name=f"W{n}").connect() for n in range(4)]
        reader = Mirror(server.url, workshop, name="Reader").connect()
        baseline = rss_kb(server)

        # ~60 cards of ~6 kB (emoji travel as JSON escapes) a second into the slow reader's group
        with Writers(writers, interval=0.07, pad=" " + "\U0001F600" * 470):
            watcher.wait_for("presence:diff", lambda d: slow.participant_id in d["offline"], timeout=HEARTBEAT - 30)
            peak = rss_kb(server) - baseline
            cable.trickle = None  # the link gets better: the client reconnects at full speed
            wait_until(lambda: slow.rejoins >= 1 and slow.ready.is_set(), 30, "the slow client to come back")
            time.sleep(1)
        for mirror in writers:
            wait_until(lambda: mirror.flush() and not mirror.pending, 30, "outboxes to drain")

        assert "dropping connection" in server.log_path.read_text()  # the backlog guard, not a ping timeout
        slow.catch_up()
        assert slow.digest() == slow.server_digest()  # recovered by a snapshot, and current
        assert reader.digest() == reader.server_digest()
        delays = [reader.arrived_at[cid] - sent for w in writers for cid, sent in w.sent_at.items()
                  if cid in reader.arrived_at]
        assert len(delays) >= 100
        assert peak < 50 * 1024, f"server memory grew {peak} kB while the slow reader lagged"
        print(f"slow client: dropped and back by snapshot; others' delivery p95 {p95(delays) * 1000:.0f} ms "
              f"over {len(delays)} cards; server memory +{peak} kB at the drop")
        for m in [slow, reader, *writers]:
            m.disconnect()
        watcher.disconnect()
        cable.close()
    finally:
        server.stop()
