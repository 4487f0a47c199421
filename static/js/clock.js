// The server's clock, and time-boxes counted down from a stored deadline.
//
// Every screen computes what is left from the deadline the server stored, read
// against its own clock corrected by the offset measured here, so screens agree
// within the offset's error (a few milliseconds on a LAN) and a reload keeps
// the timer. The server only stores the deadline (workshop/domain/timebox.py);
// the arithmetic of what a screen shows lives here alone (tests/js/clock.test.js).

const SAMPLES = 5;

/** NTP's estimate: the server read its clock half-way through the round trip. */
export function offsetFrom(sentAt, serverTime, receivedAt) {
  return serverTime - (sentAt + receivedAt) / 2;
}

/**
 * Measure the offset with a few `time` round trips and keep the one with the
 * shortest trip (the least room for error). Sets live.clockOffset.
 */
export async function measureClock(live) {
  let best = null;
  for (let i = 0; i < SAMPLES; i++) {
    const sent = Date.now() / 1000;
    const ack = await live.send("time", {}, { quiet: true });
    const received = Date.now() / 1000;
    if (!ack.ok) return;
    const trip = received - sent;
    if (!best || trip < best.trip) best = { trip, offset: offsetFrom(sent, ack.server_time, received) };
  }
  live.clockOffset = best.offset;
  live.clockMeasured = true;
  live.changed();
}

/** Seconds left on a timer at server time `now` (negative: overtime). */
export function secondsLeft(timer, now) {
  if (!timer) return 0;
  if (timer.state === "running") return timer.deadline - now;
  if (timer.state === "paused") return timer.remaining;
  return 0;
}

export function isExpired(timer, now) {
  return (timer.state === "running" && now >= timer.deadline) || (timer.state === "paused" && timer.remaining <= 0);
}

/** What a time-box shows at server time `now`: its digits, a state to style, a label. */
export function timerFace(timer, now) {
  const expired = isExpired(timer, now);
  const left = secondsLeft(timer, now);
  return {
    expired,
    digits: timer.state === "idle" ? "–:––" : expired ? `+${clockText(-left)}` : clockText(left),
    state: expired ? "expired" : timer.state,
    label: expired ? "Time’s up" : { paused: "Paused", stopped: "Stopped", idle: "Not started" }[timer.state] || "",
  };
}

/** Time spent on the topic so far (running spans, overtime included). */
export function secondsSpent(timer, now) {
  return timer.state === "running" ? timer.spent + (now - timer.since) : timer.spent;
}

/** "7:05", "0:09", "1:02:03"; whole seconds, rounded up while counting down. */
export function clockText(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${r}` : `${m}:${r}`;
}

/** "12 min", "45 s": a duration for the topic log. */
export function durationText(seconds) {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}

/** Parse "7:30", "7", "90s" into seconds (minutes by default), or null. */
export function parseLength(text) {
  const t = String(text).trim();
  let m = /^(\d{1,4}):([0-5]?\d)$/.exec(t);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(\d{1,5})\s*s$/i.exec(t);
  if (m) return Number(m[1]);
  m = /^(\d{1,4})(?:\s*m(?:in)?)?$/i.exec(t);
  if (m) return Number(m[1]) * 60;
  return null;
}
