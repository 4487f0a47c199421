// The expected head counts as an organiser types them, on the journeys page and when renaming a journey.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const { parseTeams } = await browser("journey_teams.js");

test("a team or office per line, its head count after the last colon", () => {
  assert.deepEqual(parseTeams("Munich: 40\n\n  Madrid HQ: 25 \n"),
    [{ team: "Munich", expected: 40 }, { team: "Madrid HQ", expected: 25 }]);
  assert.deepEqual(parseTeams("Site: Lyon: 7"), [{ team: "Site: Lyon", expected: 7 }]);
});

test("a line without a whole head count is refused, naming the line", () => {
  assert.throws(() => parseTeams("Munich forty"), /"Munich forty"/);
  assert.throws(() => parseTeams("Munich: 4.5"), /Name: head count/);
});
