// A person's avatar initials: what a person sees of their name, never half a character.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const { initials } = await browser("areas/people.js");

test("initials take the first letter of the first two words", () => {
  assert.equal(initials("ann marie smith"), "AM");
});

test("an emoji or a combined character in a name stays whole in the initials", () => {
  assert.equal(initials("🦊 Kim"), "🦊K");
  assert.equal(initials("👩‍💻 Dev"), "👩‍💻D"); // one grapheme of five code points
  assert.equal(initials("E\u0301mile Zola"), "E\u0301Z");
});
