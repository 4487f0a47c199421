// The discuss step's topic plan as the screens show it: the server computes it,
// the browser places each topic's time and the cut line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const discuss = await browser("areas/discuss.js");

const topic = (id, position, extra = {}) => ({ id, position, title: id, planned: 600, fixed: false,
  timer: { state: "idle" }, elmo: { count: 0 }, elmo_log: [], notes: {}, ...extra });
const slot = (id, seconds, extra = {}) => ({ id, dots: 1, seconds, remaining: seconds, fixed: false,
  reached: seconds > 0, starts_in: 0, ...extra });
const plan = (slots, cut) => ({ step_id: "s", at: 0, running: false, ends_at: null, minimum: 120, seconds_left: 900, cut,
  unallotted: 0, slots });

test("the cut line sits before the first topic the plan does not reach", () => {
  const topics = [topic("a", 1), topic("b", 2), topic("c", 3), topic("d", 4)];
  const rows = discuss.planRows(topics, plan([slot("a", 600), slot("b", 300), slot("c", 0), slot("d", 0)], 2));
  assert.deepEqual(rows.map((r) => r.key), ["a", "b", "cut-line", "c", "d"]);
});

test("no cut line when every open topic is reached, and a closed topic has no slot", () => {
  const topics = [topic("done", 1, { timer: { state: "stopped" } }), topic("a", 2), topic("b", 3)];
  const rows = discuss.planRows(topics, plan([slot("a", 600), slot("b", 300)], 2));
  assert.deepEqual(rows.map((r) => r.key), ["done", "a", "b"]);
  assert.equal(rows[0].slot, null);
});

test("without a plan the topics are listed as they are", () => {
  const rows = discuss.planRows([topic("a", 1)], null);
  assert.deepEqual(rows.map((r) => [r.key, r.slot]), [["a", null]]);
});

test("each topic shows its allotted time and dots, or that it will not be reached", () => {
  assert.equal(discuss.slotText(slot("a", 750, { dots: 5 })), "12 min 30 s · 5 dots");
  assert.equal(discuss.slotText(slot("a", 600, { dots: 1, fixed: true })), "10 min set by hand · 1 dot");
  assert.equal(discuss.slotText(slot("a", 120, { dots: 0 })), "2 min");
  assert.equal(discuss.slotText(slot("a", 0)), "not reached");
  assert.equal(discuss.slotText(null), "");
});

test("the plan's summary says the time left and how many topics it reaches", () => {
  assert.equal(discuss.planSummary(plan([slot("a", 600), slot("b", 0)], 1)),
    "15 min left, shared by dots: 1 of 2 open topics reached.");
  assert.match(discuss.planSummary(null), /no time plan/);
});

test("while the step runs, its time left counts down to its end", () => {
  const running = { ...plan([slot("a", 600)], 1), at: 1000, running: true, ends_at: 1900 };
  assert.match(discuss.planSummary(running, 1090), /^13 min 30 s left/);
  assert.match(discuss.planSummary(plan([slot("a", 600)], 1), 1090), /^15 min left/); // not started: all its time
});

test("a new plan replaces the old one; an accepted plan sets the topics' planned times", () => {
  const state = { topic_plan: null, discussion: { topics: [topic("a", 1), topic("b", 2)] } };
  const fresh = plan([slot("a", 480), slot("b", 420)], 2);
  discuss.reducers["topics:planned"](state, { plan: fresh });
  assert.equal(state.topic_plan, fresh);
  discuss.reducers["topics:plan_accepted"](state, { topics: [topic("a", 1, { planned: 480 }), topic("b", 2, { planned: 420 })] });
  assert.deepEqual(state.discussion.topics.map((t) => t.planned), [480, 420]);
});
