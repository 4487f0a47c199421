// Statements: marking typed words (the keyboard's way to mark) finds them in any case,
// in code points, and words not in the statement mark nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const statements = await browser("areas/statements.js");

test("typed words are found in any case and spanned in code points", () => {
  assert.deepEqual(statements.phraseSpan("The most remarkable B2B experience", "  remarkable b2b "), { start: 9, end: 23 });
  assert.deepEqual(statements.phraseSpan("🚀 Zero churn", "zero"), { start: 2, end: 6 });
});

test("words that are not in the statement mark nothing", () => {
  assert.equal(statements.phraseSpan("Zero churn", "customer"), null);
  assert.equal(statements.phraseSpan("Zero churn", "   "), null);
});

