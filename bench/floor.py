"""The transport floor: a bare Flask-SocketIO relay on the same stack as Bowtie
(eventlet, one process, websocket), doing nothing but room joins, relaying a
card to a group room and the control room, counting dots in memory, and keeping
the last broadcasts in memory so that a returning client (`join` with `since`)
gets what it missed. With `--step-messages FILE` (the `floor:step` target) a
`phase:set` also sends every client the messages Bowtie sends for a step change
(`bench/step_messages.py` writes them), so the phase broadcast carries the same
bytes through the bare transport. Bowtie's
latencies are read as a ratio of this one, measured in the same bench invocation.

`python bench/floor.py --port N` (started by bench/load.py). A bench tool, not
part of the application: it imports eventlet itself.
"""
import eventlet

eventlet.monkey_patch()

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import socket  # noqa: E402
import time  # noqa: E402
from collections import deque  # noqa: E402

from eventlet import wsgi  # noqa: E402
from flask import Flask, jsonify  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", cors_allowed_origins=None)


@app.get("/healthz")
def healthz():
    return jsonify({"ok": True})


# The longest pause of the event loop, as Bowtie's BOWTIE_LOOP_LAG_PROBE measures it
# (workshop/loop_lag.py; the same route and figures, written out to keep the floor bare).
lag = {"window": 0.0, "overall": 0.0, "window_long": 0, "overall_long": 0, "ticks": 0}


def probe() -> None:
    while True:
        began = time.perf_counter()
        eventlet.sleep(0.010)
        overshoot = max(0.0, time.perf_counter() - began - 0.010)
        lag["ticks"] += 1
        lag["window"], lag["overall"] = max(lag["window"], overshoot), max(lag["overall"], overshoot)
        if overshoot > 0.050:
            lag["window_long"] += 1
            lag["overall_long"] += 1


@app.get("/bench/loop-lag")
def loop_lag():
    figures = {"window_max_ms": lag["window"] * 1000, "window_over_50ms": lag["window_long"],
               "window_ticks": lag["ticks"], "overall_max_ms": lag["overall"] * 1000,
               "overall_over_50ms": lag["overall_long"]}
    lag.update(window=0.0, window_long=0, ticks=0)
    return jsonify(figures)


# The broadcasts so far, numbered like Bowtie's event log (to all: the floor's
# rooms are not remembered), for a client that comes back with `since`.
log: deque = deque(maxlen=10_000)
seq = [0]


def logged(event: str, data: dict) -> dict:
    seq[0] += 1
    data = {**data, "seq": seq[0]}
    log.append({"event": event, "data": data})
    return data


@socketio.on("join")
def join(message):
    join_room(message["room"])
    if message.get("since") is not None:
        return {"ok": True, "events": [e for e in log if e["data"]["seq"] > message["since"]]}
    return {"ok": True, "seq": seq[0]}


@socketio.on("card:add")
def card_add(message):
    # The same envelope Bowtie sends, to the same two rooms (group, control screens).
    card = {"id": message["id"], "column": message["column"], "text": message["text"]}
    socketio.emit("card:added", logged("card:added", {"card": card}), to=[message["room"], "control"])
    return {"ok": True, "card": card}


@socketio.on("cluster:create")
def cluster_create(message):
    cluster = {"id": message["id"], "name": message.get("name", "Cluster"), "card_ids": []}
    emit("clusters:changed", logged("clusters:changed", {"clusters": [cluster]}), broadcast=True)
    return {"ok": True, "cluster": cluster}


# The vote storm's floor: a dot is counted in memory and acknowledged, and the
# voter is sent `dot:placed`, as Bowtie does; no rules, no database.
ballot: dict[str, int] = {}


@socketio.on("vote:open")
def vote_open(message):
    ballot.clear()
    ballot.update({f"item-{i}": 0 for i in range(20)})
    return {"ok": True, "vote": {"id": message["id"], "items": [{"id": item} for item in ballot]}}


@socketio.on("dot:place")
def dot_place(message):
    ballot[message["item_id"]] += 1
    dot = {"id": message["id"], "item_id": message["item_id"]}
    emit("dot:placed", {"dot": dot, "seq": 0})
    return {"ok": True, "dot": dot}


@socketio.on("vote:close")
def vote_close(message):
    ranking = sorted(({"id": item, "dots": n} for item, n in ballot.items()), key=lambda r: -r["dots"])
    return {"ok": True, "vote": {"ranking": ranking}}


# What Bowtie sends before `phase:changed` on a step change (`--step-messages`; none by default).
step_messages: list[dict] = []


@socketio.on("phase:set")
def phase_set(message):
    for sent in step_messages:
        emit(sent["event"], logged(sent["event"], sent["data"]), broadcast=True)
    emit("phase:changed", logged("phase:changed", {"phase": message["phase"]}), broadcast=True)
    return {"ok": True}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--step-messages", help="JSON list of {event, data} to send before phase:changed")
    args = parser.parse_args()
    if args.step_messages:
        with open(args.step_messages) as captured:
            step_messages.extend(json.load(captured))
    listener = eventlet.listen(("127.0.0.1", args.port), backlog=2048)
    # Accepted sockets inherit this: without it Nagle's algorithm holds a small
    # reply (an ack right after a broadcast) until the client's delayed ACK, ~40 ms.
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    eventlet.spawn(probe)
    print(f"floor relay on 127.0.0.1:{args.port}", flush=True)
    wsgi.server(listener, app, max_size=10_000, log_output=False, log=logging.getLogger("floor"),
                keepalive=True, socket_timeout=None)
