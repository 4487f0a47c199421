// Clustering from the keyboard and suggestions that go stale: the pure parts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const { moveOptions } = await browser("move_to.js");
const { landingAfter, nextCard } = await browser("roving.js");
const { freshSuggestions } = await browser("areas/clusters.js");

const clusters = [{ id: "a", name: "Customer feedback" }, { id: "b", name: "Meetings" }, { id: "c", name: "Remote meetings" }];

test("typing part of a name offers the clusters holding it, those starting with it first", () => {
  assert.deepEqual(moveOptions(clusters, "meet").map((o) => o.label), ["Meetings", "Remote meetings", "New cluster “meet”"]);
});

test("a name no cluster has is offered as a new cluster; an exact name is not offered twice", () => {
  assert.deepEqual(moveOptions(clusters, " Tooling ").at(-1), { id: null, name: "Tooling", label: "New cluster “Tooling”" });
  assert.deepEqual(moveOptions(clusters, "meetings").map((o) => o.id), ["b", "c"]);
});

test("nothing typed offers every cluster", () => {
  assert.deepEqual(moveOptions(clusters, "").map((o) => o.id), ["a", "b", "c"]);
});

// Two columns of two cards, and a third column with one card near the bottom.
const grid = [
  { id: "1", left: 0, right: 100, top: 0, bottom: 40 }, { id: "2", left: 0, right: 100, top: 50, bottom: 90 },
  { id: "3", left: 110, right: 210, top: 0, bottom: 40 }, { id: "4", left: 110, right: 210, top: 50, bottom: 90 },
  { id: "5", left: 220, right: 320, top: 60, bottom: 100 },
];

test("up and down follow the reading order; home and end go to the ends", () => {
  assert.equal(nextCard(grid, "1", "ArrowDown"), "2");
  assert.equal(nextCard(grid, "2", "ArrowDown"), "3");
  assert.equal(nextCard(grid, "1", "ArrowUp"), null);
  assert.equal(nextCard(grid, "3", "Home"), "1");
  assert.equal(nextCard(grid, "1", "End"), "5");
});

test("left and right go to the nearest card of the next column at about the same height", () => {
  assert.equal(nextCard(grid, "2", "ArrowRight"), "4");
  assert.equal(nextCard(grid, "3", "ArrowRight"), "5");
  assert.equal(nextCard(grid, "5", "ArrowLeft"), "4");
  assert.equal(nextCard(grid, "1", "ArrowLeft"), null);
});

test("a card no longer there starts again from the first", () => {
  assert.equal(nextCard(grid, "gone", "ArrowDown"), "1");
});

test("a suggestion leaves out the cards clustered since, and goes once fewer than two are loose", () => {
  const found = [{ key: "x", name: "Meetings", card_ids: ["a", "b", "c"] }, { key: "y", name: "Demos", card_ids: ["d", "e"] }];
  assert.deepEqual(freshSuggestions(found, new Set(["a", "c", "d"])), [{ key: "x", name: "Meetings", card_ids: ["a", "c"] }]);
});

test("after a move, focus lands on the loose card after the moved ones, else the one before", () => {
  assert.equal(landingAfter(["a", "b", "c", "d"], ["a", "b"]), "c");
  assert.equal(landingAfter(["a", "b", "c", "d"], ["b", "d"]), "c");
  assert.equal(landingAfter(["a", "b", "c"], ["c"]), "b");
  assert.equal(landingAfter(["a"], ["a"]), null);
});
