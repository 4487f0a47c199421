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
const ACK_TIMEOUT = 8000;
const RETRIES = 3;

export class Live extends EventTarget {
  constructor({ enter, reducers = {} }) {
    super();
    this.enter = enter;
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
      this.replace(ack.state);
      this.setStatus("online");
    } catch (err) {
      this.setStatus("reconnecting");
    }
  }

  fail(error) {
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
    if (data && typeof data.seq === "number" && event !== "presence") {
      this.heard.push([event, data]);
      if (this.heard.length > 500) this.heard.splice(0, this.heard.length - 500);
    }
    if (!this.state || event === "presence") return this.presence(event, data);
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

  presence(event, data) {
    if (event !== "presence" || !this.state) return;
    const online = new Set(this.state.online || []);
    if (data.online) online.add(data.participant_id);
    else online.delete(data.participant_id);
    this.state.online = [...online];
    this.changed();
  }

  /** Catch up: the events since `since`, or (since null) a fresh snapshot. */
  async sync(since = this.seq) {
    const ack = await this.send("sync", since === null ? {} : { since }, { quiet: true });
    if (!ack.ok) return;
    if (ack.state) return this.replace(ack.state);
    for (const { event, data } of ack.events) this.receive(event, data);
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

  /** send(), and report a refusal to the person (toast) instead of the caller. */
  async act(event, payload) {
    const ack = await this.send(event, payload);
    if (!ack.ok) this.dispatchEvent(new CustomEvent("ack-error", { detail: ack.error }));
    return ack;
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

/** Connection status pill: "Live", "Reconnecting…". */
export function statusPill(live, el) {
  const labels = { connecting: "Connecting…", joining: "Joining…", online: "Live",
    reconnecting: "Reconnecting…", refused: "Not connected" };
  const show = (status) => {
    el.textContent = labels[status] || status;
    el.dataset.status = status;
  };
  live.addEventListener("status", (e) => show(e.detail));
  show(live.status);
}
