"""Does an export stall the event loop? `python bench/export_stalls.py [--cards N] [--server-root DIR]`.

Starts a real `server.py` (eventlet, its own temporary database) on loopback,
imports the workshop `bench/exports.py` builds (300 participants, 60 groups,
clusters, a vote, topics, polls; `--cards`, default 10,000), then fetches each
of `--routes` 5 times in turn while a second client polls `/healthz` every 5 ms.
`/healthz` is answered by the event loop, so its latency during the exports is
how long the loop was held. `--server-root` runs another checkout's `server.py`
(`git archive <commit> | tar -x -C DIR`), for before/after figures: the same
workshop is built for both (seeded ids).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import exports  # noqa: E402

KEY = "k" * 32
ROUTES = {"markdown": "/api/workshops/{id}/export/markdown", "csv": "/api/workshops/{id}/export/csv",
          "json": "/api/workshops/{id}/export/json", "summary": "/api/workshops/{id}/summary",
          "page": "/summary/{id}", "report": "/report/{id}"}


def workshop(cards: int) -> dict:
    ids = random.Random(11)
    uuid.uuid4 = lambda: uuid.UUID(int=ids.getrandbits(128), version=4)  # the same workshop every run
    data = exports.build(random.Random(7))
    exports.more_cards(data, cards)
    data["workshop"]["facilitator_key_hash"] = hashlib.sha256(KEY.encode()).hexdigest()
    return data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(root: Path, workdir: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "BOWTIE_DB": f"{workdir}/bowtie.db", "BOWTIE_PORT": str(port), "BOWTIE_HOST": "127.0.0.1",
           "BOWTIE_SECRET": "bench" * 8, "BOWTIE_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen([sys.executable, str(root / "server.py")], cwd=root, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return server, url
        except requests.RequestException:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def poll(url: str, done: threading.Event, latencies: list[float], path: str = "/healthz") -> None:
    """Fetch ``path`` every 5 ms until ``done``, keeping each answer's latency."""
    with requests.Session() as session:
        while not done.is_set():
            start = time.perf_counter()
            session.get(url + path, timeout=60)
            latencies.append(time.perf_counter() - start)
            time.sleep(0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--routes", default="markdown,csv,json", help=f"comma list of {', '.join(ROUTES)}")
    parser.add_argument("--server-root", default=str(HERE.parent), help="the checkout whose server.py runs")
    args = parser.parse_args()
    data = workshop(args.cards)
    wid = data["workshop"]["id"]
    with tempfile.TemporaryDirectory() as workdir:
        server, url = start(Path(args.server_root).resolve(), workdir)
        try:
            created = requests.post(url + "/api/workshops/import", data=json.dumps(data), timeout=300,
                                    headers={"Content-Type": "application/json"})
            assert created.status_code == 201, created.text[:300]
            auth = {"Authorization": f"Bearer {KEY}"}
            routes = [(name, url + ROUTES[name].format(id=wid)) for name in args.routes.split(",")]
            for _, route in routes:
                requests.get(route, headers=auth, timeout=120)  # warm up: templates, caches
            done, latencies, times = threading.Event(), [], {name: [] for name, _ in routes}
            poller = threading.Thread(target=poll, args=(url, done, latencies))
            poller.start()
            with requests.Session() as session:
                for _ in range(5):
                    for name, route in routes:
                        start_at = time.perf_counter()
                        response = session.get(route, headers=auth, timeout=120)
                        times[name].append(time.perf_counter() - start_at)
                        assert response.status_code == 200, (name, response.status_code)
            done.set()
            poller.join()
        finally:
            server.terminate()
            server.wait(10)
    for name, spent in times.items():
        spent.sort()
        print(f"{name:<9} {args.cards} cards: best {spent[0] * 1000:5.0f} ms, median {spent[2] * 1000:5.0f} ms, "
              f"worst {spent[-1] * 1000:5.0f} ms")
    latencies.sort()

    def at(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    print(f"/healthz meanwhile: n={len(latencies)} p50={at(0.5):.1f} ms p95={at(0.95):.1f} ms "
          f"p99={at(0.99):.1f} ms max={latencies[-1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
