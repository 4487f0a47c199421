"""The transport floor: a bare Flask-SocketIO relay on the same stack as Bowtie
(eventlet, one process, websocket), doing nothing but room joins, relaying a
card to a group room and the control room, and counting dots in memory. Bowtie's
latencies are read as a ratio of this one, measured in the same bench invocation.

`python bench/floor.py --port N` (started by bench/load.py). A bench tool, not
part of the application: it imports eventlet itself.
"""
import eventlet

eventlet.monkey_patch()

import argparse  # noqa: E402
import logging  # noqa: E402
import socket  # noqa: E402

from eventlet import wsgi  # noqa: E402
from flask import Flask, jsonify  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", cors_allowed_origins=None)


@app.get("/healthz")
def healthz():
    return jsonify({"ok": True})


@socketio.on("join")
def join(message):
    join_room(message["room"])
    return {"ok": True}


@socketio.on("card:add")
def card_add(message):
    # The same envelope Bowtie sends, to the same two rooms (group, control screens).
    card = {"id": message["id"], "column": message["column"], "text": message["text"]}
    socketio.emit("card:added", {"card": card, "seq": 0}, to=[message["room"], "control"])
    return {"ok": True, "card": card}


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


@socketio.on("phase:set")
def phase_set(message):
    emit("phase:changed", {"phase": message["phase"]}, broadcast=True)
    return {"ok": True}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    listener = eventlet.listen(("127.0.0.1", args.port), backlog=2048)
    # Accepted sockets inherit this: without it Nagle's algorithm holds a small
    # reply (an ack right after a broadcast) until the client's delayed ACK, ~40 ms.
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print(f"floor relay on 127.0.0.1:{args.port}", flush=True)
    wsgi.server(listener, app, max_size=10_000, log_output=False, log=logging.getLogger("floor"),
                keepalive=True, socket_timeout=None)
