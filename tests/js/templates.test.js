// The template editor's rules, with the palette and limits the server serves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const t = await browser("templates.js");

const columns = (n) => Array.from({ length: n }, (_, i) => ({ title: `C${i}`, prompt: "", colour: t.colourNames()[i % t.colourNames().length] }));

test("a new column takes the first palette colour no column has", () => {
  const names = t.colourNames();
  assert.equal(t.nextColour([]), names[0]);
  assert.equal(t.nextColour([{ colour: names[0] }, { colour: names[2] }]), names[1]);
  assert.equal(t.blankColumn([{ colour: names[0] }]).colour, names[1]);
});

test("columns may be added up to the server's maximum and removed down to its minimum", () => {
  assert.equal(t.canAddColumn(columns(7)), true);
  assert.equal(t.canAddColumn(columns(8)), false);
  assert.equal(t.canRemoveColumn(columns(1)), false);
  assert.equal(t.canRemoveColumn(columns(2)), true);
});

test("an edited template keeps its columns' keys and a new column is sent without one", () => {
  const body = t.templateBody(" Feelings ", [{ key: "mad", title: " Angry ", prompt: "", colour: "pink" },
    { title: "Proud", prompt: " Why? ", colour: "green" }]);
  assert.deepEqual(body, { title: "Feelings", columns: [
    { key: "mad", title: "Angry", prompt: "", colour: "pink" },
    { title: "Proud", prompt: "Why?", colour: "green" }] });
});

test("a palette name is painted with the server's colour", () => {
  assert.match(t.colourOf("pink"), /^#[0-9a-f]{6}$/);
  assert.equal(t.colourOf("crimson"), t.colourOf("grey"));
});

test("an agenda's switch is its first step of that kind's", () => {
  const agenda = { steps: [{ kind: "lobby", settings: {} }, { kind: "collect", settings: { blind_writing: false } },
    { kind: "collect", settings: { blind_writing: true } }] };
  assert.equal(t.agendaSwitch(agenda, "collect", "blind_writing"), false);
  assert.equal(t.agendaSwitch(agenda, "cluster", "participants_cluster"), undefined);
});
