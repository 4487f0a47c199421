// Pillars and OKRs: the reducers that keep snippets and objectives live, and the text helpers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const pillars = await browser("areas/pillars.js");
const okrs = await browser("areas/okrs.js");

const pillar = (id, snippets = []) => ({ id, step_id: "s", name: id, description: "", poll_id: null, snippets, links: [] });

test("a snippet added again replaces its count and the most-added come first", () => {
  const state = { pillars: [pillar("p", [{ id: "a", text: "Zero distractions", count: 1 }, { id: "b", text: "Focus", count: 1 }])] };
  pillars.reducers["snippet:added"](state, { pillar_id: "p", snippet: { id: "b", text: "Focus", count: 2 } });
  assert.deepEqual(state.pillars[0].snippets.map((s) => [s.id, s.count]), [["b", 2], ["a", 1]]);
});

test("a removed snippet leaves its pillar", () => {
  const state = { pillars: [pillar("p", [{ id: "a", text: "x", count: 1 }])] };
  pillars.reducers["snippet:removed"](state, { pillar_id: "p", snippet_id: "a" });
  assert.deepEqual(state.pillars[0].snippets, []);
});

test("a pillar's poll status reads committed, open or not yet", () => {
  const p = { ...pillar("p"), poll_id: "q" };
  const withRounds = (...rounds) => ({ discussion: { polls: [{ id: "q", rounds }] } });
  assert.equal(pillars.pollStatus(withRounds({ open: true, result: null }), p).key, "open");
  assert.equal(pillars.pollStatus(withRounds({ open: false, result: "commit" }), p).key, "committed");
  assert.equal(pillars.pollStatus(withRounds({ open: false, result: "not_yet" }), p).key, "not_yet");
  assert.equal(pillars.pollStatus(withRounds(), pillar("p")).key, "none");
});

test("the pillar count names the limits the server enforces", () => {
  assert.match(pillars.countText(2), /^2 of \d–\d pillars$/);
});

test("okr:changed adds a new objective and replaces a known one", () => {
  const state = { okrs: { objectives: [], teams: [] } };
  okrs.reducers["okr:changed"](state, { objective: { id: "o", state: "draft" } });
  okrs.reducers["okr:changed"](state, { objective: { id: "o", state: "presented" } });
  assert.deepEqual(state.okrs.objectives, [{ id: "o", state: "presented" }]);
});

test("a group's pillar is its team's in this step only", () => {
  const state = { okrs: { teams: [{ step_id: "s", group_id: "g", pillar_id: "p" }] } };
  assert.equal(okrs.teamPillar(state, { id: "s" }, "g"), "p");
  assert.equal(okrs.teamPillar(state, { id: "t" }, "g"), null);
});
