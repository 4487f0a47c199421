"""A swarm of simulated participants: real Socket.IO clients over websockets,
many per process (python-socketio's asyncio client), driven by bench/load.py
through a pipe.

Each command is a tuple ``(verb, args)``; the swarm answers with a dict. Times
are ``time.monotonic()`` readings, which on Linux come from one system-wide
clock, so a card's sending time written by one process can be compared with
its arrival time seen in another.
"""
from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from dataclasses import dataclass, field

import aiohttp
import socketio
from pacing import dots_in_time, spread

# HTTP connections a client process keeps open at most (the shared cards' requests).
HTTP_CONNECTIONS = 50
LAG_TICK = 0.1  # seconds between the client process's own loop-lag samples


@dataclass
class Person:
    """One simulated browser: a participant or a control screen."""
    index: int
    sio: socketio.AsyncClient
    control: bool = False
    participant_id: str | None = None
    group_id: str | None = None
    # card id -> arrival latencies (a second arrival of one id is a duplicate)
    cards: dict[str, float] = field(default_factory=dict)
    duplicates: int = 0
    phase_at: dict[str, float] = field(default_factory=dict)
    synced_at: dict[str, float] = field(default_factory=dict)  # phase -> its snapshot arrived
    disconnected_at: float | None = None
    token: str | None = None  # to come back as the same participant
    seq: int = 0  # the highest seq seen: what a returning client says it has


def heard(person: Person, data: object) -> None:
    if isinstance(data, dict) and isinstance(data.get("seq"), int):
        person.seq = max(person.seq, data["seq"])


def sent_at(text: str) -> float | None:
    head, _, _ = text.partition("|")
    try:
        return float(head[2:]) if head.startswith("t=") else None
    except ValueError:
        return None


async def place_dot(person: Person, item_id: str, timeout: float) -> dict:
    """One ``dot:place`` and its outcome: the item, ok or the error, the ack's latency."""
    start = time.monotonic()
    try:
        ack = await person.sio.call("dot:place", {"id": str(uuid.uuid4()), "item_id": item_id}, timeout=timeout)
        ok, why = bool(ack.get("ok")), ack.get("error")
    except Exception as exc:
        ok, why = False, f"{type(exc).__name__}: {exc}"
    return {"item_id": item_id, "ok": ok, "seconds": time.monotonic() - start, "error": why}


class Swarm:
    def __init__(self, url: str, target: str, compress: int = 0):
        self.url = url
        # Offer permessage-deflate with this window (bits), as browsers do (0: no offer).
        self.compress = compress
        self.target = target  # "bowtie" or "floor": the floor speaks a bare relay protocol
        self.people: list[Person] = []
        self.sends: list[dict] = []
        self.errors: list[str] = []
        # Like a browser (static/js/live.js): after a phase:changed that does not
        # say `resync: false`, ask for a fresh snapshot.
        self.browser_like = False
        # ... with `shared_cards`: a snapshot that names the room's cards, fetched over HTTP.
        self.shared_cards = False
        self.http: aiohttp.ClientSession | None = None
        self.fetching = 0  # shared cards' requests in flight
        self.fetched: list[tuple[float, int]] = []  # each request's seconds and compressed bytes
        # Connections this swarm did not close itself (the server's or the transport's doing).
        self.dropped: list[dict] = []
        # This process's own longest event-loop pause since the last look: a client that
        # answers the server's ping late is the load generator's fault, not the server's.
        self.loop_pause = 0.0
        self.lag_probe: asyncio.Task | None = None

    async def _probe_lag(self) -> None:
        while True:
            before = time.monotonic()
            await asyncio.sleep(LAG_TICK)
            self.loop_pause = max(self.loop_pause, time.monotonic() - before - LAG_TICK)

    def health(self) -> dict:
        """Connections dropped and this process's longest loop pause since the last look."""
        if self.lag_probe is None:
            self.lag_probe = asyncio.ensure_future(self._probe_lag())
        reply = {"dropped": self.dropped, "loop_pause": self.loop_pause}
        self.dropped, self.loop_pause = [], 0.0
        return reply

    # -- connecting ------------------------------------------------------------
    def _client(self, person_holder: list) -> socketio.AsyncClient:
        offer = {"websocket_extra_options": {"compress": self.compress}} if self.compress else {}
        sio = socketio.AsyncClient(reconnection=False, request_timeout=30, **offer)

        @sio.on("card:added")
        async def card_added(data):
            person = person_holder[0]
            heard(person, data)
            card = data.get("card", {})
            now = time.monotonic()
            t = sent_at(card.get("text", ""))
            if card.get("id") in person.cards:
                person.duplicates += 1
            else:
                person.cards[card.get("id")] = (now - t) if t is not None else -1.0

        @sio.on("disconnect")
        async def disconnected(reason=None):
            person = person_holder[0]
            person.disconnected_at = time.monotonic()
            if reason != socketio.AsyncClient.reason.CLIENT_DISCONNECT:
                self.dropped.append({"index": person.index, "reason": str(reason), "at": person.disconnected_at})

        @sio.on("*")
        async def anything(_event, data=None):
            heard(person_holder[0], data)

        @sio.on("phase:changed")
        async def phase_changed(data):
            person = person_holder[0]
            heard(person, data)
            person.phase_at[data.get("phase")] = time.monotonic()  # the latest change to it
            if self.browser_like and data.get("resync") is not False:
                asyncio.ensure_future(self._resync(person, data.get("phase")))
        return sio

    async def _resync(self, person: Person, phase: str) -> None:
        try:
            ack = await person.sio.call("sync", {"shared_cards": True} if self.shared_cards else {}, timeout=120)
            if not ack.get("ok"):
                self.errors.append(f"sync refused: {ack.get('error')}")
                return
            named = ack["state"].get("shared_cards")
            if named and not await self._fetch_shared(person, ack["state"]["workshop"]["id"], named["etag"]):
                return
            person.synced_at[phase] = time.monotonic()
        except Exception as exc:
            self.errors.append(f"sync: {type(exc).__name__}: {exc}")

    async def _fetch_shared(self, person: Person, workshop_id: str, etag: str) -> bool:
        """The room's cards as a browser fetches them (gzip, the participant's token)."""
        if self.http is None:
            self.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120),
                                              connector=aiohttp.TCPConnector(limit=HTTP_CONNECTIONS))
        start, self.fetching = time.monotonic(), self.fetching + 1
        try:
            async with self.http.get(f"{self.url}/api/workshops/{workshop_id}/cards/shared",
                                     headers={"Authorization": f"Bearer {person.token}"}) as response:
                cards = await response.json()
                if response.status != 200 or response.headers.get("ETag") != f'"{etag}"' or not isinstance(cards, list):
                    self.errors.append(f"shared cards: {response.status} {response.headers.get('ETag')}")
                    return False
                self.fetched.append((time.monotonic() - start, int(response.headers.get("Content-Length", 0))))
        finally:
            self.fetching -= 1
        return True

    async def _connect_one(self, index: int, control: bool, join: dict, sem: asyncio.Semaphore) -> dict:
        holder: list = [None]
        sio = self._client(holder)
        person = Person(index, sio, control)
        holder[0] = person
        async with sem:
            start = time.monotonic()
            try:
                await sio.connect(self.url, transports=["websocket"], wait_timeout=60)
                if self.target == "floor":
                    room = "control" if control else f"room-{index // 5}"
                    ack = await sio.call("join", {"room": room}, timeout=60)
                    person.group_id = None if control else room
                    person.participant_id = f"p{index}"
                    person.seq = ack.get("seq") or 0
                elif control:
                    ack = await sio.call("facilitate", join, timeout=60)
                    person.seq = (ack.get("state") or {}).get("seq") or 0
                else:
                    ack = await sio.call("join", {**join, "name": f"P{index}", "role": ("dev", "ops", "qa")[index % 3]},
                                         timeout=60)
                    if ack.get("ok"):
                        person.participant_id = ack["participant"]["id"]
                        person.group_id = ack["participant"]["group_id"]
                        person.token = ack["participant"]["token"]
                        person.seq = max(person.seq, ack["state"]["seq"])
                if not ack.get("ok"):
                    raise RuntimeError(f"join refused: {ack.get('error')}")
            except Exception as exc:  # counted, not fatal: the report shows errors
                self.errors.append(f"connect {index}: {type(exc).__name__}: {exc}")
                return {"index": index, "ok": False, "latency": time.monotonic() - start}
        self.people.append(person)
        return {"index": index, "ok": True, "latency": time.monotonic() - start, "control": control,
                "participant_id": person.participant_id, "group_id": person.group_id}

    async def connect(self, indices: list[int], control: bool, join: dict, concurrency: int) -> dict:
        sem = asyncio.Semaphore(concurrency)
        start = time.monotonic()
        results = await asyncio.gather(*(self._connect_one(i, control, join, sem) for i in indices))
        return {"results": results, "seconds": time.monotonic() - start, "errors": self.errors[-20:]}

    # -- writing cards -------------------------------------------------------
    async def _send_card(self, person: Person, column: str) -> None:
        card_id = str(uuid.uuid4())
        start = time.monotonic()
        text = f"t={start:.6f}|card from {person.index}"
        payload = {"id": card_id, "column": column, "text": text}
        if self.target == "floor":
            payload["room"] = person.group_id
        record = {"id": card_id, "author": person.participant_id, "group_id": person.group_id, "ok": False}
        self.sends.append(record)
        try:
            ack = await person.sio.call("card:add", payload, timeout=30)
            record["ack"] = time.monotonic() - start
            record["ok"] = bool(ack.get("ok"))
            if not record["ok"]:
                self.errors.append(f"card:add refused: {ack.get('error')}")
        except Exception as exc:
            record["ack"] = time.monotonic() - start
            self.errors.append(f"card:add: {type(exc).__name__}: {exc}")

    async def collect(self, rate: float, seconds: float, column: str) -> dict:
        """Send cards at a steady ``rate`` per second for ``seconds``, round-robin
        over this swarm's participants, without waiting for acks in between."""
        writers = [p for p in self.people if not p.control]
        if not writers or rate <= 0:
            return {"sent": 0}
        total = int(rate * seconds)
        start = time.monotonic()
        tasks = []
        for n in range(total):
            delay = start + n / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.ensure_future(self._send_card(writers[n % len(writers)], column)))
        await asyncio.gather(*tasks)
        return {"sent": total, "seconds": time.monotonic() - start}

    def received(self) -> dict:
        return {"people": [{"participant_id": p.participant_id, "group_id": p.group_id, "control": p.control,
                            "cards": p.cards, "duplicates": p.duplicates,
                            "disconnected_at": p.disconnected_at} for p in self.people],
                "sends": self.sends, "errors": self.errors[-20:], "error_count": len(self.errors)}

    def reset_cards(self) -> dict:
        for p in self.people:
            p.cards.clear()
            p.duplicates = 0
        self.sends = []
        self.errors = []
        return {}

    # -- the facilitator ------------------------------------------------------
    async def set_phase(self, phase: str) -> dict:
        control = next(p for p in self.people if p.control)
        start = time.monotonic()
        ack = await control.sio.call("phase:set", {"phase": phase}, timeout=30)
        return {"start": start, "ack": time.monotonic() - start, "ok": bool(ack.get("ok")), "reply": ack}

    async def control_call(self, event: str, payload: dict) -> dict:
        """A facilitator's event from the first control screen: its ack and how long it took."""
        control = next(p for p in self.people if p.control)
        start = time.monotonic()
        ack = await control.sio.call(event, payload, timeout=60)
        return {"start": start, "seconds": time.monotonic() - start, "reply": ack}

    async def vote(self, items: list[str], dots: int, timeout: float) -> dict:
        """Every participant of this swarm places all their dots at once, on
        different items; returns each dot's item, ack latency and outcome."""
        writers = [p for p in self.people if not p.control]
        results = await asyncio.gather(*(place_dot(person, items[(person.index + j) % len(items)], timeout)
                                         for person in writers for j in range(dots)))
        return {"dots": results}

    def act_like_browsers(self, on: bool, shared_cards: bool = False) -> dict:
        self.browser_like, self.shared_cards = on, shared_cards
        self.fetched = []
        for person in self.people:
            person.synced_at.clear()
        return {}

    def resyncs(self, phase: str) -> dict:
        return {"synced": [p.synced_at.get(phase) for p in self.people], "errors": self.errors[-5:],
                "fetching": self.fetching, "fetched": self.fetched}

    def phase_arrivals(self, phase: str) -> dict:
        return {"arrivals": [p.phase_at.get(phase) for p in self.people]}

    # -- a paced vote ------------------------------------------------------------
    async def paced_vote(self, items: list[str], dots: int, seconds: float, seed: int, start: float,
                         timeout: float) -> dict:
        """Every participant of this swarm places ``dots`` dots over ``seconds`` from
        ``start`` (a monotonic time shared by the swarms), at Poisson arrivals
        (bench/pacing.py, seeded): the vote people produce, not the storm."""
        writers = [p for p in self.people if not p.control]
        plan = dots_in_time(len(writers), dots, seconds, random.Random(seed))

        async def place(moment: float, person: Person, nth: int) -> dict:
            await asyncio.sleep(max(0.0, start + moment - time.monotonic()))
            began = time.monotonic()
            placed = await place_dot(person, items[(person.index + nth) % len(items)], timeout)
            return {**placed, "late": began - (start + moment)}
        results = await asyncio.gather(*(place(moment, writers[who], nth) for moment, who, nth in plan))
        return {"dots": results}

    # -- the venue's Wi-Fi drops ----------------------------------------------------
    async def drop(self) -> dict:
        """Every participant's connection closes at once (the control screens stay)."""
        writers = [p for p in self.people if not p.control]
        await asyncio.gather(*(p.sio.disconnect() for p in writers), return_exceptions=True)
        return {"dropped": len(writers), "at": time.monotonic()}

    def seqs(self) -> dict:
        return {"controls": [p.seq for p in self.people if p.control],
                "participants": [p.seq for p in self.people if not p.control]}

    async def come_back(self, join: dict, start: float, seconds: float, seed: int, concurrency: int) -> dict:
        """Each participant reconnects at its own moment within ``seconds`` of ``start``
        and re-joins with its token and the highest seq it saw (``since``): the ack
        says whether it got a snapshot (``state``) or only what it missed (``events``)."""
        writers = [p for p in self.people if not p.control]
        moments = spread(len(writers), seconds, random.Random(seed))
        sem = asyncio.Semaphore(concurrency)
        earlier = len(self.errors)
        results = await asyncio.gather(*(self._come_back(p, join, start + m, sem) for p, m in zip(writers, moments)))
        return {"results": results, "errors": self.errors[earlier:][:20]}

    async def _come_back(self, person: Person, join: dict, at: float, sem: asyncio.Semaphore) -> dict:
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        async with sem:
            began = time.monotonic()
            person.sio = self._client([person])
            try:
                await person.sio.connect(self.url, transports=["websocket"], wait_timeout=60)
                if self.target == "floor":
                    ack = await person.sio.call("join", {"room": person.group_id, "since": person.seq}, timeout=120)
                else:
                    ack = await person.sio.call("join", {**join, "token": person.token, "since": person.seq},
                                                timeout=120)
                if not ack.get("ok"):
                    raise RuntimeError(f"re-join refused: {ack.get('error')}")
            except Exception as exc:
                self.errors.append(f"come back {person.index}: {type(exc).__name__}: {exc}")
                return {"ok": False, "seconds": time.monotonic() - began}
            if "state" in ack:
                kind = "snapshot"
                person.seq = max(person.seq, ack["state"]["seq"])
            else:
                kind = "events"
                for event in ack.get("events") or []:
                    heard(person, event.get("data"))
            return {"ok": True, "kind": kind, "seconds": time.monotonic() - began, "done": time.monotonic(),
                    "seq": person.seq, "bytes": len(json.dumps(ack).encode())}

    # -- snapshots, one at a time ---------------------------------------------------
    async def snapshots(self, count: int) -> dict:
        """``count`` participants in turn ask for a fresh snapshot (`sync {}`): its size and time."""
        writers = [p for p in self.people if not p.control][:count]
        taken = []
        for person in writers:
            began = time.monotonic()
            ack = await person.sio.call("sync", {}, timeout=120)
            if ack.get("ok") and "state" in ack:
                taken.append({"seconds": time.monotonic() - began, "bytes": len(json.dumps(ack).encode()),
                              "cards": len(ack["state"].get("cards") or [])})
        return {"taken": taken}

    # -- anything else, by name: a call on every participant at once -------------
    async def storm(self, event: str, payloads: list[list[dict]], timeout: float) -> dict:
        """Every participant sends its payloads at once; the ack latencies come back.
        ``payloads[i]`` belongs to this swarm's i-th participant."""
        writers = [p for p in self.people if not p.control]

        async def one(person: Person, payload: dict) -> tuple[float, bool, str]:
            start = time.monotonic()
            try:
                ack = await person.sio.call(event, payload, timeout=timeout)
                return time.monotonic() - start, bool(ack.get("ok")), "" if ack.get("ok") else str(ack.get("error"))
            except Exception as exc:
                return time.monotonic() - start, False, f"{type(exc).__name__}: {exc}"
        results = await asyncio.gather(*(one(person, payload)
                                         for person, mine in zip(writers, payloads) for payload in mine))
        return {"results": results}

    async def probe(self, event: str, payload: dict, timeout: float) -> dict:
        person = next(p for p in self.people if not p.control)
        try:
            return {"reply": await person.sio.call(event, payload, timeout=timeout)}
        except Exception as exc:
            return {"reply": None, "error": f"{type(exc).__name__}: {exc}"}

    async def close(self) -> dict:
        await asyncio.gather(*(p.sio.disconnect() for p in self.people), return_exceptions=True)
        if self.http is not None:
            await self.http.close()
        return {}


async def serve(conn, url: str, target: str, compress: int) -> None:
    swarm = Swarm(url, target, compress)
    loop = asyncio.get_running_loop()
    while True:
        verb, args = await loop.run_in_executor(None, conn.recv)
        try:
            method = getattr(swarm, verb)
            result = method(**args)
            if asyncio.iscoroutine(result):
                result = await result
        except Exception as exc:
            result = {"failed": f"{type(exc).__name__}: {exc}"}
        conn.send(result)
        if verb == "close":
            return


def main(conn, url: str, target: str, compress: int = 0) -> None:
    """Entry point of a swarm process (multiprocessing target)."""
    asyncio.run(serve(conn, url, target, compress))
