"""Does the largest allowed import stall the event loop? `python bench/import_stalls.py [--mb 31]`.

Issue 13, item 5: a 262 MB import once stalled every client's acks for 22 s.
This starts a real `server.py` (eventlet, its own temporary database) on
loopback, builds a workshop as `bench/exports.py` does with as many cards as
fit in `--mb` megabytes of JSON (just under the 32 MB limit by default), and
imports it while a second client fetches `/facts.js` every 5 ms. That page is
answered by the event loop alone (no store), so its latency during the import
is how long the loop was held. (`/healthz` would measure something else: it
makes a real write, which waits for the import's transaction by design.)
Prints the body size, the import's time and the latencies.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from export_stalls import poll, start, workshop  # noqa: E402

CARDS_PER_MB = 10_000 / 5.4  # the export of a 10,000-card workshop is 5.4 MB (bench/exports.py)


def body_of(mb: float) -> bytes:
    """The JSON of a workshop just under ``mb`` megabytes."""
    cards = int(mb * CARDS_PER_MB)
    while True:
        body = json.dumps(workshop(cards)).encode()
        if len(body) <= mb * 1024 * 1024:
            return body
        cards = int(cards * 0.97)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=31.0, help="size of the import body (the limit is 32 MB)")
    args = parser.parse_args()
    body = body_of(args.mb)
    with tempfile.TemporaryDirectory() as workdir:
        server, url = start(HERE.parent, workdir)
        try:
            done, latencies = threading.Event(), []
            poller = threading.Thread(target=poll, args=(url, done, latencies, "/facts.js"))
            poller.start()
            started = time.perf_counter()
            created = requests.post(url + "/api/workshops/import", data=body, timeout=600,
                                    headers={"Content-Type": "application/json"})
            spent = time.perf_counter() - started
            done.set()
            poller.join()
        finally:
            server.terminate()
            server.wait(10)
    latencies.sort()

    def at(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    print(f"import of {len(body) / 1024 / 1024:.1f} MB: HTTP {created.status_code} in {spent:.1f} s")
    print(f"/facts.js meanwhile: n={len(latencies)} p50={at(0.5):.1f} ms p95={at(0.95):.1f} ms "
          f"p99={at(0.99):.1f} ms max={latencies[-1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
