// The live connection: one Socket.IO socket, the state the server says we may
// see, and the reducers that keep it current as events arrive.
//
// On every (re)connect the page's `enter` function runs (join or facilitate),
// whose ack carries a fresh snapshot. Broadcasts carry the workshop's `seq`;
// events at or below the snapshot's seq are already in it and are skipped.
// Events that change what we may see wholesale trigger a `sync` after their
// reducer (if any) has run, unless the event says no snapshot is needed
// (`resync: false`: a phase:changed between phases in which we see the same cards).
import { io } from "/vendor/socket.io.esm.min.js";
import { RESYNC } from "/facts.js";

const WHOLESALE = new Set(RESYNC); // the events after which we take a fresh snapshot
const PRESENCE = new Set(["presence", "presence:diff"]); // who is online: not in the log, no seq
const ACK_TIMEOUT = 8000;
const RETRIES = 3;
// Actions queued while offline go out this many at a time after the re-join, so that
// a long-polling connection carries them in small requests, not one large one.
const BATCH = 4;

export class Live extends EventTarget {
  /** `sharedCards`: the page asks for the room's shared cards over HTTP (a participant's board). */
  constructor({ enter, reducers = {}, sharedCards = false }) {
    super();
    this.enter = enter;
    this.sharedCards = sharedCards;
    this.token = null; // the participant token of the last join, for the shared cards' request
    this.reducers = { ...reducers };
    this.state = null;
    this.seq = 0; // highest seq applied
    this.base = 0; // seq of the last snapshot
    this.seen = new Set();
    // Recent broadcasts, replayed over a newer snapshot: a broadcast can overtake
    // the join or sync ack whose snapshot it postdates (both are in flight at once).
    this.heard = [];
    this.status = "connecting";
    this.clockOffset = 0; // server time minus local time, in seconds
    this.pending = 0;
    this.queue = []; // actions taken while offline: { event, payload, done }
  }

  use(area) {
    Object.assign(this.reducers, area.reducers || {});
    return this;
  }

  connect() {
    // Websocket first; where a proxy or firewall blocks it, long-polling (tryAllTransports).
    this.socket = io({ transports: ["websocket", "polling"], tryAllTransports: true, reconnectionDelayMax: 4000 });
    this.socket.on("connect", () => this.entered());
    this.socket.on("disconnect", () => this.setStatus("reconnecting"));
    this.socket.io.on("reconnect_attempt", () => this.setStatus("reconnecting"));
    this.socket.on("connect_error", () => this.setStatus("reconnecting"));
    this.socket.onAny((event, data) => this.receive(event, data));
    return this;
  }

  async entered() {
    this.setStatus("joining");
    try {
      const ack = await this.enter(this);
      if (!ack.ok) return this.fail(ack.error);
      if (ack.participant?.token) this.token = ack.participant.token;
      // A re-join that sent `since` may get only what we missed, as a sync would.
      if (ack.state) await this.settle(ack.state);
      else {
        if (ack.online) this.state.online = ack.online; // presence is not in the log
        for (const { event, data } of ack.events || []) this.receive(event, data);
      }
      this.setStatus("online");
      this.flush();
    } catch (err) {
      this.setStatus("reconnecting");
    }
  }

  fail(error) {
    // Nothing queued will be sent now: give each waiting action its refusal (a toast, and
    // its box usable again) rather than leave it waiting for a join that will not come.
    for (const { done } of this.queue.splice(0)) done({ ok: false, error });
    this.setStatus("refused");
    this.dispatchEvent(new CustomEvent("refused", { detail: error }));
  }

  replace(state) {
    this.state = state;
    this.seq = this.base = state.seq;
    this.seen.clear();
    const later = this.heard.filter(([, data]) => data.seq > state.seq).sort((a, b) => a[1].seq - b[1].seq);
    this.heard = [];
    for (const [event, data] of later) this.receive(event, data);
    // A first guess; static/js/clock.js measures it properly with `time` round trips.
    if (state.server_time && !this.clockMeasured) this.clockOffset = state.server_time - Date.now() / 1000;
    this.changed();
  }

  receive(event, data) {
    if (data && typeof data.seq === "number" && !PRESENCE.has(event)) {
      this.heard.push([event, data]);
      if (this.heard.length > 500) this.heard.splice(0, this.heard.length - 500);
    }
    if (!this.state || PRESENCE.has(event)) return this.presence(event, data);
    if (data && typeof data.seq === "number") {
      // Already in the snapshot, or already applied (a sync can overlap live events).
      if (data.seq <= this.base || this.seen.has(data.seq)) return;
      this.seen.add(data.seq);
      if (data.seq > this.seq) this.seq = data.seq;
    }
    if (event === "error:flood") return this.fail({ code: "too_fast", message: data.message });
    // Apply what the event says at once (the new phase shows before the
    // snapshot, which may take seconds in a workshop of thousands), then resync.
    const reducer = this.reducers[event];
    if (reducer) reducer(this.state, data, this);
    if (WHOLESALE.has(event) && data?.resync !== false) this.sync(null);
    this.dispatchEvent(new CustomEvent("event", { detail: { event, data } }));
    this.changed();
  }

  /** `presence` (one person, to their group) or `presence:diff` (many, to facilitators). */
  presence(event, data) {
    if (!PRESENCE.has(event) || !this.state) return;
    const diff = event === "presence:diff" ? data
      : { online: data.online ? [data.participant_id] : [], offline: data.online ? [] : [data.participant_id] };
    const online = new Set(this.state.online || []);
    for (const id of diff.online) online.add(id);
    for (const id of diff.offline) online.delete(id);
    this.state.online = [...online];
    this.changed();
  }

  /** Catch up: the events since `since`, or (since null) a fresh snapshot. */
  async sync(since = this.seq, { inline = false } = {}) {
    const payload = since === null ? {} : { since };
    if (this.sharedCards && !inline) payload.shared_cards = true;
    const ack = await this.send("sync", payload, { quiet: true });
    if (!ack.ok) return;
    if (ack.state) return this.settle(ack.state);
    for (const { event, data } of ack.events) this.receive(event, data);
  }

  /** Take a snapshot; one that names the room's shared cards gets them first. */
  async settle(state) {
    const complete = await this.withSharedCards(state);
    return complete ? this.replace(complete) : this.sync(null, { inline: true });
  }

  /** The shared cards (docs/protocol.md, Shared cards over HTTP) with our own in their places,
   *  or null when they could not be had as the snapshot named them (then a snapshot inline). */
  async withSharedCards(state) {
    const named = state.shared_cards;
    if (!named) return state;
    try {
      const response = await fetch(`/api/workshops/${encodeURIComponent(state.workshop.id)}/cards/shared`, {
        headers: { Authorization: `Bearer ${this.token}` }, cache: "no-cache",
      });
      if (!response.ok || response.headers.get("ETag") !== `"${named.etag}"`) return null;
      const own = new Map(state.cards.map((card) => [card.id, card]));
      const cards = (await response.json()).map((card) => own.get(card.id) || card);
      const { shared_cards: _, ...rest } = state;
      return { ...rest, cards };
    } catch {
      return null; // the network dropped for a moment
    }
  }

  /** Send an event and resolve with its ack; retried on timeout (ids make it safe). */
  async send(event, payload = {}, { quiet = false } = {}) {
    this.pending += 1;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.socket.timeout(ACK_TIMEOUT).emitWithAck(event, payload);
        } catch (err) {
          if (attempt >= RETRIES) {
            const ack = { ok: false, error: { code: "timeout", message: "The server did not answer. Check your connection." } };
            if (!quiet) this.dispatchEvent(new CustomEvent("ack-error", { detail: ack.error }));
            return ack;
          }
        }
      }
    } finally {
      this.pending -= 1;
    }
  }

  /** True while the page is connected and joined: an action sent now is acted on. */
  get online() {
    return this.status === "online" && Boolean(this.socket?.connected);
  }

  /** A person's action: send() when online, else queued until the re-join; a refusal becomes a toast. */
  async act(event, payload) {
    const ack = await this.deliver(event, payload);
    if (!ack.ok) this.dispatchEvent(new CustomEvent("ack-error", { detail: ack.error }));
    return ack;
  }

  // Sent only once joined: a send while disconnected would be flushed by socket.io on
  // reconnect, ahead of the join, and refused. Queued actions keep their order.
  async deliver(event, payload) {
    this.pending += 1;
    try {
      if (!this.online || this.queue.length || this.flushing) return await this.enqueue(event, payload);
      return (await this.attempt(event, payload)) ?? (await this.enqueue(event, payload));
    } finally {
      this.pending -= 1;
    }
  }

  // The ack, or null when the connection went before it came: the action is queued
  // again, and its client id makes sending it twice harmless.
  async attempt(event, payload) {
    for (let attempt = 1; ; attempt++) {
      if (!this.online) return null;
      try {
        return await this.socket.timeout(ACK_TIMEOUT).emitWithAck(event, payload);
      } catch (err) {
        if (this.online && attempt >= RETRIES) {
          return { ok: false, error: { code: "timeout", message: "The server did not answer. Check your connection." } };
        }
      }
    }
  }

  enqueue(event, payload) {
    return new Promise((done) => {
      this.queue.push({ event, payload, done });
      this.dispatchEvent(new Event("queue"));
    });
  }

  /** Send what was queued while offline, in order, a small batch at a time. */
  async flush() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length && this.online) {
        const batch = this.queue.splice(0, BATCH);
        const acks = await Promise.all(batch.map(({ event, payload }) => this.attempt(event, payload)));
        batch.forEach((item, i) => acks[i] && item.done(acks[i]));
        this.queue.unshift(...batch.filter((item, i) => !acks[i]));
        this.dispatchEvent(new Event("queue"));
      }
    } finally {
      this.flushing = false;
    }
  }

  setStatus(status) {
    this.status = status;
    this.dispatchEvent(new CustomEvent("status", { detail: status }));
  }

  /** Server time now, in seconds, from the local clock corrected by the measured offset. */
  now() {
    return Date.now() / 1000 + this.clockOffset;
  }

  changed() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.dispatchEvent(new Event("change"));
    });
  }
}

/** Connection status pill: "Live", "Reconnecting…", "Offline — 2 not sent yet". */
export function statusPill(live, el) {
  const labels = { connecting: "Connecting…", joining: "Joining…", online: "Live",
    reconnecting: "Reconnecting…", refused: "Not connected" };
  const show = () => {
    const waiting = live.queue.length;
    const status = live.status;
    el.textContent = waiting && status !== "online"
      ? `Offline — ${waiting} not sent yet`
      : waiting ? `Sending ${waiting}…` : labels[status] || status;
    el.dataset.status = status;
  };
  live.addEventListener("status", show);
  live.addEventListener("queue", show);
  show();
}
