// Being here: the list of those counted belongs to one step; the control screen's count.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const here = await browser("areas/here.js");

const state = (extra) => ({ agenda: { current: "s2" }, online: ["ann", "bob", "puppet"], here: [], here_step: "s2", ...extra });

test("present counts those here and connected, out of those connected", () => {
  assert.equal(here.presentText(state({ here: ["ann", "gone"] })), "Present 1 of connected 3");
});

test("a list from an earlier step counts nobody in the running one", () => {
  assert.deepEqual(here.hereNow(state({ here: ["ann"], here_step: "s1" })), []);
});

test("the first presence:here of a new step starts a new list", () => {
  const s = state({ here: ["ann"], here_step: "s1" });
  here.reducers["presence:here"](s, { participant_id: "bob", step_id: "s2" });
  assert.deepEqual([s.here, s.here_step], [["bob"], "s2"]);
  here.reducers["presence:here"](s, { participant_id: "bob", step_id: "s2" });
  assert.deepEqual(s.here, ["bob"]);
});
