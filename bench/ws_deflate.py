"""What websocket compression costs the server: `python bench/ws_deflate.py [--connections 1000]`.

Every browser offers the websocket extension permessage-deflate, and eventlet's
websocket (python-engineio's, under server.py) accepts it unless
BOWTIE_WS_COMPRESSION says otherwise; bench/load.py's clients do not offer it.
For each mode this starts a real server.py on loopback with a fresh database,
seats --connections participants (and one control screen) through bench/swarm.py's
client processes, whose websockets offer permessage-deflate as Chromium does
(aiohttp's `compress=15`) except in the mode "plain", and prints:

- the server's resident memory before and after the joins, and per connection;
- per phase change (one transaction, `agenda:changed` and `phase:changed` to every
  client): the server's CPU and the bytes the server's sockets sent (TCP payload,
  from `ss`'s per-socket bytes_sent);
- per participant snapshot (`sync {}`, one at a time, Cluster, --board-cards cards):
  the server's CPU, the JSON's size and the bytes sent.

Modes: plain (no offer: what bench/load.py measures), on (the offer accepted:
a zlib compressor kept per connection), stateless (the offer accepted with
server_ and client_no_context_takeover: each message compressed alone), off
(the offer declined: should match plain). Memory and CPU grow with the
connections: multiply the per-connection and per-broadcast figures by 3 for 3,000.
It prints figures and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import Run, lifted_limits  # noqa: E402
from machinery import Target, machine, pct  # noqa: E402

MODES = {  # mode -> (BOWTIE_WS_COMPRESSION, the clients offer permessage-deflate)
    "plain": ("on", False), "on": ("on", True), "stateless": ("stateless", True), "off": ("off", True)}
BROWSER_WINDOW_BITS = 15  # Chromium offers `permessage-deflate; client_max_window_bits` (15)


def bytes_sent(port: int) -> int:
    """TCP payload the server has sent so far on its open connections (ss's bytes_sent)."""
    out = subprocess.run(["ss", "-tinH", "state", "established", f"( sport = :{port} )"],
                         capture_output=True, text=True, check=False).stdout
    return sum(int(word.split(":")[1]) for word in out.split() if word.startswith("bytes_sent:"))


class Meter:
    """The server's CPU seconds and sent bytes between two readings."""

    def __init__(self, target: Target):
        self.target = target
        self.port = int(target.url.rsplit(":", 1)[1])

    def reading(self) -> tuple[float, int]:
        return self.target.cpu(), bytes_sent(self.port)

    def since(self, before: tuple[float, int]) -> tuple[float, int]:
        cpu, sent = self.reading()
        return cpu - before[0], sent - before[1]


def broadcasts(run: Run, meter: Meter, rounds: int) -> dict:
    """``rounds`` phase changes, Collect and Cluster in turn: CPU and bytes each, once every client has it."""
    cpus, sent, clients = [], [], 0
    for i in range(rounds):
        before = meter.reading()
        got = run.phase_broadcast("cluster" if i % 2 == 0 else "collect")
        cpu, out = meter.since(before)
        cpus.append(cpu)
        sent.append(out)
        clients = len(got)
    return {"clients": clients, "cpu_ms": pct(cpus, 50) * 1000, "cpu_ms_each": [round(c * 1000) for c in cpus],
            "bytes": pct(sent, 50)}


def snapshots(run: Run, meter: Meter) -> dict:
    """--snapshots participant snapshots in Cluster, one at a time: CPU, JSON size and bytes sent, each."""
    run.board_in_cluster()
    before = meter.reading()
    run.snapshot_cost()
    cpu, out = meter.since(before)
    taken = run.figures.get("snapshot") or {}
    count = max(1, taken.get("count", 1))
    return {"count": taken.get("count", 0), "cards": taken.get("cards"), "json_bytes": taken.get("bytes"),
            "cpu_ms": cpu / count * 1000, "bytes": out / count}


def measure(mode: str, args: argparse.Namespace) -> dict:
    setting, offers = MODES[mode]
    target = Target(f"ws-{mode}", "bowtie")
    target.start_bowtie("FULL", {**lifted_limits(args), "BOWTIE_WS_COMPRESSION": setting})
    run = Run(target, args)
    meter = Meter(target)
    try:
        empty = target.memory()["rss_mb"]
        run.open_room(compress=BROWSER_WINDOW_BITS if offers else 0)
        joined = len(run.people)
        seated = target.memory()["rss_mb"]
        figures = {"mode": mode, "BOWTIE_WS_COMPRESSION": setting, "clients_offer": offers, "joined": joined,
                   "rss_before_mb": empty, "rss_after_joins_mb": seated,
                   "rss_kb_per_connection": (seated - empty) * 1024 / max(1, joined + args.controls)}
        figures["broadcast"] = broadcasts(run, meter, args.rounds)
        figures["snapshot"] = snapshots(run, meter)
        figures["rss_end_mb"] = target.memory()["rss_mb"]
        figures["peak_mb"] = target.memory()["peak_mb"]
        return figures
    finally:
        if run.swarms:
            run.swarms.close()
        target.stop()


def report(results: list[dict]) -> None:
    print("\nmode       offer  joined  RSS after joins  KB/conn  broadcast CPU  bytes/broadcast  "
          "snapshot CPU  snapshot JSON  bytes/snapshot")
    for r in results:
        b, s = r["broadcast"], r["snapshot"]
        print(f"{r['mode']:<10} {'yes' if r['clients_offer'] else 'no':<5} {r['joined']:>7} "
              f"{r['rss_after_joins_mb']:>12.0f} MB {r['rss_kb_per_connection']:>8.0f} "
              f"{b['cpu_ms']:>11.0f} ms {b['bytes'] / 1024:>13.0f} KB "
              f"{s['cpu_ms']:>10.1f} ms {(s['json_bytes'] or 0) / 1024:>10.0f} KB {s['bytes'] / 1024:>11.0f} KB")
        print(f"           broadcast CPU per round: {b['cpu_ms_each']} ms; RSS at the end {r['rss_end_mb']:.0f} MB, "
              f"peak {r['peak_mb']:.0f} MB")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=1000, help="participants connected (default 1000)")
    parser.add_argument("--modes", default="plain,on,stateless",
                        help=f"comma-separated, run in this order (of {', '.join(MODES)}; default plain,on,stateless)")
    parser.add_argument("--rounds", type=int, default=6, help="phase changes measured per mode")
    parser.add_argument("--board-cards", type=int, default=3000, help="cards on the board for the snapshots")
    parser.add_argument("--snapshots", type=int, default=40, help="participant snapshots measured per mode")
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--join-concurrency", type=int, default=100, help="joins in flight per client process")
    parser.add_argument("--timeout", type=float, default=180, help="limit for one step (seconds)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        parser.error(f"unknown modes {unknown}: use {', '.join(MODES)}")
    # What bench/load.py's Run reads.
    args.n, args.controls, args.profile = args.connections, 1, None
    print(f"machine: {machine()}")
    print(f"load average before: {Path('/proc/loadavg').read_text().strip()} (other work on the machine skews figures)")
    print(f"command: python bench/ws_deflate.py {' '.join(argv)}", flush=True)
    results = []
    for mode in modes:
        started = time.monotonic()
        results.append(measure(mode, args))
        print(f"[ws-{mode}] done in {time.monotonic() - started:.0f} s", flush=True)
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    print(f"load average after: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main(sys.argv[1:])
