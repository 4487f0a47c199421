// The step bar (areas/phases.js) and the timeline's step settings (step_settings.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const phases = await browser("areas/phases.js");
const settings = await browser("step_settings.js");

const step = (id, kind, state = "planned", extra = {}) => ({ id, kind, title: id, state, settings: {}, ...extra });

test("the step bar shows the agenda's steps in its order: done, current, still to do", () => {
  const agenda = { steps: [step("Lobby", "lobby", "done"), step("Pulse", "feedback", "running"),
    step("Decide", "decide")], current: "Pulse" };
  assert.deepEqual(phases.barSteps(agenda).map((s) => [s.title, s.state]),
    [["Lobby", "done"], ["Pulse", "current"], ["Decide", "todo"]]);
  assert.deepEqual(phases.barSteps(undefined), []);
});

test("moving on asks first, and says an open poll closes with the answers given", () => {
  const poll = (open, answered) => ({ rounds: [{ open, answered }] });
  const state = (...polls) => ({ discussion: { polls } });
  const decide = step("Decide", "decide");
  assert.equal(phases.moveQuestion(state(poll(false, 4)), decide), "Move everyone to “Decide”?");
  assert.equal(phases.moveQuestion(state(poll(false, 4), poll(true, 3)), decide),
    "Move everyone to “Decide”? The open poll closes with the 3 answers given.");
  assert.equal(phases.moveQuestion(state(poll(true, 1)), decide),
    "Move everyone to “Decide”? The open poll closes with the 1 answer given.");
  assert.equal(phases.moveQuestion(null, decide), "Move everyone to “Decide”?");
});

test("moving on says an open dot vote closes with the dots placed, in groups all of them", () => {
  const discuss = step("Discuss", "discuss");
  const open = { id: "v1", status: "open" };
  const room = (progress) => ({ discussion: { polls: [] }, vote: open, vote_progress: progress });
  assert.equal(phases.moveQuestion(room({ vote_id: "v1", dots: 7 }), discuss),
    "Move everyone to “Discuss”? The open vote closes with the 7 dots placed.");
  assert.equal(phases.moveQuestion(room({ vote_id: "v0", dots: 9 }), discuss),  // the last vote's figures
    "Move everyone to “Discuss”? The open vote closes with the 0 dots placed.");
  assert.equal(phases.moveQuestion({ discussion: { polls: [] }, vote: { ...open, status: "closed" } }, discuss),
    "Move everyone to “Discuss”?");
  const groups = { discussion: { polls: [] }, vote: { ...open, group_id: "g2" },
    group_votes: [{ status: "open", dots: 1 }, { status: "closed", dots: 5 }, { status: "open", dots: 3 }] };
  assert.equal(phases.moveQuestion(groups, discuss),
    "Move everyone to “Discuss”? The groups’ open votes close with the 4 dots placed.");
});

test("a step may work on the earlier steps of a kind it takes, nearest first", () => {
  const agenda = { steps: [step("c1", "collect"), step("cl", "cluster"), step("c2", "collect"), step("v", "vote"),
    step("c3", "collect")] };
  assert.deepEqual(settings.sourcesFor(agenda.steps[3], agenda).map((s) => s.id), ["c2", "cl", "c1"]);
  assert.deepEqual(settings.sourcesFor(agenda.steps[0], agenda), []);
});

test("a settings field sends a flag, a number, or none for an optional number left empty", () => {
  assert.equal(settings.fieldValue({ type: "flag" }, 1), true);
  assert.equal(settings.fieldValue({ type: "number" }, "7"), 7);
  assert.equal(settings.fieldValue({ type: "number", optional: true }, ""), null);
  assert.ok(Number.isNaN(settings.fieldValue({ type: "number" }, "")));
  assert.equal(settings.fieldValue({ type: "choice" }, "groups"), "groups");
});

test("on a phone the step bar is one line: the running step and where it stands", () => {
  const agenda = { steps: [step("Lobby", "lobby", "done"), step("Collect", "collect", "done"),
    step("Vote", "vote", "running"), step("Decide", "decide")] };
  assert.equal(phases.stepOf(agenda), "Step 3 of 4 · Vote");
  assert.equal(phases.stepOf({ steps: [step("Lobby", "lobby")] }), "");
});

test("the column tabs' arrow keys go round, Home and End go to the ends", async () => {
  const { tabAfterKey } = await browser("tabs.js");
  assert.equal(tabAfterKey("ArrowRight", 2, 3), 0);
  assert.equal(tabAfterKey("ArrowLeft", 0, 3), 2);
  assert.equal(tabAfterKey("Home", 2, 3), 0);
  assert.equal(tabAfterKey("End", 0, 3), 2);
  assert.equal(tabAfterKey("a", 0, 3), null);
});
