"""An outside client, written from docs/protocol.md alone, runs a whole workshop
against a real server.py: plain python-socketio and requests, nothing of the
workshop package. Every step asserts what the document promises; where it
says "see *Keeping up*", ``DocClient`` follows those rules as written."""
from __future__ import annotations

import csv
import io
import json
import threading
import time
import uuid
import zipfile

import requests
import socketio

TIMEOUT = 10

# The document's wholesale events (*Keeping up*, rule 3), copied from the
# document, never from the code: this client knows only what it was told.
WHOLESALE = {"groups:formed", "participant:moved", "cards:revealed", "phase:changed", "settings:changed",
             "participant:removed", "workshop:imported"}


def new_id() -> str:
    return str(uuid.uuid4())


class DocClient:
    """A Socket.IO client that keeps up the way docs/protocol.md says:
    skip what the snapshot holds, buffer while a snapshot is on its way and
    replay by seq, and fetch a fresh snapshot with `sync {}` after a wholesale event."""

    def __init__(self, url: str, transports: tuple[str, ...] = ("websocket",)):
        self.url, self.transports = url, list(transports)
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("*", self._heard)
        self.sio.on("disconnect", self._disconnected)
        self.cond = threading.Condition()
        self.heard: list[tuple[str, dict]] = []   # every event, in arrival order
        self.state: dict | None = None            # the last snapshot
        self.applied: list[tuple[str, dict]] = []  # broadcasts applied over it, in the order applied
        self.awaiting = 0                          # snapshots on their way
        self.kept: list[tuple[str, dict]] = []     # broadcasts heard meanwhile (rule 2)
        self.disconnects: list[str] = []

    # -- the connection ----------------------------------------------------------
    def connect(self) -> DocClient:
        self.sio.connect(self.url, transports=self.transports, wait_timeout=TIMEOUT)
        return self

    def call(self, event: str, payload: dict | None = None) -> dict:
        return self.sio.call(event, payload, timeout=TIMEOUT) if payload is not None \
            else self.sio.call(event, timeout=TIMEOUT)

    def _disconnected(self, reason=None) -> None:
        with self.cond:
            self.disconnects.append(reason)
            self.cond.notify_all()

    # -- keeping up ---------------------------------------------------------------
    def enter(self, event: str, payload: dict) -> dict:
        """`join`, `facilitate` or `sync`: anything whose ack may carry a snapshot."""
        with self.cond:
            self.awaiting += 1
        ack: dict = {}
        try:
            ack = self.call(event, payload)
            return ack
        finally:
            with self.cond:
                self.awaiting -= 1
                if ack.get("ok") is True and "state" in ack:
                    self._replace(ack["state"])
                elif ack.get("ok") is True and "events" in ack:
                    replies = [(e["event"], e["data"]) for e in ack["events"]]
                    for name, data in sorted(replies + self.kept, key=lambda heard: heard[1]["seq"]):
                        self._apply(name, data)
                if not self.awaiting:
                    self.kept = []
                self.cond.notify_all()

    def _replace(self, state: dict) -> None:
        self.state, self.applied = state, []
        for name, data in sorted(self.kept, key=lambda heard: heard[1]["seq"]):
            self._apply(name, data)

    def _heard(self, event: str, data=None) -> None:
        with self.cond:
            self.heard.append((event, data))
            if isinstance(data, dict) and isinstance(data.get("seq"), int):
                if self.awaiting:
                    self.kept.append((event, data))
                self._apply(event, data)
            self.cond.notify_all()

    def _apply(self, event: str, data: dict) -> None:
        if self.state is None or data["seq"] <= self.state["seq"] or data["seq"] in self.seqs():
            return  # in the snapshot, or already applied (rule 1)
        self.applied.append((event, data))
        if event == "phase:changed":  # `resync: false`: the phase is all that changed
            self.state["workshop"]["phase"] = data["phase"]
        if event in WHOLESALE and data.get("resync") is not False:
            # A call from the reader's own thread would wait on itself.
            self.sio.start_background_task(self._resync)

    def _resync(self) -> None:
        try:
            self.enter("sync", {})
        except (socketio.exceptions.SocketIOError, TimeoutError):
            pass  # the connection went (a removal, say): entering again brings a snapshot

    def seqs(self) -> set[int]:
        return {data["seq"] for _, data in self.applied}

    def last_seq(self) -> int:
        """The highest seq applied: what `sync` takes as `since`."""
        with self.cond:
            return max([self.state["seq"], *self.seqs()])

    # -- waiting, never sleeping ---------------------------------------------------
    def wait_until(self, check, what: str):
        deadline = time.monotonic() + TIMEOUT
        with self.cond:
            while True:
                found = check()
                if found:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"waited {TIMEOUT}s for {what}; heard {[n for n, _ in self.heard]}")
                self.cond.wait(remaining)

    def wait_for(self, event: str, predicate=lambda data: True) -> dict:
        return self.wait_until(lambda: next((d for n, d in self.heard if n == event and predicate(d)), None), event)

    def all_of(self, event: str) -> list[dict]:
        with self.cond:
            return [d for n, d in self.heard if n == event]

    def wait_snapshot(self, check, what: str) -> dict:
        """A snapshot taken after a wholesale event, once it shows the change."""
        return self.wait_until(lambda: self.state if self.state and check(self.state) else None, what)


def ok(ack: dict) -> dict:
    assert isinstance(ack, dict) and ack.get("ok") is True, ack
    return ack


def refused(ack: dict, code: str) -> None:
    assert ack["ok"] is False and ack["error"]["code"] == code and ack["error"]["message"], ack


# -- the workshop, step by step ----------------------------------------------------------

def test_an_outside_client_runs_a_whole_workshop_from_the_document(server):
    url = server.url
    assert requests.get(url + "/healthz", timeout=TIMEOUT).json()["ok"] is True
    workshop = create(url)
    fac, ann, bo = lobby(url, workshop)
    assert ok(fac.call("time"))["server_time"] > 0  # no payload at all
    cards = collect(fac, ann, bo)
    cluster_id = cluster(fac, ann, bo, cards)
    vote(fac, ann, bo, cluster_id)
    topic_id, bo = discuss(fac, ann, bo, workshop)
    decide(fac, ann, bo, topic_id)
    summary(fac, ann, bo)
    export(url, workshop)
    remove(fac, bo, workshop)
    ann.sio.disconnect()
    fac.sio.disconnect()


def create(url: str) -> dict:
    response = requests.post(url + "/api/workshops", json={"title": "Protocol retro", "group_size": 5,
                                                            "blind_writing": True}, timeout=TIMEOUT)
    assert response.status_code == 201
    workshop = response.json()
    assert workshop["ok"] is True and len(workshop["code"]) == 6 and workshop["facilitator_key"]
    assert workshop["join_url"].endswith(f"/j/{workshop['code']}")
    assert workshop["control_url"].endswith(f"/control/{workshop['id']}#key={workshop['facilitator_key']}")
    return workshop


def lobby(url: str, workshop: dict) -> tuple[DocClient, DocClient, DocClient]:
    # Long-polling sends no Origin header: the document says such clients are accepted.
    fac = DocClient(url, transports=("polling",)).connect()
    refused(fac.call("phase:set", {"phase": "collect"}), "not_joined")
    state = ok(fac.enter("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]}))["state"]
    assert state["role"] == "facilitator" and state["workshop"]["phase"] == "lobby"
    assert state["participants"] == [] and state["groups"] == [] and isinstance(state["seq"], int)

    ann = DocClient(url).connect()
    joined = ok(ann.enter("join", {"code": workshop["code"].lower(), "name": " Ann ", "role": "Support",
                                   "experience": "some"}))
    me = joined["participant"]
    assert {k: me[k] for k in ("name", "role", "experience")} == {"name": "Ann", "role": "Support",
                                                                  "experience": "some"}
    assert me["token"] and me["group"]["revealed"] is False and me["group"]["position"] == 1
    assert [m["name"] for m in me["group"]["members"]] == ["Ann"]
    assert joined["state"]["me"]["id"] == me["id"] and joined["state"]["online"] == [me["id"]]

    created = fac.wait_for("group:created")
    assert created == {"group": {"id": me["group_id"], "name": "Group 1", "position": 1, "revealed": False},
                       "seq": created["seq"]}
    arrived = fac.wait_for("participant:joined")
    assert arrived == {"participant": {"id": me["id"], "name": "Ann", "role": "Support", "experience": "some",
                                       "group_id": me["group_id"], "joined_at": me["joined_at"]},
                      "seq": created["seq"] + 1}
    assert fac.wait_for("presence:diff") == {"online": [me["id"]], "offline": []}

    bo = DocClient(url).connect()
    bo_me = ok(bo.enter("join", {"code": workshop["code"], "name": "Bo"}))["participant"]
    assert bo_me["group_id"] == me["group_id"]
    assert ann.wait_for("participant:joined")["participant"]["name"] == "Bo"
    assert ann.wait_for("presence", lambda d: d["participant_id"] == bo_me["id"])["online"] is True
    assert fac.wait_for("participant:joined", lambda d: d["participant"]["id"] == bo_me["id"])
    assert len(fac.all_of("group:created")) == 1  # Bo found room in Ann's group
    assert not [d for d in ann.all_of("participant:joined") if d["participant"]["id"] == me["id"]]
    ann.me, bo.me = me, bo_me
    return fac, ann, bo


def set_phase(fac: DocClient, people: list[DocClient], phase: str, resync: bool) -> None:
    previous = fac.state["workshop"]["phase"]
    assert ok(fac.call("phase:set", {"phase": phase}))["phase"] == phase
    for client in (fac, *people):
        changed = client.wait_for("phase:changed", lambda d: d["phase"] == phase)
        assert changed["previous"] == previous and changed["resync"] is resync
        if resync:
            # Rule 3: `since` at the event's own seq says "applied": no snapshot comes back...
            assert ok(client.call("sync", {"since": changed["seq"]}))["events"] == []
            # ...`sync {}` (which DocClient sent by itself) brings the snapshot.
            client.wait_snapshot(lambda s: s["workshop"]["phase"] == phase, f"a snapshot in {phase}")


def collect(fac: DocClient, ann: DocClient, bo: DocClient) -> dict:
    set_phase(fac, [ann, bo], "collect", resync=False)
    mine = ok(ann.call("card:add", {"id": new_id(), "column": "start", "text": "Weekly demo"}))["card"]
    assert mine["text"] == "Weekly demo" and mine["mine"] is True and "participant_id" not in mine
    assert ok(ann.call("card:add", {"id": mine["id"], "column": "start", "text": "Weekly demo"}))["card"] == mine
    theirs = ok(bo.call("card:add", {"id": new_id(), "column": "stop", "text": "Long meetings"}))["card"]
    spare = ok(ann.call("card:add", {"id": new_id(), "column": "continue", "text": "Typo"}))["card"]
    assert fac.wait_for("card:added", lambda d: d["card"]["id"] == spare["id"])

    edited = ok(ann.call("card:edit", {"id": mine["id"], "text": "Weekly demos"}))["card"]
    assert edited["text"] == "Weekly demos"
    assert fac.wait_for("card:edited")["card"]["text"] == "Weekly demos"
    refused(bo.call("card:edit", {"id": mine["id"], "text": "mine now"}), "not_your_card")
    refused(bo.call("card:delete", {"id": mine["id"]}), "not_your_card")
    refused(fac.call("card:add", {"id": new_id(), "column": "start", "text": "x"}), "forbidden")

    assert ok(ann.call("card:delete", {"id": spare["id"]})) == {"ok": True, "card_id": spare["id"]}
    gone = {"card_id": spare["id"], "group_id": ann.me["group_id"]}
    assert {k: ann.wait_for("card:deleted")[k] for k in gone} == gone
    assert {k: fac.wait_for("card:deleted")[k] for k in gone} == gone
    assert ok(ann.call("card:delete", {"id": spare["id"]}))["card_id"] == spare["id"]  # a retry

    # Blind writing: until the reveal, Bo hears nothing of Ann's cards.
    assert ok(bo.call("sync", {"since": bo.last_seq()}))["events"] == []
    assert [d["card"]["text"] for d in bo.all_of("card:added")] == ["Long meetings"]  # Bo's own
    assert not bo.all_of("card:edited") and not bo.all_of("card:deleted")

    assert ok(fac.call("cards:reveal", {}))["revealed_groups"] == [ann.me["group_id"]]
    for client in (ann, bo):
        revealed = client.wait_for("cards:revealed")
        assert revealed["group_id"] == ann.me["group_id"]
        assert sorted(c["text"] for c in revealed["cards"]) == ["Long meetings", "Weekly demos"]
        state = client.wait_snapshot(lambda s: s["group"]["revealed"] is True, "the revealed snapshot")
        assert sorted(c["text"] for c in state["cards"]) == ["Long meetings", "Weekly demos"]
    assert fac.enter("sync", {})["state"]["groups"][0]["revealed"] is True
    return {"mine": mine, "theirs": theirs}


def cluster(fac: DocClient, ann: DocClient, bo: DocClient, cards: dict) -> str:
    set_phase(fac, [ann, bo], "cluster", resync=True)
    shared_cards(ann, cards)
    refused(ann.call("cluster:create", {"id": new_id(), "name": "Rhythm"}), "forbidden")
    cluster_id = new_id()
    made = ok(fac.call("cluster:create", {"id": cluster_id, "name": "Rhythm",
                                          "card_ids": [cards["mine"]["id"], cards["theirs"]["id"]]}))["cluster"]
    assert made["id"] == cluster_id and made["name"] == "Rhythm"
    changed = ann.wait_for("clusters:changed")
    assert changed["change"] == "created" and changed["cluster_id"] == cluster_id
    assert changed["group_id"] is None  # the whole room's board (docs: "Boards")
    assert changed["clusters"] == [{"id": cluster_id, "name": "Rhythm", "position": 1, "group_id": None,
                                    "card_ids": [cards["mine"]["id"], cards["theirs"]["id"]]}]
    return cluster_id


def shared_cards(ann: DocClient, cards: dict) -> None:
    """*Shared cards over HTTP*: a snapshot that names the room's cards, fetched with the token."""
    named = ok(ann.call("sync", {"shared_cards": True}))["state"]
    assert [(c["id"], c["text"], c["mine"]) for c in named["cards"]] == [(cards["mine"]["id"], "Weekly demos", True)]
    url = f"{ann.url}/api/workshops/{named['workshop']['id']}/cards/shared"
    token = {"Authorization": f"Bearer {ann.me['token']}"}
    got = requests.get(url, headers=token, timeout=TIMEOUT)  # requests asks for gzip, as browsers do
    assert got.status_code == 200 and got.headers["Content-Encoding"] == "gzip"
    assert got.headers["ETag"] == f'"{named["shared_cards"]["etag"]}"'
    own = {card["id"]: card for card in named["cards"]}
    assert [own.get(card["id"], card) for card in got.json()] == ann.state["cards"]  # the inline snapshot's
    assert requests.get(url, headers={**token, "If-None-Match": got.headers["ETag"]}, timeout=TIMEOUT).status_code == 304
    refused(requests.get(url, timeout=TIMEOUT).json(), "bad_token")


def vote(fac: DocClient, ann: DocClient, bo: DocClient, cluster_id: str) -> None:
    set_phase(fac, [ann, bo], "vote", resync=False)
    vote_id = new_id()
    opened = ok(fac.call("vote:open", {"id": vote_id, "dots_per_participant": 3}))["vote"]
    assert opened["status"] == "open" and opened["ranking"] is None
    assert [(i["id"], i["kind"]) for i in opened["items"]] == [(cluster_id, "cluster")]
    assert bo.wait_for("vote:opened")["vote"]["id"] == vote_id

    dot = new_id()
    placed = ok(ann.call("dot:place", {"id": dot, "item_id": cluster_id}))
    assert placed["vote_id"] == vote_id and placed["dots_left"] == 2
    assert ok(ann.call("dot:place", {"id": dot, "item_id": cluster_id}))["dots_left"] == 2  # the same dot again
    assert ann.wait_for("dot:placed")["dot"] == {"id": dot, "item_id": cluster_id}
    ok(bo.call("dot:place", {"id": new_id(), "item_id": cluster_id}))
    progress = fac.wait_for("vote:progress", lambda d: d["voters"] == 2)
    assert progress == {"vote_id": vote_id, "voters": 2, "dots": 2}  # derived: no seq
    assert not [d for d in bo.all_of("dot:placed") if d["dot"]["id"] == dot]  # Ann's dots are Ann's

    closed = ok(fac.call("vote:close", {"vote_id": vote_id}))["vote"]
    assert closed["status"] == "closed"
    assert [(r["id"], r["dots"], r["rank"]) for r in closed["ranking"]] == [(cluster_id, 2, 1)]
    heard = bo.wait_for("vote:closed")
    assert heard["vote"]["ranking"] == closed["ranking"] and heard["voters"] == 2 and heard["dots"] == 2


def discuss(fac: DocClient, ann: DocClient, bo: DocClient, workshop: dict) -> tuple[str, DocClient]:
    """The discussion, with Bo's connection dropping: returns the topic and Bo's new connection."""
    set_phase(fac, [ann, bo], "discuss", resync=False)
    (topic,) = ok(fac.call("topics:from_ranking", {"count": 1, "planned": 300}))["topics"]
    assert topic["title"] == "Rhythm" and topic["planned"] == 300
    assert ann.wait_for("topic:saved")["topic"]["id"] == topic["id"]

    opened = ok(fac.call("topic:open", {"topic_id": topic["id"]}))
    assert opened["topic"]["id"] == topic["id"] and opened["server_time"] > 0
    heard = ann.wait_for("topic:opened")
    assert heard["topic_id"] == topic["id"] and heard["topic"]["id"] == topic["id"] and heard["stopped"] is None
    started = ok(fac.call("timer:start", {"topic_id": topic["id"], "seconds": 420}))
    timer = started["timer"]
    assert timer["state"] == "running" and timer["length"] == 420
    assert 419 < timer["deadline"] - started["server_time"] <= 420
    assert ann.wait_for("timer:changed")["action"] == "start"

    here = ok(bo.call("presence:confirm"))  # "I'm here": Bo counts as present in this step
    assert here["here"] is True
    assert fac.wait_for("presence:here", lambda d: d["how"] == "confirmed")["step_id"] == here["step_id"]
    elmo = ok(ann.call("elmo:throw", {"topic_id": topic["id"]}))["elmo"]
    assert elmo["mine"] is True and elmo["count"] == 1 and elmo["present"] == 2 and elmo["threshold"] == 1
    assert ok(ann.call("elmo:throw", {"topic_id": topic["id"]}))["elmo"]["count"] == 1  # one per person
    changed = fac.wait_for("elmo:changed")
    assert changed["elmo"]["move_on"] is True and changed["elmo_log"][0]["withdrawn_at"] is None

    # Bo's connection drops; the facilitator carries on; Bo comes back and catches up.
    since = bo.last_seq()
    token = bo.me["token"]
    bo.sio.disconnect()
    assert ann.wait_for("presence", lambda d: d == {"participant_id": bo.me["id"], "online": False})
    assert fac.wait_for("presence:diff", lambda d: bo.me["id"] in d["offline"])["online"] == []
    paused = ok(fac.call("timer:pause", {"topic_id": topic["id"]}))["timer"]
    assert paused["state"] == "paused" and 0 < paused["remaining"] <= 420
    notes = ok(fac.call("notes:edit", {"topic_id": topic["id"], "notes": {"situation": "Monthly releases"}}))
    assert notes["notes"] == {"situation": "Monthly releases", "desired": "", "obstacles": ""}

    back = DocClient(bo.url).connect()
    rejoined = ok(back.enter("join", {"code": workshop["code"], "token": token}))
    assert rejoined["participant"]["id"] == bo.me["id"]  # the same person, not a duplicate
    missed = ok(back.call("sync", {"since": since}))["events"]
    assert [e["event"] for e in missed] == ["timer:changed", "notes:changed"]
    assert missed[0]["data"]["timer"]["state"] == "paused" and missed[0]["data"]["action"] == "pause"
    assert missed[1]["data"]["notes"]["situation"] == "Monthly releases"
    assert since < missed[0]["data"]["seq"] < missed[1]["data"]["seq"] <= rejoined["state"]["seq"]
    online = {"participant_id": bo.me["id"], "online": True}
    ann.wait_until(lambda: ann.all_of("presence").count(online) == 2, "Bo online again")
    back.me = bo.me
    return topic["id"], back


def decide(fac: DocClient, ann: DocClient, bo: DocClient, topic_id: str) -> None:
    set_phase(fac, [ann, bo], "decide", resync=False)
    poll_id = new_id()
    poll = ok(fac.call("poll:open", {"id": poll_id, "proposal": "Release every week", "topic_id": topic_id}))["poll"]
    (first,) = poll["rounds"]
    assert poll["id"] == poll_id and poll["committed"] is False and first["open"] is True
    assert bo.wait_for("poll:opened")["round"]["id"] == first["id"]

    refused(bo.call("poll:answer", {"round_id": first["id"], "level": 60}), "reason_required")
    answer = ok(ann.call("poll:answer", {"round_id": first["id"], "level": 90, "reason": ""}))["answer"]
    assert answer["level"] == 90
    ok(bo.call("poll:answer", {"round_id": first["id"], "level": 80}))
    assert fac.wait_for("poll:answered", lambda d: d["answered"] == 2)["round_id"] == first["id"]

    closed = ok(fac.call("poll:close", {"round_id": first["id"]}))["poll"]
    assert closed["committed"] is True and closed["rounds"][0]["result"] == "commit"
    heard = ann.wait_for("poll:closed")
    assert heard["round"]["result"] == "commit" and heard["round"]["distribution"]["90"] == 1
    decisions = fac.enter("sync", {})["state"]["discussion"]["decisions"]
    assert [d["proposal"] for d in decisions] == ["Release every week"]


def summary(fac: DocClient, ann: DocClient, bo: DocClient) -> None:
    set_phase(fac, [ann, bo], "summary", resync=False)
    given = ok(ann.call("feedback:give", {"score": 9, "worked": "Small groups", "did_not_work": ""}))
    assert given["feedback"]["score"] == 9
    figures = fac.wait_for("feedback:given")["feedback"]
    assert figures["responses"] == 1 and figures["promoters"] == 1 and figures["nps"] == 100
    refused(fac.call("feedback:give", {"score": 9}), "forbidden")
    assert not bo.all_of("feedback:given")  # for facilitators only


def export(url: str, workshop: dict) -> None:
    key = {"Authorization": f"Bearer {workshop['facilitator_key']}"}
    base = f"{url}/api/workshops/{workshop['id']}"
    assert requests.get(base + "/summary", timeout=TIMEOUT).status_code == 403
    model = requests.get(base + "/summary", headers=key, timeout=TIMEOUT).json()["summary"]
    assert [c["name"] for c in model["clusters"]] == ["Rhythm"]
    assert model["analytics"]["feedback"]["responses"] == 1 and len(model["decisions"]) == 1
    markdown = requests.get(base + "/export/markdown", headers=key, timeout=TIMEOUT)
    assert "Release every week" in markdown.text
    assert markdown.headers["Cache-Control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(requests.get(base + "/export/csv", headers=key, timeout=TIMEOUT).content))
    clusters = list(csv.DictReader(io.StringIO(archive.read("clusters.csv").decode("utf-8-sig"))))
    assert [(c["name"], c["dots"]) for c in clusters] == [("Rhythm", "2")]
    dump = json.loads(requests.get(base + "/export/json", headers=key, timeout=TIMEOUT).content)
    assert dump["format"] == "bowtie.workshop" and dump["workshop"]["id"] == workshop["id"]
    assert dump["tables"]["groups"][0]["revealed"] == 1  # the JSON export keeps the stored rows


def remove(fac: DocClient, bo: DocClient, workshop: dict) -> None:
    assert ok(fac.call("participant:remove", {"participant_id": bo.me["id"]}))["participant_id"] == bo.me["id"]
    assert bo.wait_for("participant:removed")["participant_id"] == bo.me["id"]
    # The server closed Bo's connection itself: no Socket.IO client reconnects after that.
    assert bo.wait_until(lambda: bo.disconnects, "the server's disconnect") == [bo.sio.reason.SERVER_DISCONNECT]
    again = DocClient(bo.url).connect()
    refused(again.call("join", {"code": workshop["code"], "token": bo.me["token"]}), "forbidden")
    again.sio.disconnect()
    assert [p["name"] for p in fac.enter("sync", {})["state"]["participants"]] == ["Ann"]


def test_origins_are_checked_only_when_a_client_sends_one(server):
    handshake = server.url + "/socket.io/?EIO=4&transport=polling"
    assert requests.get(handshake, timeout=TIMEOUT).status_code == 200
    assert requests.get(handshake, headers={"Origin": server.url}, timeout=TIMEOUT).status_code == 200
    assert requests.get(handshake, headers={"Origin": "http://elsewhere.example"}, timeout=TIMEOUT).status_code == 400
