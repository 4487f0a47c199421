"""Marks on statements, the room at once: `python bench/marks.py [-n 300] [--marks 3]`.

Starts a real server.py on loopback, seats N participants (groups of 5) and one
control screen through bench/swarm.py's client processes, runs a vision
statements step: a few participants write statements, the facilitator shows
them, and then every participant marks ``--marks`` phrases at once, twice:
first while the marks are hidden (each mark's heat map and ranking go to the
facilitators only), then after the facilitator showed them (each mark's
``statements:marked`` goes to every client). For each storm it prints marks/s,
the ack latency (p50, p99) and the server's CPU per mark; and the marks the
server counted against the marks it acknowledged. It prints figures and asserts nothing.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import Run, lifted_limits  # noqa: E402
from machinery import Target, machine, pct  # noqa: E402

STATEMENTS = [
    "The most remarkable B2B experience through impactful interactions that drive our customers' success",
    "Customers stay forever because every interaction is remarkable and fast",
    "Zero avoidable churn: experts in our customers' work, with the right mix of self-serve and human touch",
    "We make HR people heroes in their companies, at every size and in every market",
    "Impactful interactions, measured in customer ROI, so our customers grow with us",
    "A support team known for knowing the product and the customer better than anyone",
    "ليكن كل تفاعل مع عملائنا تجربة لا تُنسى",
    "顧客の成功を支える、忘れられない体験を",
]


def ids_per_swarm(n: int, k: int) -> list[int]:
    """How many participants each client process holds (bench/load.py deals index i to process i % k)."""
    return [len(range(i, n, k)) for i in range(k)]


def storm(run: Run, event: str, payloads: list[list[list[dict]]], timeout: float) -> dict:
    cpu0 = run.target.cpu()
    start = time.monotonic()
    replies = run.swarms.ask("storm", [{"event": event, "payloads": p, "timeout": timeout} for p in payloads],
                             timeout=timeout + 60)
    seconds = time.monotonic() - start
    results = [r for reply in replies for r in reply["results"]]
    return {"seconds": seconds, "cpu": run.target.cpu() - cpu0, "latencies": [r[0] for r in results if r[1]],
            "sent": len(results), "errors": sorted({r[2] for r in results if not r[1]})[:5]}


def marks_for(sizes: list[int], statements: list[tuple[str, str]], each: int, rng: random.Random) -> list:
    def one() -> dict:
        sid, text = rng.choice(statements)
        length = len(text)
        start = rng.randrange(0, length - 1)
        return {"id": str(uuid.uuid4()), "statement_id": sid, "start": start,
                "end": min(length, start + rng.randint(3, 30))}
    return [[[one() for _ in range(each)] for _ in range(size)] for size in sizes]


def say_storm(name: str, done: dict) -> None:
    lat = done["latencies"]
    rate = len(lat) / done["seconds"] if done["seconds"] else 0
    print(f"  {name}: {len(lat)}/{done['sent']} marks acked in {done['seconds']:.2f}s ({rate:.0f} marks/s); "
          f"ack p50 {pct(lat, 50) * 1000:.0f} ms, p99 {pct(lat, 99) * 1000:.0f} ms; "
          f"server cpu {done['cpu'] / max(1, len(lat)) * 1000:.1f} ms per mark", flush=True)
    for error in done["errors"]:
        print(f"    error: {error}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=300, help="participants (default 300)")
    parser.add_argument("--marks", type=int, default=3, help="marks each participant places per storm")
    parser.add_argument("--writers", type=int, default=len(STATEMENTS), help="statements written")
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--join-concurrency", type=int, default=200, help="joins in flight per client process")
    parser.add_argument("--controls", type=int, default=1, help="control screens")
    parser.add_argument("--timeout", type=float, default=180, help="limit for one storm (seconds)")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    print(f"load average before: {Path('/proc/loadavg').read_text().strip()} (other work on the machine skews figures)")
    print(f"command: python bench/marks.py {' '.join(argv)}", flush=True)
    rng = random.Random(args.seed)

    target = Target("bowtie", "bowtie")
    target.start_bowtie("FULL", lifted_limits(args))
    run = Run(target, args)
    try:
        run.open_room()

        def call(event: str, payload: dict) -> dict:
            reply = run.swarms.ask_one(0, "control_call", {"event": event, "payload": payload})["reply"]
            if not reply.get("ok"):
                raise SystemExit(f"{event} was refused: {reply}")
            return reply
        step_id = str(uuid.uuid4())
        call("agenda:add", {"id": step_id, "kind": "statements", "title": "Vision", "position": 1,
                            "settings": {"subject": "vision"}})
        call("agenda:go", {"step_id": step_id})

        sizes = ids_per_swarm(args.n, args.processes)
        texts = (STATEMENTS * (args.writers // len(STATEMENTS) + 1))[:args.writers]
        written: list[tuple[str, str]] = []
        writes = []
        for i, size in enumerate(sizes):
            mine = []
            for j in range(size):
                k = j * args.processes + i
                if k < len(texts):
                    sid = str(uuid.uuid4())
                    written.append((sid, texts[k]))
                    mine.append([{"id": sid, "text": texts[k]}])
                else:
                    mine.append([])
            writes.append(mine)
        wrote = storm(run, "statements:write", writes, args.timeout)
        print(f"  statements written: {len(wrote['latencies'])}/{wrote['sent']}", flush=True)
        written = [w for w in written]
        call("statements:show", {"what": "statements"})

        hidden = storm(run, "statements:mark", marks_for(sizes, written, args.marks, rng), args.timeout)
        say_storm("marks hidden (heat to the facilitator only)", hidden)
        call("statements:show", {"what": "marks"})
        shown = storm(run, "statements:mark", marks_for(sizes, written, args.marks, rng), args.timeout)
        say_storm(f"marks shown (heat to all {args.n} participants)", shown)

        state = call("sync", {})["state"]["statements"][step_id]
        counted = sum(p["count"] for p in state["ranking"])
        print(f"  ranking: {len(state['ranking'])} phrases, top: "
              + "; ".join(f"{p['text']!r} ({p['count']})" for p in state["ranking"][:3]))
        print(f"  acked marks {len(hidden['latencies']) + len(shown['latencies'])} "
              f"(the ranking's counts add up to {counted}: a person counts once per phrase)")
    finally:
        if run.swarms:
            run.swarms.close()
        target.stop()
    print(f"load average after: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main(sys.argv[1:])
