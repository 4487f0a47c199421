"""Bowtie's load benchmark: `python bench/load.py [options]` (or `make bench`).

Starts a real `server.py` (or, with --workers N, Redis + N workers + nginx via
bench/cluster.sh) and a bare Flask-SocketIO relay (bench/floor.py) on
loopback, drives both with swarms of real Socket.IO clients (bench/swarm.py,
several client processes) and prints, per scenario, counts, p50/p95/p99
latencies, throughput, errors, the server's memory and the CPU split between
server and clients (and how much of the server's the kernel spent on its system
calls: sending a message over loopback). Everything is bounded: each wait has a timeout.

Scenarios, in the order they run: join storm, phase broadcast, vote storm, paced
vote (every dot at a Poisson moment over a minute, on the seed cards), collect
(cards to every group member and every control screen, checked for loss and
duplicates), resync (not by default: after each step change every client takes
the snapshot a browser would, with --board-cards on the board; Bowtie only),
snapshot (size and server CPU of a participant's snapshot with --board-cards on
the board, in Cluster), reconnect storm (every participant's connection closes at
once and comes back within a few seconds, re-joining with its token and `since`:
snapshots against catch-ups, time until everyone is current, memory before, at
peak and a while after), export,
and the same against the floor wherever the floor can do it. Every scenario also
prints the longest pause of the server's event loop (BOWTIE_LOOP_LAG_PROBE).
`--scenarios reconnect,paced-vote` runs only those (after the join storm).
Vote storm and export skip, saying so, when the server lacks their events or routes.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Callable

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machinery import PY, Swarms, Target, machine, ms, pct, pressure, runqueue_wait  # noqa: E402
from swarm import HTTP_CONNECTIONS  # noqa: E402

# In the order they run (the join storm always runs first: every other one needs the room).
# The paced vote runs before collect, on the seed cards: after collect every one of
# the room's cards would be on its ballot (3,000 items), which is no vote a room holds.
SCENARIOS = ("phase", "vote", "paced-vote", "collect", "resync", "snapshot", "reconnect", "export")
DEFAULT_SCENARIOS = "phase,vote,paced-vote,collect,snapshot,reconnect,export"


# -- scenarios --------------------------------------------------------------------
def lifted_limits(args: argparse.Namespace) -> dict[str, str]:
    """Every simulated person comes from this one machine: lift the limits a venue
    needs per address and per person, so the bench measures the work, not the guard."""
    return {"BOWTIE_EVENTS_PER_SECOND": "1000", "BOWTIE_EVENT_BURST": "1000",
            "BOWTIE_PERSON_EVENTS_PER_SECOND": "1000", "BOWTIE_PERSON_EVENT_BURST": "1000",
            "BOWTIE_JOIN_ATTEMPTS_PER_MINUTE": "1000000", "BOWTIE_JOINS_PER_ADDRESS_PER_MINUTE": "0",
            # Every socket, the exports' requests and each client process's HTTP connections (swarm.HTTP_CONNECTIONS).
            "BOWTIE_CONNECTIONS_PER_ADDRESS": str(args.n + getattr(args, "controls", 0) + 100
                                                  + args.processes * HTTP_CONNECTIONS),
            "BOWTIE_LOOP_LAG_PROBE": "1"}


class Run:
    """One target driven through the scenarios; ``figures`` collects what is printed."""

    def __init__(self, target: Target, args: argparse.Namespace):
        self.target, self.args = target, args
        self.figures: dict = {"target": target.name}
        self.people: list[dict] = []
        self.swarms: Swarms | None = None
        self.board_ready = False
        self.phase = "lobby"  # the last phase set

    def say(self, text: str) -> None:
        print(f"[{self.target.name}] {text}", flush=True)

    def loop_lag(self) -> dict | None:
        """The server's longest event-loop pause since the last look (None: no probe)."""
        try:
            response = requests.get(self.target.url + "/bench/loop-lag", timeout=30)
            return response.json() if response.ok else None
        except (requests.RequestException, ValueError):
            return None

    def measure(self, name: str, fn):
        """Run a scenario and note the CPU both sides spent on it, and the loop's longest pause."""
        self.loop_lag()  # a new window for this scenario
        self.swarms.ask("health", {})  # and for the clients' drops and loop pauses
        profiler = self.profile(name)
        server0, clients0, wall0 = self.target.cpu(), self.swarms.cpu(), time.monotonic()
        kernel0 = self.target.kernel_cpu()
        helpers0 = self.target.helper_cpu()
        waited0 = sum(runqueue_wait(pid) for pid in self.target.pids)
        cpu_p0, io_p0 = pressure("cpu"), pressure("io")
        result = fn()
        wall = time.monotonic() - wall0
        if profiler:
            profiler.send_signal(signal.SIGINT)  # py-spy writes its profile and exits
            profiler.wait(60)
        server, clients = self.target.cpu() - server0, self.swarms.cpu() - clients0
        kernel = self.target.kernel_cpu() - kernel0
        split = (f"cpu: server {server:.1f}s ({server / wall * 100:.0f}% of a core; {kernel:.1f}s of it in the kernel), "
                 f"clients {clients:.1f}s ({clients / wall * 100:.0f}%) over {wall:.1f}s")
        if self.target.helper_pids:
            helpers = self.target.helper_cpu() - helpers0
            split += f"; redis+nginx {helpers:.1f}s ({helpers / wall * 100:.0f}%)"
        waited = sum(runqueue_wait(pid) for pid in self.target.pids) - waited0
        cpu_p, io_p = pressure("cpu") - cpu_p0, pressure("io") - io_p0
        split += (f"\n    contention: server loop waited {waited:.1f}s for a CPU; machine-wide pressure "
                  f"cpu {cpu_p / wall * 100:.0f}%, io {io_p / wall * 100:.0f}% of the time")
        lag = self.loop_lag()
        if lag:
            split += (f"\n    event loop: longest pause {lag['window_max_ms']:.0f} ms, "
                      f"{lag['window_over_50ms']} pauses over 50 ms")
            self.figures.setdefault("loop_lag", {})[name] = lag
        split += self.client_health(name)
        self.say(f"  {split}; server memory now {self.target.memory()['rss_mb']:.0f} MB")
        self.figures.setdefault("cpu", {})[name] = {"server_s": server, "server_kernel_s": kernel,
                                                    "clients_s": clients, "wall_s": wall,
                                                    "server_waited_s": waited, "cpu_pressure": cpu_p / wall,
                                                    "io_pressure": io_p / wall}
        return result

    def client_health(self, name: str) -> str:
        """The connections the clients lost without closing them, and how long the
        client processes' own loops stalled: a client busier than the server answers
        its pings late (python-engineio's client gives up after ping interval + 5 s)."""
        replies = self.swarms.ask("health", {})
        dropped = [d for r in replies for d in r["dropped"]]
        pause = max(r["loop_pause"] for r in replies)
        reasons = Counter(d["reason"] for d in dropped)
        self.figures.setdefault("clients", {})[name] = {"dropped": len(dropped), "reasons": dict(reasons),
                                                        "loop_pause_ms": pause * 1000}
        said = f"\n    clients: longest loop pause {pause * 1000:.0f} ms"
        if dropped:
            said += f"; {len(dropped)} connections DROPPED ({', '.join(f'{n} {r}' for r, n in reasons.items())})"
        return said

    def profile(self, name: str) -> subprocess.Popen | None:
        """With --profile DIR: py-spy samples the server (first worker) during a scenario."""
        if not self.args.profile or self.target.kind == "floor":
            return None
        out = Path(self.args.profile) / f"{self.target.name.replace(':', '-')}-{name}"
        out.parent.mkdir(parents=True, exist_ok=True)
        return subprocess.Popen([str(Path(PY).parent / "py-spy"), "record", "--pid", str(self.target.pids[0]),
                                 "--rate", "200", "--format", "raw", "--nonblocking",
                                 "--output", f"{out}.txt"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def setup(self) -> dict:
        if self.target.kind == "floor":
            return {}
        response = requests.post(self.target.url + "/api/workshops",
                                 json={"title": "Load test", "blind_writing": False, "group_size": 5}, timeout=30)
        response.raise_for_status()
        return response.json()

    def run(self) -> dict:
        args = self.args
        workshop = self.setup()
        self.workshop = workshop
        self.swarms = Swarms(self.target.url, "floor" if self.target.kind == "floor" else "bowtie", args.processes)
        try:
            k = args.processes
            control_join = {"workshop_id": workshop.get("id"), "key": workshop.get("facilitator_key")}
            self.swarms.ask_one(0, "connect", {"indices": list(range(args.n, args.n + args.controls)), "control": True,
                                               "join": control_join, "concurrency": args.controls})
            self.measure("join", lambda: self.join_storm(workshop, k))
            steps: dict[str, Callable[[], None]] = {
                "phase": self.phase_broadcasts, "resync": self.browser_resyncs, "vote": self.vote_storm,
                "collect": self.collect, "paced-vote": self.paced_vote, "snapshot": self.snapshot_cost,
                "reconnect": self.reconnect_storm}
            bowtie_only = {"resync", "snapshot"}
            for name in SCENARIOS:
                if name in args.scenario_list and name in steps and (self.target.kind != "floor"
                                                                      or name not in bowtie_only):
                    try:
                        self.measure(name, steps[name])
                    except RuntimeError as failed:
                        # A server that collapses is a result: say so, keep the figures so far,
                        # skip what needs the clients it lost.
                        self.figures[f"{name}_failed"] = str(failed)
                        self.say(f"{name}: FAILED ({failed}); the scenarios after it are skipped")
                        break
            lag = self.loop_lag()
            if lag:
                self.figures["loop_lag_overall"] = lag
                self.say(f"event loop over the whole run: longest pause {lag['overall_max_ms']:.0f} ms, "
                         f"{lag['overall_over_50ms']} pauses over 50 ms")
            mem = self.target.memory()
            self.figures["memory"] = mem
            self.say(f"server memory: {mem['rss_mb']:.0f} MB resident now, {mem['peak_mb']:.0f} MB peak "
                     f"({args.n + args.controls} connections)")
        finally:
            self.swarms.close()
        if self.target.kind != "floor" and "export" in args.scenario_list:
            self.export()
        return self.figures

    def open_room(self, compress: int = 0) -> dict:
        """A bowtie workshop with its control screens watching and every person joined
        (``compress``: their websockets offer permessage-deflate, see bench/ws_deflate.py)."""
        workshop = self.setup()
        self.workshop = workshop
        self.swarms = Swarms(self.target.url, "bowtie", self.args.processes, compress)
        control = {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]}
        screens = list(range(self.args.n, self.args.n + self.args.controls))
        self.swarms.ask_one(0, "connect", {"indices": screens, "control": True, "join": control,
                                           "concurrency": self.args.controls})
        self.join_storm(workshop, self.args.processes)
        return workshop

    def join_storm(self, workshop: dict, k: int) -> None:
        n = self.args.n
        shares = [{"indices": list(range(i, n, k)), "control": False, "join": {"code": workshop.get("code")},
                   "concurrency": self.args.join_concurrency} for i in range(k)]
        start = time.monotonic()
        replies = self.swarms.ask("connect", shares, timeout=self.args.timeout)
        seconds = time.monotonic() - start
        results = [r for reply in replies for r in reply["results"]]
        good = [r for r in results if r["ok"]]
        self.people = good
        errors = [e for reply in replies for e in reply["errors"]]
        self.figures["join"] = {"n": n, "acked": len(good), "seconds": seconds,
                                "p50": pct([r["latency"] for r in good], 50),
                                "p99": pct([r["latency"] for r in good], 99), "errors": len(results) - len(good)}
        self.say(f"join storm: {len(good)}/{n} acknowledged in {seconds:.2f}s "
                 f"({len(good) / seconds:.0f} joins/s); connect+join {ms([r['latency'] for r in good])}; "
                 f"errors {len(results) - len(good)}")
        for e in errors[:5]:
            self.say(f"  error: {e}")

    def phase_broadcasts(self) -> None:
        """``--phase-rounds`` broadcasts, cluster and collect in turn, ending in
        collect: one broadcast's p99 swings by 2x from run to run."""
        rounds = [self.phase_broadcast("collect" if i % 2 == self.args.phase_rounds % 2 else "cluster")
                  for i in range(1, self.args.phase_rounds + 1)]
        p99s = sorted(pct(got, 99) for got in rounds if got)
        every = [a for got in rounds for a in got]
        self.figures["phase"] = {"n": len(rounds[-1]), "rounds": len(rounds), "p50": pct(every, 50),
                                 "p99": pct(every, 99), "median_round_p99": p99s[len(p99s) // 2] if p99s else None,
                                 "round_p99s": p99s}
        self.say(f"phase broadcast: {len(rounds)} rounds to {len(rounds[-1])} clients; all arrivals {ms(every)}; "
                 f"each round's p99: {', '.join(f'{p * 1000:.0f}' for p in p99s)} ms")

    def browser_resyncs(self) -> None:
        """Clients that ask for a snapshot after a phase change, as browsers do
        (unless the change says `resync: false`): into cluster (every card
        becomes readable: a snapshot each), on to vote (nothing to resync), and
        back to collect. Time from `phase:set` until every client has its snapshot,
        with --board-cards on the board (the board a room of this size writes)."""
        self.say(f"  ({self.fill_cards(self.args.board_cards)} cards on the board)")
        self.swarms.ask("act_like_browsers", {"on": True, "shared_cards": not self.args.inline_cards})
        figures = {}
        try:
            for phase in ("cluster", "vote", "collect"):
                reply = self.swarms.ask_one(0, "set_phase", {"phase": phase})
                deadline = time.monotonic() + self.args.timeout
                last, quiet_since = -1, time.monotonic()
                while True:
                    replies = self.swarms.ask("resyncs", {"phase": phase})
                    synced = [s for r in replies for s in r["synced"]]
                    done = [s - reply["start"] for s in synced if s is not None and s >= reply["start"]]
                    if len(done) != last or any(r["fetching"] for r in replies):
                        last, quiet_since = len(done), time.monotonic()
                    # Until everyone has one, or none came (nor was being fetched) for 3 s: a change that needs none.
                    if len(done) == len(synced) or time.monotonic() - quiet_since > 3 or time.monotonic() > deadline:
                        break
                    time.sleep(0.2)
                figures[phase] = {"snapshots": len(done), "clients": len(synced),
                                  "p50": pct(done, 50), "p99": pct(done, 99), "max": max(done) if done else None}
                self.say(f"browser resync after phase '{phase}': {len(done)}/{len(synced)} clients took a snapshot"
                         + (f"; all had it after {max(done):.2f}s ({ms(done)})" if done else ""))
                fetched = [f for r in replies for f in r["fetched"]]
                if fetched:
                    figures[phase]["fetched_kb"] = max(b for _, b in fetched) / 1024
                    self.say(f"  shared cards over HTTP: {len(fetched)} requests of {max(b for _, b in fetched) / 1024:.0f}"
                             f" KB (gzip); each {ms([t for t, _ in fetched])}")
                self.swarms.ask("act_like_browsers", {"on": True, "shared_cards": not self.args.inline_cards})
                for e in {e for r in replies for e in r["errors"]}:
                    self.say(f"  error: {e}")
        finally:
            self.swarms.ask("act_like_browsers", {"on": False})
        self.figures["resync"] = figures

    def phase_broadcast(self, phase: str) -> list[float]:
        reply = self.swarms.ask_one(0, "set_phase", {"phase": phase})
        if not reply.get("ok"):
            self.say(f"phase broadcast: refused {reply.get('reply')}")
            return []
        self.phase = phase
        deadline = time.monotonic() + 30
        while True:
            arrivals = [a if a is not None and a >= reply["start"] else None
                        for r in self.swarms.ask("phase_arrivals", {"phase": phase}) for a in r["arrivals"]]
            if all(a is not None for a in arrivals) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        got = [a - reply["start"] for a in arrivals if a is not None]
        self.say(f"  (phase '{phase}': {len(got)}/{len(arrivals)} clients, p99 {pct(got, 99) * 1000:.0f} ms, "
                 f"facilitator ack {reply['ack'] * 1000:.1f} ms)")
        return got

    def collect(self) -> None:
        args = self.args
        k = len(self.swarms.pipes)
        if self.phase != "collect":
            self.phase_broadcast("collect")  # run on its own (--scenarios collect): still in the lobby
        self.swarms.ask("reset_cards", {})
        column = "start"
        start = time.monotonic()
        self.swarms.ask("collect", {"rate": args.rate / k, "seconds": args.seconds, "column": column},
                        timeout=args.seconds + 120)
        sending = time.monotonic() - start
        time.sleep(args.drain)
        replies = self.swarms.ask("received", {})
        sends = [s for r in replies for s in r["sends"]]
        people = [p for r in replies for p in r["people"]]
        error_count = sum(r["error_count"] for r in replies)
        acked = [s for s in sends if s["ok"]]
        members: dict[str, list[str]] = {}
        for p in people:
            if not p["control"] and p["group_id"]:
                members.setdefault(p["group_id"], []).append(p["participant_id"])
        by_id = {p["participant_id"]: p for p in people if not p["control"]}
        controls = [p for p in people if p["control"]]
        member_lat, control_lat, missing, duplicates = [], [], 0, sum(p["duplicates"] for p in people)
        for s in acked:
            for pid in members.get(s["group_id"], []):
                if pid == s["author"]:
                    continue
                lat = by_id[pid]["cards"].get(s["id"])
                if lat is None:
                    missing += 1
                else:
                    member_lat.append(lat)
            for c in controls:
                lat = c["cards"].get(s["id"])
                if lat is None:
                    missing += 1
                else:
                    control_lat.append(lat)
        acks = [s["ack"] for s in acked]
        gone = [p for p in people if p["disconnected_at"] is not None]
        if gone:
            self.say(f"  {len(gone)} clients were disconnected by then ({sum(p['control'] for p in gone)} control "
                     "screens): the cards they missed count as missing")
        deliveries = len(member_lat) + len(control_lat)
        self.figures["collect"] = {
            "cards": len(sends), "acked": len(acked), "rate": args.rate, "seconds": sending,
            "member": {"n": len(member_lat), "p50": pct(member_lat, 50), "p95": pct(member_lat, 95),
                       "p99": pct(member_lat, 99)},
            "control": {"n": len(control_lat), "p50": pct(control_lat, 50), "p95": pct(control_lat, 95),
                        "p99": pct(control_lat, 99)},
            "ack": {"p50": pct(acks, 50), "p99": pct(acks, 99)},
            "all": {"p50": pct(member_lat + control_lat, 50), "p99": pct(member_lat + control_lat, 99)},
            "missing": missing, "duplicates": duplicates, "errors": error_count, "disconnected": len(gone)}
        self.say(f"collect: {len(acked)}/{len(sends)} cards acked at {len(acked) / sending:.0f} cards/s "
                 f"(target {args.rate}/s) over {sending:.1f}s; {deliveries} deliveries "
                 f"({deliveries / sending:.0f}/s); missing {missing}, duplicates {duplicates}, errors {error_count}")
        self.say(f"  to group members:   {ms(member_lat)}")
        self.say(f"  to control screens: {ms(control_lat)}")
        self.say(f"  card:add ack:       {ms(acks)}")
        for e in [e for r in replies for e in r["errors"]][:5]:
            self.say(f"  error: {e}")

    def vote_storm(self) -> None:
        """Every participant places all their dots at once (docs/protocol.md, dot
        votes): ack latencies, and the closing totals checked against the acks.
        Runs between two collect phases: a few seed cards become the ballot."""
        args = self.args
        items = self.open_vote("vote", "vote storm")
        if items is None:
            return
        start = time.monotonic()
        replies = self.swarms.ask("vote", {"items": items, "dots": args.dots, "timeout": 60}, timeout=args.timeout)
        seconds = time.monotonic() - start
        dots = [d for r in replies for d in r["dots"]]
        placed = [d for d in dots if d["ok"]]
        totals, exact = self.close_vote(placed)
        lat = [d["seconds"] for d in placed]
        self.figures["vote"] = {"participants": len(self.people), "dots": len(dots), "placed": len(placed),
                                "seconds": seconds, "p50": pct(lat, 50), "p95": pct(lat, 95), "p99": pct(lat, 99),
                                "exact": exact, "errors": len(dots) - len(placed)}
        self.say(f"vote storm: {len(placed)}/{len(dots)} dots acked ({len(self.people)} participants x {args.dots}) "
                 f"in {seconds:.2f}s ({len(placed) / seconds:.0f} dots/s); ack {ms(lat)}; closing totals "
                 f"{'exact' if exact else 'WRONG'} ({sum(totals.values())} dots over {len(totals)} items)")
        for e in sorted({str(d["error"]) for d in dots if not d["ok"]})[:5]:
            self.say(f"  error: {e}")
        self.phase_broadcast("collect")

    def open_vote(self, name: str, title: str) -> list[str] | None:
        """A few seed cards become the ballot of a new vote; its items (None: skipped, said why)."""
        if self.phase != "collect":
            self.phase_broadcast("collect")  # run without the phase broadcasts: still in the lobby
        self.swarms.ask_one(0, "collect", {"rate": 40, "seconds": 0.5, "column": "start"})  # 20 seed cards
        self.phase_broadcast("vote")
        opened = self.swarms.ask_one(0, "control_call", {"event": "vote:open", "payload": {
            "id": str(uuid.uuid4()), "dots_per_participant": self.args.dots, "max_per_item": min(3, self.args.dots)}})
        reply = opened.get("reply") or {}
        if not reply.get("ok"):
            self.say(f"{title}: skipped: `vote:open` was not accepted ({reply.get('error') or opened}); "
                     "this server has no dot votes")
            self.figures[name] = "skipped"
            self.phase_broadcast("collect")
            return None
        return [item["id"] for item in reply["vote"]["items"]]

    def close_vote(self, placed: list[dict]) -> tuple[dict, bool]:
        """Close the vote: its totals, and whether they are exactly the acknowledged dots."""
        closed = self.swarms.ask_one(0, "control_call", {"event": "vote:close", "payload": {}})
        ranking = ((closed.get("reply") or {}).get("vote") or {}).get("ranking") or []
        expected: dict[str, int] = {}
        for d in placed:
            expected[d["item_id"]] = expected.get(d["item_id"], 0) + 1
        totals = {r["id"]: r["dots"] for r in ranking if r["dots"]}
        return totals, totals == expected

    def paced_vote(self) -> None:
        """Every participant places all their dots over --pace-seconds, each dot at
        its own Poisson moment (seeded): the vote a room produces. Ack latencies,
        how late the swarm sent against its schedule, and the totals checked."""
        args = self.args
        items = self.open_vote("paced_vote", "paced vote")
        if items is None:
            return
        start = time.monotonic() + 1.0  # one moment for every swarm, after the command reaches them
        shares = [{"items": items, "dots": args.dots, "seconds": args.pace_seconds, "seed": args.seed + i,
                   "start": start, "timeout": 60} for i in range(len(self.swarms.pipes))]
        replies = self.swarms.ask("paced_vote", shares, timeout=args.pace_seconds + args.timeout)
        seconds = time.monotonic() - start
        dots = [d for r in replies for d in r["dots"]]
        placed = [d for d in dots if d["ok"]]
        totals, exact = self.close_vote(placed)
        lat, late = [d["seconds"] for d in placed], [d["late"] for d in dots]
        self.figures["paced_vote"] = {"participants": len(self.people), "dots": len(dots), "placed": len(placed),
                                      "seconds": seconds, "p50": pct(lat, 50), "p95": pct(lat, 95),
                                      "p99": pct(lat, 99), "max": max(lat) if lat else None, "exact": exact,
                                      "errors": len(dots) - len(placed), "sent_late_p99": pct(late, 99)}
        self.say(f"paced vote: {len(placed)}/{len(dots)} dots acked ({len(self.people)} participants x {args.dots} "
                 f"over {args.pace_seconds:g}s, {len(dots) / args.pace_seconds:.0f} dots/s on average); ack {ms(lat)}; "
                 f"closing totals {'exact' if exact else 'WRONG'} ({sum(totals.values())} dots over "
                 f"{len(totals)} items); the swarm sent each dot {pct(late, 99) * 1000:.1f} ms after its moment "
                 "at p99")
        for e in sorted({str(d["error"]) for d in dots if not d["ok"]})[:5]:
            self.say(f"  error: {e}")
        self.phase_broadcast("collect")

    def board_in_cluster(self) -> None:
        """--board-cards cards on the board (written into the database, as export does)
        and the phase Cluster, where every participant's snapshot carries every card."""
        if self.board_ready:
            return
        if self.target.kind != "floor":
            cards = self.fill_cards(self.args.board_cards)
            self.say(f"  ({cards} cards on the board)")
        self.phase_broadcast("cluster")
        self.board_ready = True

    def snapshot_cost(self) -> None:
        """--snapshots participants in turn take a fresh snapshot (`sync {}`) in Cluster:
        its bytes, its time, and the server's CPU per snapshot (nothing else runs meanwhile)."""
        self.board_in_cluster()
        cpu0 = self.target.cpu()
        replies = self.swarms.ask("snapshots", {"count": max(1, self.args.snapshots // len(self.swarms.pipes))},
                                  timeout=self.args.timeout)
        cpu = self.target.cpu() - cpu0
        taken = [t for r in replies for t in r["taken"]]
        if not taken:
            self.say("snapshot: none taken")
            return
        sizes = [t["bytes"] for t in taken]
        self.figures["snapshot"] = {"count": len(taken), "cards": taken[0]["cards"], "bytes": pct(sizes, 50),
                                    "cpu_ms": cpu / len(taken) * 1000, "p50": pct([t["seconds"] for t in taken], 50),
                                    "p99": pct([t["seconds"] for t in taken], 99)}
        f = self.figures["snapshot"]
        self.say(f"snapshot: {len(taken)} participant snapshots of {f['cards']} cards in Cluster, one at a time: "
                 f"{f['bytes'] / 1024:.0f} KB each, server CPU {f['cpu_ms']:.1f} ms each; "
                 f"round trip {ms([t['seconds'] for t in taken])}")

    def reconnect_storm(self) -> None:
        """The venue's Wi-Fi drops: every participant's connection closes at once;
        while they are away the facilitator makes --reconnect-changes changes
        (`cluster:create`); then each comes back at its own moment within
        --reconnect-spread seconds, re-joining with its token and `since`. Counted:
        snapshots against catch-ups (none of them needs a snapshot), the time
        until every one is current, the server's memory before, at peak, and
        --reconnect-settle seconds after."""
        args = self.args
        self.board_in_cluster()
        time.sleep(1)  # the phase change's broadcast has reached everyone
        before = self.target.memory()["rss_mb"]
        dropped = sum(r["dropped"] for r in self.swarms.ask("drop", {}))
        for i in range(args.reconnect_changes):
            self.swarms.ask_one(0, "control_call", {"event": "cluster:create", "payload": {
                "id": str(uuid.uuid4()), "name": f"While they were away {i + 1}"}})
        time.sleep(0.5)  # the changes' broadcasts reach the control screens
        latest = max(seq for r in self.swarms.ask("seqs", {}) for seq in r["controls"])
        start = time.monotonic() + 0.5
        join = {"code": self.workshop.get("code")}
        for pipe, i in zip(self.swarms.pipes, range(len(self.swarms.pipes))):
            pipe.send(("come_back", {"join": join, "start": start, "seconds": args.reconnect_spread,
                                     "seed": args.seed + 100 + i, "concurrency": args.join_concurrency}))
        peak = before
        # Each client gives up after its connect (60 s) and re-join (120 s) timeouts: the swarms always answer.
        while not all(pipe.poll(0) for pipe in self.swarms.pipes):
            peak = max(peak, self.target.memory()["rss_mb"])
            if time.monotonic() > start + args.reconnect_spread + 300:
                raise TimeoutError("the reconnect storm did not finish")
            time.sleep(0.1)
        replies = [pipe.recv() for pipe in self.swarms.pipes]
        results = [r for reply in replies for r in reply["results"]]
        back = [r for r in results if r["ok"]]
        current = [r["done"] - start for r in back if r["seq"] >= latest]
        snapshots = sum(1 for r in back if r["kind"] == "snapshot")
        sent = [r["bytes"] for r in back]
        settle_end = time.monotonic() + args.reconnect_settle
        while time.monotonic() < settle_end:
            peak = max(peak, self.target.memory()["rss_mb"])
            time.sleep(0.5)
        after = self.target.memory()["rss_mb"]
        self.figures["reconnect"] = {
            "dropped": dropped, "back": len(back), "errors": len(results) - len(back), "current": len(current),
            "all_current_s": max(current) if len(current) == len(results) else None,
            "p50": pct(current, 50), "p99": pct(current, 99), "snapshots": snapshots,
            "catch_ups": len(back) - snapshots, "bytes_sent": sum(sent), "latest_seq": latest,
            "memory_before_mb": before, "memory_peak_mb": peak, "memory_after_mb": after,
            "settle_s": args.reconnect_settle}
        f = self.figures["reconnect"]
        every = f"every one current {f['all_current_s']:.2f}s after the wave began" if f["all_current_s"] \
            else f"{len(current)}/{len(results)} current"
        self.say(f"reconnect storm: {dropped} dropped, {len(back)} back within {args.reconnect_spread:g}s; {every} "
                 f"(current at {ms(current)}); {snapshots} took a snapshot, {len(back) - snapshots} only what they "
                 f"missed ({args.reconnect_changes} changes); {sum(sent) / 2**20:.1f} MB of acks; "
                 f"errors {len(results) - len(back)}")
        self.say(f"  each one's connect + re-join: {ms([r['seconds'] for r in back])}")
        self.say(f"  server memory: {before:.0f} MB before, {peak:.0f} MB at peak, {after:.0f} MB "
                 f"{args.reconnect_settle:g}s after")
        for e in [e for reply in replies for e in reply["errors"]][:5]:
            self.say(f"  error: {e}")

    def export(self) -> None:
        """Export a workshop of 10,000 cards in each format. The cards are written
        straight into the database file (the export reads it; how cards arrive is
        measured by collect). Skipped, saying why, without the export routes."""
        base = f"{self.target.url}/api/workshops/{self.workshop['id']}/export"
        auth = {"Authorization": f"Bearer {self.workshop['facilitator_key']}"}
        probe = requests.get(f"{base}/json", headers=auth, timeout=60)
        if probe.status_code == 404:
            self.say("export: skipped: this server has no export routes (GET /api/workshops/<id>/export/<format>)")
            self.figures["export"] = "skipped"
            return
        added = self.fill_cards(self.args.export_cards)
        self.figures["export"] = {"cards": added}
        for fmt in ("markdown", "csv", "json"):
            times, size = [], 0
            for _ in range(3):
                start = time.monotonic()
                response = requests.get(f"{base}/{fmt}", headers=auth, timeout=120)
                times.append(time.monotonic() - start)
                size = len(response.content)
                if response.status_code != 200:
                    self.say(f"export {fmt}: status {response.status_code}: {response.text[:200]}")
                    break
            self.figures["export"][fmt] = {"best": min(times), "worst": max(times), "bytes": size}
            self.say(f"export {fmt}: {added} cards in {min(times) * 1000:.0f} ms (worst of 3: "
                     f"{max(times) * 1000:.0f} ms), {size / 1024:.0f} KB")

    def fill_cards(self, total: int) -> int:
        import sqlite3
        db = sqlite3.connect(self.target.workdir / "bowtie.db", timeout=30)
        try:
            have = db.execute("SELECT COUNT(*) FROM cards WHERE workshop_id = ?", [self.workshop["id"]]).fetchone()[0]
            people = db.execute("SELECT id, group_id FROM participants WHERE workshop_id = ?",
                                [self.workshop["id"]]).fetchall()
            now = time.time()
            rows = [(str(uuid.uuid4()), self.workshop["id"], people[i % len(people)][0], people[i % len(people)][1],
                     ("start", "stop", "continue")[i % 3], f"Card {i}: keep the weekly demo, it helps", now, now)
                    for i in range(max(0, total - have))]
            with db:
                db.executemany('INSERT INTO cards (id, workshop_id, participant_id, group_id, "column", text,'
                               " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            return db.execute("SELECT COUNT(*) FROM cards WHERE workshop_id = ?", [self.workshop["id"]]).fetchone()[0]
        finally:
            db.close()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=300, help="participants (default 300; the target is 3000)")
    parser.add_argument("--controls", type=int, default=3, help="control screens")
    parser.add_argument("--rate", type=float, default=100, help="cards per second in collect")
    parser.add_argument("--seconds", type=float, default=20, help="length of collect")
    parser.add_argument("--drain", type=float, default=3, help="seconds to wait for the last deliveries")
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--join-concurrency", type=int, default=200, help="joins in flight per client process")
    parser.add_argument("--browser-resync", action="store_true",
                        help="also measure phase changes with clients that resync like browsers")
    parser.add_argument("--inline-cards", action="store_true",
                        help="resync: clients take every card inline in the snapshot, as an outside client that "
                             "does not ask for shared_cards (default: fetched over HTTP, as the participant's page)")
    parser.add_argument("--phase-rounds", type=int, default=5, help="phase broadcasts measured (their p99s vary)")
    parser.add_argument("--dots", type=int, default=5, help="dots per participant in the vote storm")
    parser.add_argument("--export-cards", type=int, default=10_000, help="cards in the exported workshop")
    parser.add_argument("--timeout", type=float, default=180, help="limit for one step (seconds)")
    parser.add_argument("--targets", default="floor,bowtie",
                        help="comma list of floor, floor:step (the floor's step change sends Bowtie's "
                             "messages too: bench/step_messages.py), bowtie, bowtie:SYNC (FULL, NORMAL, OFF), "
                             "cluster:N")
    parser.add_argument("--synchronous", default="FULL", help="BOWTIE_SYNCHRONOUS for bowtie targets")
    parser.add_argument("--server-root", default="",
                        help="run bowtie targets from another checkout (e.g. `git archive main` unpacked), for before/after")
    parser.add_argument("--scenarios", default=DEFAULT_SCENARIOS,
                        help=f"comma list of the scenarios to run after the join storm, of {', '.join(SCENARIOS)} "
                             f"(they run in that order; default {DEFAULT_SCENARIOS})")
    parser.add_argument("--skip-export", action="store_true", help="drop export from --scenarios")
    parser.add_argument("--skip-vote", action="store_true",
                        help="drop the vote storm from --scenarios (it runs before collect)")
    parser.add_argument("--pace-seconds", type=float, default=60,
                        help="paced vote: every participant's dots arrive over this many seconds")
    parser.add_argument("--board-cards", type=int, default=3000,
                        help="resync, snapshot and reconnect: cards on the board (in Cluster)")
    parser.add_argument("--snapshots", type=int, default=50, help="snapshot: participant snapshots taken in turn")
    parser.add_argument("--reconnect-spread", type=float, default=3,
                        help="reconnect: every participant comes back within this many seconds")
    parser.add_argument("--reconnect-changes", type=int, default=3,
                        help="reconnect: changes the facilitator makes while everyone is away")
    parser.add_argument("--reconnect-settle", type=float, default=60,
                        help="reconnect: seconds after the storm at which memory is read again")
    parser.add_argument("--seed", type=int, default=17, help="seed of the paced vote's and reconnect's moments")
    parser.add_argument("--profile", help="record py-spy profiles of the server into this folder")
    parser.add_argument("--nice", type=int, default=0,
                        help="run servers and clients at this niceness (e.g. -10, as root) so that other work "
                             "on a shared machine skews the figures less")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    args.scenario_list = {s.strip() for s in args.scenarios.split(",") if s.strip()}
    if args.browser_resync:
        args.scenario_list.add("resync")
    args.scenario_list -= {"vote"} if args.skip_vote else set()
    args.scenario_list -= {"export"} if args.skip_export else set()
    unknown = args.scenario_list - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios {', '.join(sorted(unknown))}; known: {', '.join(SCENARIOS)}")

    if args.nice:
        os.nice(args.nice)  # inherited by every server and client process started from here
    print(f"machine: {machine()}")
    print(f"load average before: {Path('/proc/loadavg').read_text().strip()} (other work on the machine skews figures)")
    print(f"command: python bench/load.py {' '.join(argv)}")
    print(f"load: {args.n} participants in groups of 5, {args.controls} control screens, "
          f"{args.rate:g} cards/s for {args.seconds:g}s, {args.processes} client processes", flush=True)
    extra_env = lifted_limits(args)
    everything = []
    for spec in args.targets.split(","):
        kind, _, option = spec.strip().partition(":")
        target = Target(spec, "cluster" if kind == "cluster" else kind)
        try:
            if kind == "floor" and option in ("", "step"):
                target.start_floor(step_messages=option == "step")
            elif kind == "bowtie":
                target.args_root = args.server_root
                target.start_bowtie(option or args.synchronous, extra_env)
            elif kind == "cluster":
                target.start_cluster(int(option or 2), args.synchronous, extra_env)
            else:
                raise SystemExit(f"unknown target {spec!r}")
            everything.append(Run(target, args).run())
        finally:
            target.stop()
    def scenario(name: str) -> Callable[[dict], dict | None]:
        return lambda figures: figures.get(name) if isinstance(figures.get(name), dict) else None

    def vs_floor(figures: dict, value: Callable[[dict], float | None], what: str, floor_name: str = "floor") -> str:
        """`value` of these figures as a ratio of the floor (or ``floor_name``)
        measured last before them (targets can alternate); empty for the floors
        themselves or without one."""
        if figures["target"] == floor_name or (floor_name != "floor" and figures["target"].startswith("floor")):
            return ""
        before = everything[:next(i for i, g in enumerate(everything) if g is figures)]
        floor = next((f for f in reversed(before) if f["target"] == floor_name), None)
        ours, theirs = value(figures), floor and value(floor)
        return f"  = {ours / theirs:.2f}x {floor_name}'s {what}" if ours and theirs else ""

    collect, phase, vote = scenario("collect"), scenario("phase"), scenario("vote")
    print("\nsummary (card delivery to group members and control screens):")
    for f in (f for f in everything if collect(f)):
        c = collect(f)
        print(f"  {f['target']:<14} p50 {c['all']['p50'] * 1000:6.1f}ms  p99 {c['all']['p99'] * 1000:6.1f}ms  "
              f"missing {c['missing']} dup {c['duplicates']} errors {c['errors']}  "
              f"peak memory {f.get('memory', {}).get('peak_mb', 0):.0f} MB"
              + vs_floor(f, lambda g: collect(g) and collect(g)["all"]["p50"], "p50"))
    print("phase broadcast (median of the rounds' p99):")
    for f in (f for f in everything if phase(f) and phase(f).get("median_round_p99")):
        p = phase(f)
        median_p99 = lambda g: phase(g) and phase(g).get("median_round_p99")  # noqa: E731
        print(f"  {f['target']:<14} p99 {p['median_round_p99'] * 1000:6.0f}ms over {p['rounds']} rounds"
              + vs_floor(f, median_p99, "p99") + vs_floor(f, median_p99, "p99", "floor:step"))
    print("vote storm (every dot acked after the whole storm arrived at once):")
    for f in (f for f in everything if vote(f)):
        v = vote(f)
        print(f"  {f['target']:<14} {v['placed'] / v['seconds']:6.0f} dots/s  p50 {v['p50'] * 1000:7.0f}ms  "
              f"p99 {v['p99'] * 1000:7.0f}ms  totals {'exact' if v['exact'] else 'WRONG'}"
              + vs_floor(f, lambda g: vote(g) and vote(g)["p99"], "p99"))
    paced, reconnect, snap = scenario("paced_vote"), scenario("reconnect"), scenario("snapshot")
    if any(paced(f) for f in everything):
        print("paced vote (every dot at its own moment):")
    for f in (f for f in everything if paced(f)):
        v = paced(f)
        print(f"  {f['target']:<14} {v['placed']}/{v['dots']} dots  p50 {v['p50'] * 1000:6.1f}ms  "
              f"p95 {v['p95'] * 1000:6.1f}ms  p99 {v['p99'] * 1000:6.1f}ms  totals {'exact' if v['exact'] else 'WRONG'}"
              + vs_floor(f, lambda g: paced(g) and paced(g)["p99"], "p99"))
    if any(reconnect(f) for f in everything):
        print("reconnect storm (all current after; snapshots / catch-ups; memory before / peak / after):")
    for f in (f for f in everything if reconnect(f)):
        r = reconnect(f)
        when = f"{r['all_current_s']:5.2f}s" if r["all_current_s"] else f"{r['current']}/{r['dropped']} current"
        print(f"  {f['target']:<14} {when}  snapshots {r['snapshots']} / catch-ups {r['catch_ups']}  "
              f"memory {r['memory_before_mb']:.0f} / {r['memory_peak_mb']:.0f} / {r['memory_after_mb']:.0f} MB"
              + vs_floor(f, lambda g: reconnect(g) and reconnect(g)["all_current_s"], "time"))
    for f in (f for f in everything if snap(f)):
        sn = snap(f)
        print(f"snapshot: {f['target']:<14} {sn['cards']} cards: {sn['bytes'] / 1024:.0f} KB, "
              f"server CPU {sn['cpu_ms']:.1f} ms each")
    print("event loop, longest pause (per scenario; over the whole run):")
    for f in (f for f in everything if f.get("loop_lag")):
        each = ", ".join(f"{name} {lag['window_max_ms']:.0f}" for name, lag in f["loop_lag"].items())
        overall = f.get("loop_lag_overall", {}).get("overall_max_ms", 0)
        print(f"  {f['target']:<14} {each} ms; overall {overall:.0f} ms")
    print("client processes, longest loop pause (per scenario); connections dropped:")
    for f in (f for f in everything if f.get("clients")):
        each = ", ".join(f"{name} {c['loop_pause_ms']:.0f}" for name, c in f["clients"].items())
        dropped = {name: c["dropped"] for name, c in f["clients"].items() if c["dropped"]}
        print(f"  {f['target']:<14} {each} ms; dropped {dropped or 'none'}")
    print(f"load average after: {Path('/proc/loadavg').read_text().strip()}")
    if args.json:
        Path(args.json).write_text(json.dumps(everything, indent=2, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
