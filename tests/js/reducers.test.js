// Each area's reducers: how one broadcast changes the state a screen shows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser } from "./browser.js";

const cards = await browser("areas/cards.js");
const clusters = await browser("areas/clusters.js");
const discuss = await browser("areas/discuss.js");
const notes = await browser("areas/notes.js");
const people = await browser("areas/people.js");
const phases = await browser("areas/phases.js");
const polls = await browser("areas/polls.js");
const votes = await browser("areas/votes.js");
const settings = await browser("areas/settings.js");

const apply = (area, event, state, data) => { area.reducers[event](state, data); return state; };

test("a new card is added; an edited card replaces its old text in place", () => {
  const state = { cards: [{ id: "a", text: "one" }, { id: "b", text: "two" }] };
  apply(cards, "card:added", state, { card: { id: "c", text: "three" } });
  apply(cards, "card:edited", state, { card: { id: "a", text: "ONE" } });
  assert.deepEqual(state.cards.map((c) => c.text), ["ONE", "two", "three"]);
});

test("the columns shown are the running step's (the agenda's card_template), else the workshop's", () => {
  const workshop = { template: { key: "start-stop-continue", columns: [] } };
  const agenda = { card_template: { key: "four-questions", columns: [] } };
  assert.equal(cards.templateOf({ workshop, agenda }).key, "four-questions");
  assert.equal(cards.templateOf({ workshop }).key, "start-stop-continue");
});

test("a card added twice (a retry) shows once", () => {
  const state = { cards: [] };
  apply(cards, "card:added", state, { card: { id: "a", text: "one" } });
  apply(cards, "card:added", state, { card: { id: "a", text: "one" } });
  assert.equal(state.cards.length, 1);
});

test("a deleted card disappears", () => {
  const state = { cards: [{ id: "a" }, { id: "b" }] };
  apply(cards, "card:deleted", state, { card_id: "a" });
  assert.deepEqual(state.cards, [{ id: "b" }]);
});

test("the clusters are replaced wholesale", () => {
  const state = { clusters: [{ id: "old" }] };
  apply(clusters, "clusters:changed", state, { clusters: [{ id: "x", card_ids: ["a"] }] });
  assert.deepEqual(state.clusters, [{ id: "x", card_ids: ["a"] }]);
});

test("the phase changes at once", () => {
  const state = { workshop: { phase: "collect" } };
  apply(phases, "phase:changed", state, { phase: "cluster" });
  assert.equal(state.workshop.phase, "cluster");
});

// -- people ------------------------------------------------------------------

test("a facilitator sees every arrival; a participant only their group's", () => {
  const arrival = { id: "p2", name: "Bo", group_id: "g2" };
  const facilitator = { role: "facilitator", participants: [] };
  apply(people, "participant:joined", facilitator, { participant: arrival });
  apply(people, "participant:joined", facilitator, { participant: arrival });
  assert.deepEqual(facilitator.participants, [arrival]);
  const sameGroup = { role: "participant", group: { id: "g2", members: [] } };
  const otherGroup = { role: "participant", group: { id: "g1", members: [] } };
  apply(people, "participant:joined", sameGroup, { participant: arrival });
  apply(people, "participant:joined", otherGroup, { participant: arrival });
  assert.deepEqual(sameGroup.group.members, [arrival]);
  assert.deepEqual(otherGroup.group.members, []);
});

test("a renamed group is renamed everywhere it shows", () => {
  const state = { groups: [{ id: "g1", name: "Table 1", revealed: 1 }], group: { id: "g1", name: "Table 1" } };
  apply(people, "group:renamed", state, { group: { id: "g1", name: "Owls" } });
  assert.deepEqual(state.groups, [{ id: "g1", name: "Owls", revealed: 1 }]);
  assert.equal(state.group.name, "Owls");
});

test("a new group is listed once", () => {
  const state = { groups: [] };
  apply(people, "group:created", state, { group: { id: "g1" } });
  apply(people, "group:created", state, { group: { id: "g1" } });
  assert.equal(state.groups.length, 1);
});

test("initials of a name for the avatar", () => {
  assert.equal(people.initials("ada  lovelace byron"), "AL");
  assert.equal(people.initials("Bo"), "B");
});

// -- votes -------------------------------------------------------------------

test("opening a vote gives every voter their full budget of dots and no progress", () => {
  const state = { my_dots: { vote_id: "old", dots: [{ id: "d" }], dots_left: 0 } };
  apply(votes, "vote:opened", state, { vote: { id: "v1", settings: { dots_per_participant: 5 } } });
  assert.deepEqual(state.my_dots, { vote_id: "v1", dots: [], dots_left: 5 });
  assert.deepEqual(state.vote_progress, { vote_id: "v1", voters: 0, dots: 0 });
});

test("my dots follow what the server says I placed and took back", () => {
  const state = {};
  apply(votes, "dot:placed", state, { vote_id: "v1", dots: [{ id: "d1", item_id: "i" }], dots_left: 4, seq: 3 });
  assert.deepEqual(state.my_dots, { vote_id: "v1", dots: [{ id: "d1", item_id: "i" }], dots_left: 4 });
  apply(votes, "dot:taken_back", state, { vote_id: "v1", dots: [], dots_left: 5 });
  assert.equal(state.my_dots.dots_left, 5);
});

test("a closed vote brings the ranking and the final turnout", () => {
  const state = {};
  const vote = { id: "v1", status: "closed", ranking: [{ id: "i", rank: 1 }] };
  apply(votes, "vote:closed", state, { vote_id: "v1", vote, voters: 7, dots: 30 });
  assert.equal(state.vote, vote);
  assert.deepEqual(state.vote_progress, { vote_id: "v1", voters: 7, dots: 30 });
});

test("the vote shows in its phase, and its ranking after it once closed", () => {
  const at = (phase, vote = null) => votes.shown({ workshop: { phase }, vote });
  assert.equal(at("vote"), true);
  assert.equal(at("discuss", { status: "closed" }), true);
  assert.equal(at("discuss", { status: "open" }), false);
  assert.equal(at("cluster", { status: "closed" }), false);
});

test("the ballot's status line", () => {
  const vote = { status: "open", settings: { max_per_item: 3 } };
  assert.equal(votes.ballotStatus(null, false, 0), "The vote opens soon. Wait for the facilitator.");
  assert.equal(votes.ballotStatus(vote, true, 1), "You have 1 dot left (at most 3 on one item).");
  assert.equal(votes.ballotStatus(vote, true, 4), "You have 4 dots left (at most 3 on one item).");
  assert.equal(votes.ballotStatus(vote, false, 4), "The vote is paused.");
  assert.equal(votes.ballotStatus({ ...vote, status: "closed" }, false, 4), "The vote is closed.");
});

test("an item of only my own cards is marked when the vote forbids voting for them", () => {
  const cardsById = { a: { mine: true }, b: { mine: false } };
  const mine = { card_ids: ["a"] };
  const mixed = { card_ids: ["a", "b"] };
  assert.equal(votes.onlyOwnCards(mine, cardsById, { own_items: false }), true);
  assert.equal(votes.onlyOwnCards(mixed, cardsById, { own_items: false }), false);
  assert.equal(votes.onlyOwnCards(mine, cardsById, { own_items: true }), false);
});

// -- discussion ----------------------------------------------------------------

const discussion = (topics = [], extra = {}) => ({ discussion: { topics, actions: [], current_topic_id: null,
  polls: [], decisions: [], ...extra } });
const topic = (id, position, extra = {}) => ({ id, position, title: id, planned: 600, notes: {},
  timer: { state: "idle", spent: 0 }, elmo: { count: 0 }, elmo_log: [], ...extra });

test("topics stay in agenda order as they are saved", () => {
  const state = discussion([topic("b", 2)]);
  apply(discuss, "topic:saved", state, { topic: topic("c", 3) });
  apply(discuss, "topic:saved", state, { topic: topic("a", 1) });
  assert.deepEqual(state.discussion.topics.map((t) => t.title), ["a", "b", "c"]);
  apply(discuss, "topic:saved", state, { topic: topic("c", 0, { title: "c first" }) });
  assert.deepEqual(state.discussion.topics.map((t) => t.title), ["c first", "a", "b"]);
});

test("opening a topic makes it current and stores the timer the previous one stopped with", () => {
  const state = discussion([topic("a", 1, { timer: { state: "running" } }), topic("b", 2)]);
  state.discussion.current_topic_id = "a";
  const stoppedTimer = { state: "stopped", spent: 90 };
  apply(discuss, "topic:opened", state, { topic_id: "b", topic: topic("b", 2),
    stopped: { topic_id: "a", timer: stoppedTimer } });
  assert.equal(state.discussion.current_topic_id, "b");
  assert.equal(discuss.current(state).id, "b");
  assert.deepEqual(state.discussion.topics[0].timer, stoppedTimer);
});

test("a deleted topic takes its actions with it and is no longer current", () => {
  const state = discussion([topic("a", 1), topic("b", 2)], {
    current_topic_id: "a", actions: [{ id: "x", topic_id: "a" }, { id: "y", topic_id: "b" }] });
  apply(discuss, "topic:deleted", state, { topic_id: "a" });
  assert.deepEqual(state.discussion.topics.map((t) => t.id), ["b"]);
  assert.deepEqual(state.discussion.actions.map((a) => a.id), ["y"]);
  assert.equal(state.discussion.current_topic_id, null);
});

test("timers and Elmos change on their topic only", () => {
  const state = discussion([topic("a", 1), topic("b", 2)]);
  apply(discuss, "timer:changed", state, { topic_id: "b", timer: { state: "running" } });
  apply(discuss, "elmo:changed", state, { topic_id: "b", elmo: { count: 2 }, elmo_log: [{ thrown_at: 1 }] });
  apply(discuss, "timer:changed", state, { topic_id: "gone", timer: { state: "running" } });
  const [a, b] = state.discussion.topics;
  assert.equal(a.timer.state, "idle");
  assert.equal(b.timer.state, "running");
  assert.equal(b.elmo.count, 2);
  assert.equal(b.elmo_log.length, 1);
});

test("a row of the topic log: planned, spent so far, and when the first and last Elmos were thrown", () => {
  const t = topic("a", 1, { title: "Pricing", planned: 600, timer: { state: "running", spent: 60, since: 1000 },
    elmo_log: [{ thrown_at: 1100 }, { thrown_at: 1150 }, { thrown_at: 1200 }] });
  assert.deepEqual(discuss.logCells(t, 1240, (stamp) => `@${stamp}`),
    ["Pricing", "10 min", "5 min", "3 (@1100–@1200)"]);
  const minute = (stamp) => `18:${Math.floor(stamp / 60)}`;  // thrown in one minute: that minute once
  assert.equal(discuss.logCells({ ...t, elmo_log: [{ thrown_at: 600 }, { thrown_at: 630 }] }, 0, minute)[3], "2 (18:10)");
  assert.equal(discuss.logCells(topic("b", 2), 0)[3], "0");
});

test("notes and actions change on their topic", () => {
  const state = discussion([topic("a", 1)]);
  apply(notes, "notes:changed", state, { topic_id: "a", notes: { situation: "tight" } });
  apply(notes, "action:saved", state, { action: { id: "x", text: "call" } });
  apply(notes, "action:saved", state, { action: { id: "x", text: "call back" } });
  assert.deepEqual(state.discussion.topics[0].notes, { situation: "tight" });
  assert.deepEqual(state.discussion.actions, [{ id: "x", text: "call back" }]);
  apply(notes, "action:deleted", state, { action_id: "x" });
  assert.deepEqual(state.discussion.actions, []);
});

// -- polls ---------------------------------------------------------------------

const round = (id, number, result, extra = {}) => ({ id, number, result, open: result === null,
  proposal: `proposal ${number}`, closed_at: number, answered: 3, distribution: {}, ...extra });

test("a committed round becomes a decision; a round not yet committed does not", () => {
  const state = discussion();
  apply(polls, "poll:opened", state, { poll: { id: "p", topic_id: "t", cluster_id: null, rounds: [round("r1", 1, null)] } });
  assert.deepEqual(state.discussion.decisions, []);
  apply(polls, "poll:closed", state, { poll: { id: "p", topic_id: "t", cluster_id: null,
    rounds: [round("r1", 1, "not_yet"), round("r2", 2, "commit")] } });
  assert.equal(state.discussion.polls.length, 1);
  assert.deepEqual(state.discussion.decisions.map((d) => [d.round_id, d.proposal, d.round]), [["r2", "proposal 2", 2]]);
});

test("the count of answers follows the open round", () => {
  const state = discussion([], { polls: [{ id: "p", rounds: [round("r1", 1, null, { answered: 0 })] }] });
  apply(polls, "poll:answered", state, { poll_id: "p", round_id: "r1", answered: 4 });
  assert.equal(state.discussion.polls[0].rounds[0].answered, 4);
});

test("why a round committed or not", () => {
  assert.equal(polls.verdict({ result: "commit", answered: 4 }), "Everyone who answered is at 80% or more.");
  assert.equal(polls.verdict({ result: "not_yet", answered: 0 }), "Nobody answered.");
  assert.equal(polls.verdict({ result: "not_yet", answered: 2, needed: 5, quorum_reached: false }),
    "Only 2 answered; 5 were needed.");
  assert.equal(polls.verdict({ result: "not_yet", answered: 6, needed: 5, quorum_reached: true }),
    "Not everyone is at 80% yet.");
});

test("the distribution read out for screen readers, on the answer scale", () => {
  assert.equal(polls.answersText({ 90: 5, 70: 2, 0: 0 }), "2 at 70%, 5 at 90%");
  assert.equal(polls.answersText({ 0: 1, 100: 1 }), "1 at 0%, 1 at 100%");
  assert.equal(polls.answersText({}), "none");
});

test("a board's clusters replace only that board's: the room's and each group's stay apart", () => {
  const state = { clusters: [{ id: "r", group_id: null, card_ids: [] }, { id: "a1", group_id: "A", card_ids: [] }] };
  apply(clusters, "clusters:changed", state, { group_id: "B", clusters: [{ id: "b1", group_id: "B", card_ids: [] }] });
  apply(clusters, "clusters:changed", state, { group_id: "A", clusters: [{ id: "a2", group_id: "A", card_ids: [] }] });
  assert.deepEqual(state.clusters.map((c) => c.id).sort(), ["a2", "b1", "r"]);
  apply(clusters, "clusters:changed", state, { group_id: null, clusters: [] });
  assert.deepEqual(state.clusters.map((c) => c.id).sort(), ["a2", "b1"]);
});

test("each group's progress counts its own cards clustered on its own board", () => {
  const rows = clusters.groupProgress([{ id: "A", name: "Group 1" }, { id: "B", name: "Group 2" }],
    [{ id: "1", group_id: "A" }, { id: "2", group_id: "A" }, { id: "3", group_id: "B" }],
    [{ id: "k", group_id: "A", card_ids: ["1"] }, { id: "room", group_id: null, card_ids: ["2", "3"] }]);
  assert.deepEqual(rows.map((r) => [r.name, r.clustered, r.cards, r.clusters]), [["Group 1", 1, 2, 1], ["Group 2", 0, 1, 0]]);
});

test("a facilitator keeps every group's vote of a vote in groups, with its progress and its ranking", () => {
  const state = { vote: null };
  const vote = (id, group) => ({ id, group_id: group, status: "open", settings: { dots_per_participant: 3 }, items: [] });
  apply(votes, "vote:opened", state, { vote: vote("v1", "A") });
  apply(votes, "vote:opened", state, { vote: vote("v2", "B") });
  apply(votes, "vote:progress", state, { vote_id: "v1", voters: 3, dots: 5,
    groups: [{ group_id: "A", vote_id: "v1", voters: 2, dots: 4, members: 3 }, { group_id: "B", vote_id: "v2", voters: 1, dots: 1, members: 2 }] });
  apply(votes, "vote:closed", state, { vote: { ...vote("v1", "A"), status: "closed", ranking: [{ id: "x", name: "X", dots: 4 }] },
    vote_id: "v1", voters: 2, dots: 4 });
  const tiles = votes.groupTiles({ ...state, groups: [{ id: "A", name: "Group 1" }, { id: "B", name: "Group 2" }] });
  assert.deepEqual(tiles.map((t) => [t.name, t.voters, t.members, t.status, t.top.map((r) => r.name)]).sort(),
    [["Group 1", 2, 3, "closed", ["X"]], ["Group 2", 1, 2, "open", []]]);
});

test("a blind group's board counts cards per column until it is revealed", () => {
  const state = { workshop: { settings: { blind_writing: true } } };
  assert.equal(cards.isBlind(state, { revealed: false }), true);
  assert.equal(cards.isBlind(state, { revealed: true }), false);
  assert.equal(cards.isBlind({ workshop: { settings: { blind_writing: false } } }, { revealed: false }), false);
  const columns = [{ key: "start" }, { key: "stop" }];
  assert.deepEqual(cards.countsByColumn([{ column: "start" }, { column: "start" }], columns), { start: 2, stop: 0 });
});

test("changed settings replace the control screen's settings", () => {
  const state = { workshop: { settings: { joining_locked: false } } };
  apply(settings, "settings:changed", state, { settings: { joining_locked: true } });
  assert.equal(state.workshop.settings.joining_locked, true);
});

test("the lobby flags the same name twice and a burst of joins, and no one else", async () => {
  const lobby = await browser("areas/lobby.js");
  const people = [
    { id: "a", name: "Ann", joined_at: 0 }, { id: "b", name: " ann ", joined_at: 30 },
    ...[1, 2, 3, 4, 5].map((i) => ({ id: `p${i}`, name: `Puppet ${i}`, joined_at: 100 + i / 10 })),
    { id: "late", name: "Cy", joined_at: 200 },
  ];
  const flags = lobby.flagArrivals(people, { joins: 5, seconds: 2 });
  assert.deepEqual(flags.get("a"), ["same name"]);
  assert.deepEqual(flags.get("p3"), ["join burst"]);
  assert.equal(flags.has("late"), false);
  assert.equal(lobby.flagArrivals(people.slice(2, 6), { joins: 5, seconds: 2 }).size, 0);
});
