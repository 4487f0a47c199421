"""A client that behaves like the browser's live.js, for fault tests.

A ``Mirror`` joins (or facilitates), keeps its own copy of what it may see,
and on every reconnect rejoins with its token and catches up, all by itself.
Its ``digest()`` must equal the digest of a fresh server snapshot for the same
viewer: that is "the screen matches the server". Cards it writes go through an
outbox and are re-sent with the same id until acknowledged, as a browser does.

Areas added later extend ``REDUCERS`` (event -> how it changes the local
state) and ``VIEW`` (the snapshot fields a screen shows), e.g. dots or timers.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from collections import deque
from typing import Callable

import socketio

# After these events a client takes a fresh snapshot: the server's own list.
from workshop.store.events import RESYNC_KINDS as RESYNC

from .live import websocket_options


def _card_added(state: dict, data: dict) -> None:
    state["cards"][data["card"]["id"]] = data["card"]


def _card_deleted(state: dict, data: dict) -> None:
    state["cards"].pop(data["card_id"], None)


def _phase_changed(state: dict, data: dict) -> None:
    state["workshop"]["phase"] = data["phase"]


REDUCERS: dict[str, Callable[[dict, dict], None]] = {
    "card:added": _card_added,
    "card:edited": _card_added,
    "card:deleted": _card_deleted,
    "phase:changed": _phase_changed,  # applied when it says `resync: false`
}


def view(state: dict) -> dict:
    """What a screen shows, in a canonical form (lists become id-keyed maps)."""
    cards = state["cards"] if isinstance(state["cards"], dict) else {c["id"]: c for c in state["cards"]}
    return {"phase": state["workshop"]["phase"],
            "cards": {cid: [c["column"], c["text"], c["group_id"]] for cid, c in sorted(cards.items())}}


# Extra fields of ``view``; later areas append, e.g. lambda state: {"dots": ...}.
VIEW: list[Callable[[dict], dict]] = []


def digest(state: dict) -> str:
    shown = view(state)
    for extra in VIEW:
        shown.update(extra(state))
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


class Mirror:
    def __init__(self, url: str, workshop: dict, name: str | None = None, facilitator: bool = False):
        self.url, self.workshop, self.name, self.facilitator = url, workshop, name, facilitator
        self.token: str | None = None
        self.participant_id: str | None = None
        self.sio = socketio.Client(reconnection=True, reconnection_attempts=0, reconnection_delay=0.1,
                                   reconnection_delay_max=0.5, request_timeout=5, **websocket_options())
        self.state: dict | None = None
        self.applied: set[int] = set()
        self.heard: deque = deque(maxlen=5000)  # recent broadcasts, re-applied over a newer snapshot
        self.lock = threading.RLock()
        self.ready = threading.Event()
        self.connects = 0
        self.rejoins = 0
        self.syncs: list[dict] = []  # what each catch-up returned: {"since", "events": [seq...]} or {"snapshot"}
        self.pending: dict[str, dict] = {}  # card (or dot) id -> payload, until acknowledged
        self.event_of: dict[str, str] = {}  # id -> the event that creates it (default card:add)
        self.acked: dict[str, dict] = {}
        self.sent: set[str] = set()
        self.sent_at: dict[str, float] = {}  # card id -> when first sent (monotonic)
        self.arrived_at: dict[str, float] = {}  # card id -> when its card:added arrived
        self.ack_delays: list[float] = []  # seconds from sending a card to its ack
        self.sio.on("connect", self._on_connect)
        self.sio.on("disconnect", self._on_disconnect)
        self.sio.on("*", self._on_event)

    # -- connection -----------------------------------------------------------------
    def connect(self, transports=("websocket",)) -> "Mirror":
        self.transports = list(transports)
        self.sio.connect(self.url, transports=self.transports, wait_timeout=10)
        if not self.ready.wait(15):
            raise TimeoutError(f"{self.name or 'facilitator'} did not join")
        return self

    def _on_connect(self) -> None:
        self.connects += 1
        # A call from inside the reader's handler would wait on itself.
        self.sio.start_background_task(self._enter)

    def _on_disconnect(self, *_reason) -> None:
        self.ready.clear()

    def _enter(self) -> None:
        # A rejoin is asked again after a timeout, as live.js does: twenty people
        # rejoining a big workshop at once may wait longer than one ack timeout for
        # their snapshots. A first join by name is not: a retry could seat them twice.
        while True:
            try:
                ack = self._enter_call()
                break
            except socketio.exceptions.TimeoutError:
                if not self.sio.connected or not (self.token or self.facilitator):
                    return  # the next connect enters again
            except Exception:  # the connection dropped again; the next connect retries
                return
        if not ack.get("ok"):
            raise RuntimeError(f"could not enter: {ack}")
        if not self.facilitator:
            self.token = ack["participant"]["token"]
            self.participant_id = ack["participant"]["id"]
        if self.state is not None:
            self.rejoins += 1
        self._replace(ack["state"])
        self.ready.set()

    def _enter_call(self) -> dict:
        if self.facilitator:
            return self.sio.call("facilitate", {"workshop_id": self.workshop["id"],
                                                "key": self.workshop["facilitator_key"]}, timeout=10)
        who = {"token": self.token} if self.token else {"name": self.name}
        return self.sio.call("join", {"code": self.workshop["code"], **who}, timeout=10)

    def disconnect(self) -> None:
        self.sio.disconnect()

    # -- keeping the local state ------------------------------------------------------
    def _replace(self, state: dict) -> None:
        """Take a snapshot, then re-apply what was heard after it: a broadcast can
        overtake the ack that carries the snapshot (both are in flight at once)."""
        with self.lock:
            state["cards"] = {c["id"]: c for c in state["cards"]}
            self.state = state
            self.applied = set()
            for event, data in sorted(self.heard, key=lambda heard: heard[1]["seq"]):
                self._apply(event, data)

    def _on_event(self, event: str, data=None) -> None:
        if not isinstance(data, dict) or not isinstance(data.get("seq"), int):
            return
        if event == "card:added":
            self.arrived_at.setdefault(data["card"]["id"], time.monotonic())
        with self.lock:
            self.heard.append((event, data))
            applied = self._apply(event, data)
        if applied and event in RESYNC and data.get("resync") is not False:
            # `sync {}`: the event is already counted in our seq, so a `since`
            # would get the events after it, not the snapshot it calls for.
            self.sio.start_background_task(self.resync)

    def _apply(self, event: str, data: dict) -> bool:
        if self.state is None or data["seq"] <= self.state["seq"] or data["seq"] in self.applied:
            return False  # already in the snapshot, or heard twice
        self.applied.add(data["seq"])
        if event in REDUCERS:
            REDUCERS[event](self.state, data)
        return True

    def seq(self) -> int:
        with self.lock:
            return max([self.state["seq"], *self.applied])

    def catch_up(self) -> dict:
        """sync with the highest seq seen: apply missed events, or take the snapshot."""
        since = self.seq()
        ack = self.sio.call("sync", {"since": since}, timeout=10)
        if "state" in ack:
            self.syncs.append({"since": since, "snapshot": True})
            self._replace(ack["state"])
        else:
            self.syncs.append({"since": since, "events": [e["data"]["seq"] for e in ack["events"]]})
            for e in ack["events"]:
                with self.lock:
                    self._apply(e["event"], e["data"])
        return ack

    def resync(self) -> None:
        """A fresh snapshot after a wholesale event (docs/protocol.md, *Keeping up*)."""
        ack = self.sio.call("sync", {}, timeout=10)
        self.syncs.append({"since": None, "snapshot": True})
        self._replace(ack["state"])

    def digest(self) -> str:
        with self.lock:
            return digest(self.state)

    def server_digest(self) -> str:
        state = self.sio.call("sync", {}, timeout=10)["state"]
        state["cards"] = {c["id"]: c for c in state["cards"]}
        return digest(state)

    # -- writing cards through an outbox ------------------------------------------------
    def write_card(self, text: str, column: str = "start") -> None:
        self.send_new("card:add", {"id": str(uuid.uuid4()), "column": column, "text": text})

    def send_new(self, event: str, payload: dict) -> None:
        """Send something new with a client id, through the outbox."""
        thing_id = payload["id"]
        self.pending[thing_id] = payload
        self.event_of[thing_id] = event
        self.sent.add(thing_id)
        self.sent_at[thing_id] = time.monotonic()
        self.flush()

    def flush(self) -> bool:
        """Send every unacknowledged card, oldest first; False when the connection failed."""
        for card_id, payload in list(self.pending.items()):
            started = time.monotonic()
            try:
                ack = self.sio.call(self.event_of.get(card_id, "card:add"), payload, timeout=5)
            except Exception:
                return False
            self.ack_delays.append(time.monotonic() - started)
            if not ack.get("ok"):
                raise AssertionError(f"card refused: {ack}")
            self.pending.pop(card_id, None)
            self.acked[card_id] = payload
        return True


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Wait for a condition that other threads make true (a reconnect, a drained outbox)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.05)
