// The running step's Elmo: which steps show it, its count, its time-box and its reducer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const area = await browser("areas/step_elmo.js");

const step = (id, elmoOnStep, extra = {}) => ({ id, kind: "pillars", title: id, planned_minutes: 30,
  state: "running", started_at: 1000, elmo_on_step: elmoOnStep, ...extra });
const running = (s, stepElmo = null) => ({ agenda: { steps: [s], current: s.id }, step_elmo: stepElmo });

test("a step begun since the snapshot starts with no Elmos", () => {
  const old = { step_id: "before", mine: true, elmo: { count: 3, threshold: 2, move_on: true } };
  assert.deepEqual(area.stepElmoNow(running(step("p", true), old)), { step_id: "p", mine: false, elmo: null });
  assert.equal(area.stepElmoNow(running(step("c", false), old)), null);
});

test("step:elmo_changed updates the count and keeps one's own Elmo", () => {
  const state = running(step("p", true), { step_id: "p", mine: true, elmo: null });
  const elmo = { count: 2, threshold: 2, present: 4, move_on: true };
  area.reducers["step:elmo_changed"](state, { step_id: "p", elmo, seq: 5 });
  assert.deepEqual(state.step_elmo, { step_id: "p", mine: true, elmo });
});

test("the count reads against the threshold", () => {
  assert.equal(area.elmoText({ count: 1, threshold: 3 }), "Elmos: 1 of 3 needed to move on");
  assert.equal(area.elmoText({ count: 2, threshold: 3 }), "Elmos: 2 of 3 needed to move on");
  assert.equal(area.elmoText({ count: 3, threshold: 3 }), "Elmos: 3 of 3 needed to move on");
  assert.equal(area.elmoText({ count: 4, threshold: 3 }), "Elmos: 4 (3 needed to move on)");
  assert.equal(area.elmoText(null), "No Elmos yet");
});

test("the threshold reads as the share of those here the facilitator set", () => {
  assert.equal(area.thresholdText({ count: 1, threshold: 3, present: 6 }, 50), "3 of the 6 here (50%)");
  assert.equal(area.thresholdText({ count: 0, threshold: 2, present: 6 }, 25), "2 of the 6 here (25%)");
  assert.equal(area.thresholdText(null, 75), "75% of those here");
});

test("the step's time-box is its planned minutes from its start", () => {
  assert.deepEqual(area.stepTimebox(step("p", true)), { state: "running", deadline: 1000 + 30 * 60 });
  assert.equal(area.stepTimebox(step("p", true, { started_at: null })), null);
});
