"""What moving the room to another step costs: `python bench/step_broadcast.py [-n 3000]`.

Starts a real server.py on loopback, seats N participants (groups of 5) and three
control screens through bench/swarm.py's client processes, then moves the room
back and forth between the Collect and Cluster steps of the Team retrospective,
alternately with `phase:set` (a client that knows only phases, as before agendas)
and with `agenda:go` (the agenda's Go). Each move is one transaction and two
broadcasts to the workshop's room: `agenda:changed` (the whole agenda, with the
columns cards are written in now) and then `phase:changed`.

For each way of moving it prints, over its rounds: the time from sending until
`phase:changed` (sent last) reached each client (p50, p99; the median of the
rounds' p99s, since one round's p99 swings by 2x on a shared machine), the
facilitator's ack, the server's CPU per move, and the size of the agenda that
every client receives. It prints figures and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import Run, lifted_limits  # noqa: E402
from machinery import Target, machine, pct  # noqa: E402

WAYS = ("phase:set", "agenda:go")


def arrivals_after(run: Run, phase: str, start: float, timeout: float) -> tuple[list[float], int]:
    """Seconds from ``start`` until each client heard ``phase:changed`` to ``phase``; and how many clients there are."""
    deadline = time.monotonic() + timeout
    while True:
        seen = [a for r in run.swarms.ask("phase_arrivals", {"phase": phase}) for a in r["arrivals"]]
        fresh = [a - start for a in seen if a is not None and a >= start]
        if len(fresh) == len(seen) or time.monotonic() > deadline:
            return fresh, len(seen)
        time.sleep(0.2)


def move(run: Run, way: str, phase: str, step_ids: dict[str, str]) -> dict:
    cpu0 = run.target.cpu()
    if way == "phase:set":
        reply = run.swarms.ask_one(0, "set_phase", {"phase": phase})
        start, ack, ok = reply["start"], reply["ack"], reply["ok"]
    else:
        reply = run.swarms.ask_one(0, "control_call", {"event": "agenda:go", "payload": {"step_id": step_ids[phase]}})
        start, ack, ok = reply["start"], reply["seconds"], bool(reply["reply"].get("ok"))
    if not ok:
        raise SystemExit(f"{way} to {phase} was refused: {reply}")
    got, clients = arrivals_after(run, phase, start, run.args.timeout)
    return {"way": way, "phase": phase, "arrived": got, "clients": clients, "ack": ack,
            "server_cpu": run.target.cpu() - cpu0}


def report(rounds: list[dict], agenda_bytes: int) -> None:
    print("\nsummary: moving the room to another step "
          f"(agenda:changed carries {agenda_bytes:,} bytes of agenda to every client)")
    for way in WAYS:
        mine = [r for r in rounds if r["way"] == way]
        every = [a for r in mine for a in r["arrived"]]
        p99s = sorted(pct(r["arrived"], 99) for r in mine if r["arrived"])
        missing = sum(r["clients"] - len(r["arrived"]) for r in mine)
        print(f"  {way:<10} {len(mine)} moves to {mine[0]['clients']:,} clients: "
              f"p50 {pct(every, 50) * 1000:5.0f} ms, p99 {pct(every, 99) * 1000:5.0f} ms, "
              f"median round p99 {statistics.median(p99s) * 1000:5.0f} ms "
              f"(rounds {', '.join(f'{p * 1000:.0f}' for p in p99s)}); "
              f"ack {statistics.median(r['ack'] for r in mine) * 1000:.0f} ms; "
              f"server cpu {statistics.median(r['server_cpu'] for r in mine):.2f} s per move; missing {missing}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=300, help="participants (default 300; the issue's figure is 3000)")
    parser.add_argument("--controls", type=int, default=3, help="control screens")
    parser.add_argument("--rounds", type=int, default=5, help="moves measured with each way")
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--join-concurrency", type=int, default=200, help="joins in flight per client process")
    parser.add_argument("--timeout", type=float, default=180, help="limit for one step (seconds)")
    parser.add_argument("--json", help="also write the rounds to this file")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    print(f"load average before: {Path('/proc/loadavg').read_text().strip()} (other work on the machine skews figures)")
    print(f"command: python bench/step_broadcast.py {' '.join(argv)}", flush=True)

    target = Target("bowtie", "bowtie")
    target.start_bowtie("FULL", lifted_limits(args))
    run = Run(target, args)
    try:
        run.open_room()
        state = run.swarms.ask_one(0, "control_call", {"event": "sync", "payload": {}})["reply"]["state"]
        step_ids = {s["kind"]: s["id"] for s in state["agenda"]["steps"]}
        agenda_bytes = len(json.dumps(state["agenda"], separators=(",", ":")))
        run.swarms.ask_one(0, "set_phase", {"phase": "collect"})  # not measured: out of the lobby
        rounds = []
        for i in range(args.rounds):
            # Each way moves to each step as often, and every move changes the phase.
            ways = WAYS if i % 2 == 0 else WAYS[::-1]
            for way, phase in zip(ways, ("cluster", "collect")):
                done = move(run, way, phase, step_ids)
                rounds.append(done)
                print(f"  {way} to {phase}: {len(done['arrived'])}/{done['clients']} clients, "
                      f"p99 {pct(done['arrived'], 99) * 1000:.0f} ms, ack {done['ack'] * 1000:.0f} ms, "
                      f"server cpu {done['server_cpu']:.2f} s", flush=True)
        report(rounds, agenda_bytes)
        if args.json:
            Path(args.json).write_text(json.dumps(rounds, indent=2))
    finally:
        if run.swarms:
            run.swarms.close()
        target.stop()
    print(f"load average after: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main(sys.argv[1:])
