// The agenda area: its reducer and the helpers its time plan and "Now · Next" strip show.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const agenda = await browser("areas/agenda.js");

const step = (id, state = "planned", extra = {}) => ({ id, kind: "collect", title: id.toUpperCase(), planned_minutes: 10, state, ...extra });
const plan = (current, ...steps) => ({ steps, current, removed: [] });

test("agenda:changed replaces the whole agenda", () => {
  const state = { agenda: plan(null, step("a")) };
  const fresh = plan("b", step("a", "done"), step("b", "running"));
  agenda.reducers["agenda:changed"](state, { agenda: fresh, seq: 9 });
  assert.deepEqual(state.agenda, fresh);
});

test("now is the running step and next the one after it in the agenda", () => {
  const { now, next } = agenda.nowAndNext(plan("b", step("a", "done"), step("b", "running"), step("c")));
  assert.equal(now.id, "b");
  assert.equal(next.id, "c");
});

test("the last step running has no next", () => {
  assert.deepEqual(agenda.nowAndNext(plan("b", step("a", "done"), step("b", "running"))).next, null);
});

test("before anything runs there is only a next: the first planned step", () => {
  const { now, next } = agenda.nowAndNext(plan(null, step("a"), step("b")));
  assert.equal(now, null);
  assert.equal(next.id, "a");
});

test("after going back to an earlier step, next is the step after it even if it ran", () => {
  const { next } = agenda.nowAndNext(plan("a", step("a", "running"), step("b", "done"), step("c")));
  assert.equal(next.id, "b");
});

test("a step moves one place up or down, never past either end", () => {
  const a = plan(null, step("a"), step("b"), step("c"));
  assert.equal(agenda.moveTarget(a, "b", -1), 0);
  assert.equal(agenda.moveTarget(a, "b", 1), 2);
  assert.equal(agenda.moveTarget(a, "a", -1), null);
  assert.equal(agenda.moveTarget(a, "c", 1), null);
  assert.equal(agenda.moveTarget(a, "gone", 1), null);
});

test("behind and ahead in whole minutes, on time at zero", () => {
  assert.equal(agenda.behindText(0), "On time");
  assert.equal(agenda.behindText(5), "5 min behind");
  assert.equal(agenda.behindText(-3), "3 min ahead");
});

test("minutes are read as whole minutes, hours past sixty", () => {
  assert.equal(agenda.minutesText(0.4), "< 1 min");
  assert.equal(agenda.minutesText(11.6), "12 min");
  assert.equal(agenda.minutesText(65), "1 h 05 min");
});

test("a row says what ran, for how long, and what is still planned", () => {
  assert.equal(agenda.stateText(step("a", "done"), { actual_minutes: 12.2 }), "Done · 12 min");
  assert.equal(agenda.stateText(step("a", "done"), { actual_minutes: null }), "Done");
  assert.equal(agenda.stateText(step("a", "running"), { actual_minutes: 3 }), "Running · 3 min");
  assert.equal(agenda.stateText(step("a", "running"), undefined), "Running");
  assert.equal(agenda.stateText(step("a"), { actual_minutes: null }), "Planned");
});

test("a step kind is shown by the title the server gives it", () => {
  assert.equal(agenda.kindTitle("vote"), "Vote");
  assert.equal(agenda.kindTitle("no-such-kind"), "no-such-kind");
});

test("the wall clock of a server time", () => {
  const at = new Date(2026, 11, 3, 9, 5).getTime() / 1000;
  assert.equal(agenda.clockAt(at), "09:05");
});

test("the timeline's rows are found by step id", () => {
  const rows = agenda.rowsById({ steps: [{ step_id: "a", actual_minutes: 2 }] });
  assert.equal(rows.get("a").actual_minutes, 2);
  assert.equal(agenda.rowsById(null).size, 0);
});

test("the agenda panel starts closed while the lobby runs, open in any other step", () => {
  const lobby = { ...step("l", "running"), kind: "lobby" };
  assert.equal(agenda.openByDefault(plan("l", lobby, step("c"))), false);
  assert.equal(agenda.openByDefault(plan("c", { ...lobby, state: "done" }, step("c", "running"))), true);
});
