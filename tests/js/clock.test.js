// The time-box arithmetic every screen does from the deadline the server stored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const { clockText, durationText, isExpired, offsetFrom, parseLength, secondsLeft, secondsSpent, timerFace } =
  await browser("clock.js");

const T0 = 1_700_000_000;
const running = (length, at = T0) => ({ state: "running", length, deadline: at + length, remaining: null, spent: 0, since: at });
const paused = (remaining) => ({ state: "paused", length: 300, deadline: null, remaining, spent: 40, since: null });

test("the clock offset is read from the middle of the round trip", () => {
  // The screen's clock is 5 s behind the server's; the trip took 0.2 s each way.
  assert.equal(Math.round(offsetFrom(100.0, 105.2, 100.4) * 1000) / 1000, 5);
});

test("screens with different clocks show the same time left once corrected", () => {
  const timer = running(300);
  const serverNow = T0 + 42;
  const slowScreen = serverNow - 7; // its own clock
  const fastScreen = serverNow + 3;
  assert.equal(secondsLeft(timer, slowScreen + 7), 258);
  assert.equal(secondsLeft(timer, fastScreen - 3), 258);
  assert.equal(secondsLeft(timer, slowScreen), 265); // uncorrected, it would run 7 s late
});

test("a running box counts down to its deadline and into overtime", () => {
  assert.equal(secondsLeft(running(60), T0 + 20), 40);
  assert.equal(secondsLeft(running(60), T0 + 75), -15);
  assert.equal(isExpired(running(60), T0 + 59.9), false);
  assert.equal(isExpired(running(60), T0 + 60), true);
});

test("a paused box keeps its remaining time whatever the clock says", () => {
  assert.equal(secondsLeft(paused(42), T0), 42);
  assert.equal(secondsLeft(paused(42), T0 + 3600), 42);
  assert.equal(isExpired(paused(42), T0 + 3600), false);
  assert.equal(isExpired(paused(0), T0), true);
});

test("an idle or stopped box shows nothing left and never expires", () => {
  for (const state of ["idle", "stopped"]) {
    const timer = { state, length: 0, deadline: null, remaining: null, spent: 12, since: null };
    assert.equal(secondsLeft(timer, T0), 0);
    assert.equal(isExpired(timer, T0), false);
  }
  assert.equal(secondsLeft(null, T0), 0);
});

test("time spent adds the running span to the finished ones, overtime included", () => {
  assert.equal(secondsSpent({ ...running(60), spent: 30 }, T0 + 90), 120);
  assert.equal(secondsSpent(paused(10), T0 + 1000), 40);
});

test("the face of a time-box: digits, state and label", () => {
  assert.deepEqual(timerFace(running(425), T0),
    { expired: false, digits: "7:05", state: "running", label: "" });
  assert.deepEqual(timerFace(running(60), T0 + 69),
    { expired: true, digits: "+0:09", state: "expired", label: "Time’s up" });
  assert.deepEqual(timerFace(paused(30), T0), { expired: false, digits: "0:30", state: "paused", label: "Paused" });
  assert.deepEqual(timerFace({ state: "idle", spent: 0 }, T0),
    { expired: false, digits: "–:––", state: "idle", label: "Not started" });
  assert.equal(timerFace({ state: "stopped", spent: 5 }, T0).label, "Stopped");
});

test("clock text rounds up while counting down and shows hours past an hour", () => {
  assert.equal(clockText(425), "7:05");
  assert.equal(clockText(8.2), "0:09");
  assert.equal(clockText(0), "0:00");
  assert.equal(clockText(-3), "0:00");
  assert.equal(clockText(3723), "1:02:03");
});

test("durations for the topic log", () => {
  assert.equal(durationText(45), "45 s");
  assert.equal(durationText(720), "12 min");
  assert.equal(durationText(605), "10 min 5 s");
  assert.equal(durationText(59.6), "1 min");
});

test("a typed time-box length: minutes by default, m:ss, or seconds", () => {
  assert.equal(parseLength("7"), 420);
  assert.equal(parseLength(" 7 min "), 420);
  assert.equal(parseLength("7m"), 420);
  assert.equal(parseLength("7:30"), 450);
  assert.equal(parseLength("90s"), 90);
  assert.equal(parseLength("90 S"), 90);
  for (const bad of ["", "7:60", "abc", "-5", "1.5", "7:3:0"]) assert.equal(parseLength(bad), null, bad);
});
