// The live connection's bookkeeping: which broadcasts apply to the snapshot,
// when to ask for a fresh one, and acks that never come. The socket is a stand-in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser, frame } from "./browser.js";

const { Live } = await browser("live.js");

const snapshot = (seq, extra = {}) => ({ seq, cards: [], online: [], workshop: { phase: "collect" }, ...extra });
const cardAdded = (state, { card }) => { state.cards.push(card); };

/** A page online with a snapshot at `seq`; the server answers `sync` with `syncAnswer`. */
async function online(seq = 10, { syncAnswer = { ok: true, events: [] } } = {}) {
  const live = new Live({ enter: (l) => l.send("join", { token: "t" }), reducers: { "card:added": cardAdded } });
  live.connect();
  live.socket.answer = (event) => (event === "join" ? { ok: true, state: snapshot(seq) } : syncAnswer);
  live.socket.fire("connect");
  await frame();
  assert.equal(live.status, "online");
  return live;
}

const sent = (live, name) => live.socket.sent.filter(([event]) => event === name).map(([, payload]) => payload);

test("a broadcast newer than the snapshot is applied by its reducer", async () => {
  const live = await online(10);
  live.socket.deliver("card:added", { seq: 11, card: { id: "a" } });
  assert.deepEqual(live.state.cards, [{ id: "a" }]);
  assert.equal(live.seq, 11);
});

test("a broadcast already in the snapshot, or heard twice, is applied once", async () => {
  const live = await online(10);
  live.socket.deliver("card:added", { seq: 10, card: { id: "old" } });
  live.socket.deliver("card:added", { seq: 12, card: { id: "a" } });
  live.socket.deliver("card:added", { seq: 12, card: { id: "a" } });
  assert.deepEqual(live.state.cards.map((c) => c.id), ["a"]);
});

test("a broadcast that overtook the snapshot's ack is replayed over it", async () => {
  const live = new Live({ enter: (l) => l.send("join", {}), reducers: { "card:added": cardAdded } });
  live.connect();
  let reply;
  live.socket.answer = () => new Promise((resolve) => { reply = resolve; });
  live.socket.fire("connect");
  await frame();
  live.socket.deliver("card:added", { seq: 9, card: { id: "in the snapshot" } });
  live.socket.deliver("card:added", { seq: 11, card: { id: "after it" } });
  reply({ ok: true, state: snapshot(10) });
  await frame();
  assert.deepEqual(live.state.cards.map((c) => c.id), ["after it"]);
  assert.equal(live.seq, 11);
});

test("an event that changes what we may see asks for a fresh snapshot", async () => {
  const live = await online(10, { syncAnswer: { ok: true, state: snapshot(20, { cards: [{ id: "fresh" }] }) } });
  live.socket.deliver("cards:revealed", { seq: 11 });
  await frame();
  assert.deepEqual(sent(live, "sync"), [{}]);
  assert.deepEqual(live.state.cards, [{ id: "fresh" }]);
  assert.equal(live.base, 20);
});

test("a phase change applies at once and resyncs unless it says no snapshot is needed", async () => {
  const reducers = { "phase:changed": (state, data) => { state.workshop.phase = data.phase; } };
  const live = await online(10);
  live.use({ reducers });
  live.socket.deliver("phase:changed", { seq: 11, phase: "cluster", resync: true });
  assert.equal(live.state.workshop.phase, "cluster");
  live.socket.deliver("phase:changed", { seq: 12, phase: "vote", resync: false });
  assert.equal(live.state.workshop.phase, "vote");
  await frame();
  assert.equal(sent(live, "sync").length, 1);
});

test("an ordinary event asks for no snapshot", async () => {
  const live = await online(10);
  live.socket.deliver("card:added", { seq: 11, card: { id: "a" } });
  await frame();
  assert.deepEqual(sent(live, "sync"), []);
});

test("catching up applies the missed events the server lists", async () => {
  const events = [{ event: "card:added", data: { seq: 11, card: { id: "missed" } } }];
  const live = await online(10, { syncAnswer: { ok: true, events } });
  await live.sync();
  assert.deepEqual(sent(live, "sync"), [{ since: 10 }]);
  assert.deepEqual(live.state.cards, [{ id: "missed" }]);
});

test("presence keeps the list of who is online", async () => {
  const live = await online(10);
  live.socket.deliver("presence", { participant_id: "p1", online: true });
  live.socket.deliver("presence", { participant_id: "p2", online: true });
  live.socket.deliver("presence", { participant_id: "p1", online: false });
  assert.deepEqual(live.state.online, ["p2"]);
});

test("a facilitator's presence diff adds and removes many at once", async () => {
  const live = await online(10);
  live.socket.deliver("presence", { participant_id: "p1", online: true });
  live.socket.deliver("presence:diff", { online: ["p2", "p3"], offline: ["p1"] });
  assert.deepEqual(live.state.online.sort(), ["p2", "p3"]);
});

test("a flood warning ends the session with a refusal", async () => {
  const live = await online(10);
  const refusals = [];
  live.addEventListener("refused", (e) => refusals.push(e.detail.code));
  live.socket.deliver("error:flood", { message: "slow down" });
  assert.deepEqual(refusals, ["too_fast"]);
  assert.equal(live.status, "refused");
});

test("a refused join reports the server's error", async () => {
  const live = new Live({ enter: (l) => l.send("join", {}) });
  live.connect();
  live.socket.answer = () => ({ ok: false, error: { code: "bad_token", message: "no" } });
  const refusals = [];
  live.addEventListener("refused", (e) => refusals.push(e.detail.code));
  live.socket.fire("connect");
  await frame();
  assert.deepEqual(refusals, ["bad_token"]);
  assert.equal(live.state, null);
});

test("an unanswered event is sent three times, then reported as a timeout", async () => {
  const live = await online(10);
  live.socket.answer = () => Promise.reject(new Error("operation has timed out"));
  const errors = [];
  live.addEventListener("ack-error", (e) => errors.push(e.detail.code));
  const ack = await live.send("card:add", { id: "c1" });
  assert.equal(ack.ok, false);
  assert.equal(ack.error.code, "timeout");
  assert.deepEqual(sent(live, "card:add"), [{ id: "c1" }, { id: "c1" }, { id: "c1" }]);
  assert.deepEqual(errors, ["timeout"]);
  assert.equal(live.pending, 0);
});

test("act reports a refusal; a quiet send does not", async () => {
  const live = await online(10);
  live.socket.answer = () => ({ ok: false, error: { code: "wrong_phase", message: "not now" } });
  const errors = [];
  live.addEventListener("ack-error", (e) => errors.push(e.detail.code));
  await live.send("card:add", {}, { quiet: true });
  await live.act("card:add", {});
  assert.deepEqual(errors, ["wrong_phase"]);
});

test("server time is the local clock corrected by the measured offset", async () => {
  const live = await online(10);
  live.clockOffset = 42;
  const now = Date.now() / 1000;
  assert.ok(Math.abs(live.now() - (now + 42)) < 1);
});

// Offline: what a person does while disconnected waits for the re-join.
const { statusPill } = await browser("live.js");

function pill(live) {
  const el = { textContent: "", dataset: {} };
  statusPill(live, el);
  return el;
}

async function reconnect(live) {
  live.socket.fire("connect");
  for (let i = 0; i < 5; i++) await frame();
}

test("actions taken offline are counted, and sent once each after the re-join, not before", async () => {
  const live = await online(10);
  const shown = pill(live);
  live.socket.fire("disconnect");
  const acks = [live.act("card:add", { id: "c1" }), live.act("dot:place", { id: "d1" })];
  await frame();
  assert.equal(shown.textContent, "Offline — 2 not sent yet");
  assert.deepEqual(live.socket.sent.slice(1), []); // nothing sent while disconnected
  await reconnect(live);
  assert.deepEqual(live.socket.sent.slice(1).map(([event]) => event), ["join", "card:add", "dot:place"]);
  assert.deepEqual((await Promise.all(acks)).map((ack) => ack.ok), [true, true]);
  assert.equal(shown.textContent, "Live");
});

test("an action whose ack is lost with the connection is sent again after the re-join", async () => {
  const live = await online(10);
  live.socket.answer = (event) => {
    if (event !== "card:add") return { ok: true, state: snapshot(11) };
    live.socket.fire("disconnect");
    return Promise.reject(new Error("socket has been disconnected"));
  };
  const ack = live.act("card:add", { id: "c1" });
  await frame();
  assert.equal(live.queue.length, 1);
  live.socket.answer = (event) => (event === "join" ? { ok: true, state: snapshot(11) } : { ok: true });
  await reconnect(live);
  assert.equal((await ack).ok, true);
  assert.deepEqual(sent(live, "card:add"), [{ id: "c1" }, { id: "c1" }]); // the same id: stored once
});

test("queued actions go out a few at a time, each batch after the last one's acks", async () => {
  const live = await online(10);
  live.socket.fire("disconnect");
  const acks = Array.from({ length: 10 }, (_, i) => live.act("card:add", { id: `c${i}` }));
  const answers = [];
  live.socket.answer = (event) => (event === "join" ? { ok: true, state: snapshot(10) }
    : new Promise((done) => answers.push(done)));
  await reconnect(live);
  const inFlight = [];
  while (answers.length) {
    inFlight.push(answers.length);
    answers.splice(0).forEach((done) => done({ ok: true }));
    for (let i = 0; i < 5; i++) await frame();
  }
  assert.deepEqual(inFlight, [4, 4, 2]);
  assert.equal((await Promise.all(acks)).length, 10);
  assert.deepEqual(sent(live, "card:add").map((p) => p.id), Array.from({ length: 10 }, (_, i) => `c${i}`));
});

test("a refused re-join answers every queued action with the refusal", async () => {
  const live = await online(10);
  live.socket.fire("disconnect");
  const ack = live.act("card:add", { id: "c1" });
  live.socket.answer = () => ({ ok: false, error: { code: "removed", message: "You were removed" } });
  await reconnect(live);
  assert.deepEqual((await ack).error.code, "removed");
  assert.equal(live.queue.length, 0);
  assert.deepEqual(sent(live, "card:add"), []);
});

// The room's shared cards over HTTP (docs/protocol.md, Shared cards over HTTP): `fetch` is the stand-in here.
function serveShared(reply) {
  const asked = [];
  globalThis.fetch = async (url, options) => {
    asked.push({ url, authorization: options.headers.Authorization });
    return reply(url);
  };
  return asked;
}

const sharedResponse = (etag, cards) => ({
  ok: true, headers: { get: (name) => (name === "ETag" ? `"${etag}"` : null) }, json: async () => cards,
});

async function participant(answers) {
  const live = new Live({ enter: (l) => l.send("join", { token: "t" }), sharedCards: true });
  live.connect();
  live.socket.answer = (event, payload) => answers(event, payload);
  live.socket.fire("connect");
  await frame();
  await frame();
  return live;
}

const named = (etag) => snapshot(7, {
  workshop: { id: "w 1", phase: "cluster" }, cards: [{ id: "b", mine: true }], shared_cards: { etag, count: 3 },
});

test("a snapshot that names the shared cards gets them over HTTP, with our own in their places", async () => {
  const asked = serveShared(() => sharedResponse("e1", [{ id: "a", mine: false }, { id: "b", mine: false }, { id: "c" }]));
  const live = await participant((event) => (event === "join"
    ? { ok: true, participant: { token: "tok" }, state: named("e1") } : { ok: true, events: [] }));
  assert.deepEqual(live.state.cards, [{ id: "a", mine: false }, { id: "b", mine: true }, { id: "c" }]);
  assert.equal(live.state.shared_cards, undefined);
  assert.deepEqual(asked, [{ url: "/api/workshops/w%201/cards/shared", authorization: "Bearer tok" }]);
  live.socket.deliver("cards:revealed", { seq: 8 });
  await frame();
  assert.deepEqual(sent(live, "sync"), [{ shared_cards: true }]);
});

test("shared cards that changed since the snapshot, or a failed request, bring a snapshot with every card", async () => {
  for (const reply of [() => sharedResponse("e2", []), () => { throw new TypeError("offline"); }]) {
    serveShared(reply);
    const inline = snapshot(9, { cards: [{ id: "a" }, { id: "b", mine: true }] });
    const live = await participant((event) => (event === "join"
      ? { ok: true, participant: { token: "tok" }, state: named("e1") } : { ok: true, state: inline }));
    await frame();
    assert.deepEqual(sent(live, "sync"), [{}]);
    assert.deepEqual(live.state.cards, inline.cards);
    assert.equal(live.base, 9);
  }
});
