// The discussion: topics one at a time, each under a server-stored time-box,
// with Elmo ("Enough, let's move on") for participants and the "move on?"
// signal on the control screen.
import { h, newId, syncList } from "../dom.js";
import { clockText, durationText, measureClock, parseLength, secondsSpent, timerFace } from "../clock.js";
import { elmoNeeded } from "./step_elmo.js";

const SHOWN_IN = ["discuss"]; // Decide puts the poll first; the time-box belongs to the discussion
const TICK_MS = 200;
// Nothing on the server ticks: time moves the topic plan (an overrun, a pause
// between topics), so the control screen asks for it again this often.
const REPLAN_MS = 30_000;
const CUT_TEXT = "Topics below this line will not be reached";

function upsertTopic(d, topic) {
  const i = d.topics.findIndex((t) => t.id === topic.id);
  if (i >= 0) d.topics[i] = topic;
  else d.topics.push(topic);
  d.topics.sort((a, b) => a.position - b.position);
}

const topicOf = (d, id) => d.topics.find((t) => t.id === id);

export const reducers = {
  "topic:saved"(state, { topic }) { upsertTopic(state.discussion, topic); },
  "topic:deleted"(state, { topic_id }) {
    const d = state.discussion;
    d.topics = d.topics.filter((t) => t.id !== topic_id);
    d.actions = d.actions.filter((a) => a.topic_id !== topic_id);
    if (d.current_topic_id === topic_id) d.current_topic_id = null;
  },
  "topic:opened"(state, { topic_id, topic, stopped }) {
    const d = state.discussion;
    d.current_topic_id = topic_id;
    upsertTopic(d, topic);
    const previous = stopped && topicOf(d, stopped.topic_id);
    if (previous) previous.timer = stopped.timer;
  },
  "timer:changed"(state, { topic_id, timer }) {
    const topic = topicOf(state.discussion, topic_id);
    if (topic) topic.timer = timer;
  },
  "elmo:changed"(state, { topic_id, elmo, elmo_log }) {
    const topic = topicOf(state.discussion, topic_id);
    if (topic) Object.assign(topic, { elmo, elmo_log });
  },
  "topics:planned"(state, { plan }) { state.topic_plan = plan; },
  "topics:plan_accepted"(state, { topics }) { topics.forEach((t) => upsertTopic(state.discussion, t)); },
};

// -- the topic plan (computed by the server; shown here as it is) ----------------

/**
 * The topics in order, each with its slot of the plan (null: closed, or no plan),
 * and the cut line as its own row before the first topic the plan does not reach.
 */
export function planRows(topics, plan) {
  const slots = new Map((plan?.slots ?? []).map((s) => [s.id, s]));
  const rows = [];
  let cut = false;
  for (const topic of topics) {
    const slot = slots.get(topic.id) ?? null;
    if (slot && !slot.reached && !cut) {
      rows.push({ key: "cut-line", cut: true });
      cut = true;
    }
    rows.push({ key: topic.id, topic, slot });
  }
  return rows;
}

/** "12 min 30 s · 5 dots", "10 min set by hand", "not reached", or "" without a slot. */
export function slotText(slot) {
  if (!slot) return "";
  if (!slot.reached) return "not reached";
  const dots = slot.dots ? ` · ${slot.dots} ${slot.dots === 1 ? "dot" : "dots"}` : "";
  return `${durationText(slot.seconds)}${slot.fixed ? " set by hand" : ""}${dots}`;
}

/**
 * The plan in one line: the step's time left and how many open topics it reaches.
 * While the step runs its time left counts down here to its `ends_at` (server
 * time), as a timer does: the plan itself is only sent again when it moves.
 */
export function planSummary(plan, now = null) {
  if (!plan) return "No discuss step in the agenda: no time plan.";
  const left = plan.ends_at !== null && now !== null ? Math.max(0, Math.floor(plan.ends_at - now)) : plan.seconds_left;
  const open = plan.slots.length;
  if (!open) return `${durationText(left)} left; no open topics to plan.`;
  return `${durationText(left)} left, shared by dots: ${plan.cut} of ${open} open topics reached.`;
}

function cutLine() {
  return h("li.cut-line", {}, CUT_TEXT);
}

export const current = (state) => state.discussion && topicOf(state.discussion, state.discussion.current_topic_id);
const shown = (state) => SHOWN_IN.includes(state.workshop.phase);

/** A big countdown that ticks locally from the stored deadline. */
function timebox(live, { onExpire } = {}) {
  const digits = h("span.timebox-digits", { role: "timer", "aria-live": "off" }, "–:––");
  const label = h("span.timebox-label");
  const node = h("div.timebox", { dataset: { state: "idle" } }, digits, label);
  let timer = null;
  let wasExpired = null;
  const tick = () => {
    if (!timer || !node.isConnected) return;
    const face = timerFace(timer, live.now());
    const expired = face.expired;
    digits.textContent = face.digits;
    node.dataset.state = face.state;
    label.textContent = face.label;
    if (expired && wasExpired === false && onExpire) onExpire();
    wasExpired = expired;
  };
  setInterval(tick, TICK_MS);
  node.show = (t) => {
    if (timer !== t) wasExpired = timer && t && timer.deadline === t.deadline ? wasExpired : null;
    timer = t;
    tick();
  };
  return node;
}

function whenOnline(live) {
  // Measure the clock on every (re)connection: a new network path, a new offset.
  live.addEventListener("status", ({ detail }) => { if (detail === "online") measureClock(live); });
}

// -- participant ---------------------------------------------------------------

export function board(root, live, ui) {
  whenOnline(live);
  const waiting = h("p.wait", {}, "The facilitator will open the first topic soon.");
  const title = h("h2.topic-title");
  const clock = timebox(live, { onExpire: () => ui.announce("Time is up for this topic.") });
  const elmo = h("button.button.elmo", { type: "button", "aria-pressed": "false" });
  const count = h("p.elmo-count", { "aria-live": "polite" });
  const body = h("div.topic-now", {}, h("div.topic-head", {}, title, clock), h("div.elmo-row", {}, elmo, count));
  const planList = h("ol.topic-list.plan-list");
  const plan = h("section.plan-board", {}, h("h3", {}, "Topics and their time"), planList);
  root.append(waiting, body, plan);
  let topicId = null;
  elmo.addEventListener("click", async () => {
    const mine = elmo.getAttribute("aria-pressed") === "true";
    const ack = await live.act(mine ? "elmo:withdraw" : "elmo:throw", { topic_id: topicId });
    if (!ack.ok) return;
    const d = live.state.discussion;
    d.my_elmos = d.my_elmos.filter((id) => id !== topicId);
    if (ack.elmo.mine) d.my_elmos.push(topicId);
    ui.announce(ack.elmo.mine ? "Your Elmo is thrown." : "You took your Elmo back.");
    live.changed();
  });
  return (state) => {
    root.hidden = !shown(state);
    if (root.hidden) return;
    showPlan(plan, planList, state);
    const topic = current(state);
    waiting.hidden = Boolean(topic);
    body.hidden = !topic;
    if (!topic) return;
    topicId = topic.id;
    title.textContent = topic.title;
    clock.show(topic.timer);
    const mine = state.discussion.my_elmos.includes(topic.id);
    elmo.setAttribute("aria-pressed", String(mine));
    elmo.textContent = mine ? "Take my Elmo back" : "Elmo — enough, let’s move on";
    const n = topic.elmo.count;
    count.textContent = `${n} ${n === 1 ? "Elmo" : "Elmos"} thrown on this topic`;
  };
}

function showPlan(section, list, state) {
  const rows = planRows(state.discussion.topics, state.topic_plan).filter((r) => r.cut || r.slot);
  section.hidden = !rows.length;
  syncList(list, rows, (r) => r.key, (r) => (r.cut ? cutLine() : h("li.topic", {}, h("span.topic-name"), h("span.muted"))),
    (node, r) => {
      if (r.cut) return;
      node.dataset.current = r.topic.id === state.discussion.current_topic_id ? "yes" : "no";
      node.dataset.reached = r.slot.reached ? "yes" : "no";
      node.children[0].textContent = r.topic.title;
      node.children[1].textContent = ` · ${r.slot.reached ? durationText(r.slot.seconds) : "not reached"}`;
    });
}

// -- facilitator -----------------------------------------------------------------

export function control(root, live) {
  whenOnline(live);
  const sound = h("input", { type: "checkbox", id: "timebox-sound" });
  let audio = null;
  sound.addEventListener("change", () => { if (sound.checked && !audio) audio = new AudioContext(); });
  const beep = () => sound.checked && audio && chime(audio);
  const now = h("section.topic-now.panel-inner");
  const list = h("ol.topic-list");
  const log = h("table.topic-log");
  const summary = h("p.plan-summary", { "aria-live": "polite" });
  const accept = h("button.button.secondary", { type: "button", onclick: () => live.act("topics:accept_plan") }, "Accept plan");
  const planHead = h("div.plan-head", {}, summary, accept);
  root.append(h("header.panel-head", {}, h("h2", {}, "Discussion"),
    h("label.switch", { for: "timebox-sound" }, sound, h("span", {}, "Sound when time is up"))),
  h("div.discuss-grid", {}, now, h("div.topics", {}, h("h3", {}, "Topics"), planHead, list, fromRankingForm(live),
    addTopicForm(live), h("h3", {}, "Topic log"), log)));
  const panel = currentPanel(now, live, beep);
  let topics = [];
  let plan = null;
  // Time spent grows while a timer runs: refresh the log without waiting for an event.
  setInterval(() => {
    topicLog(log, topics, live.now());
    summary.textContent = planSummary(plan, live.now());
  }, 1000);
  setInterval(() => {
    if (!root.hidden && live.state?.topic_plan?.running) live.send("topics:replan", {});
  }, REPLAN_MS);
  return (state) => {
    root.hidden = !shown(state);
    if (root.hidden) return;
    const d = state.discussion;
    plan = state.topic_plan;
    panel(current(state));
    summary.textContent = planSummary(plan, live.now());
    accept.disabled = !plan || !plan.slots.some((s) => s.reached && !s.fixed);
    syncList(list, planRows(d.topics, plan), (r) => r.key, (r) => (r.cut ? cutLine() : topicItem(r.topic, live)),
      (node, r) => r.cut || node.update(r.topic, d.current_topic_id, r.slot));
    topics = d.topics;
    topicLog(log, topics, live.now());
  };
}

function chime(audio) {
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = 660;
  gain.gain.setValueAtTime(0.25, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 1.2);
  osc.connect(gain).connect(audio.destination);
  osc.start();
  osc.stop(audio.currentTime + 1.2);
}

function currentPanel(root, live, beep) {
  const title = h("h3.topic-title");
  const clock = timebox(live, { onExpire: beep });
  const length = h("input.length", { id: "timebox-length", inputmode: "numeric", "aria-label": "Time-box (minutes, or m:ss)" });
  const button = (text, fn, cls = ".secondary") => h(`button.button${cls}`, { type: "button", onclick: fn }, text);
  let topic = null;
  const send = (action, extra = {}) => live.act(`timer:${action}`, { topic_id: topic.id, ...extra });
  const start = button("Start", () => {
    const seconds = parseLength(length.value);
    if (seconds === null) return live.dispatchEvent(new CustomEvent("ack-error", { detail: { message: "Type the time-box as minutes (7) or m:ss (7:30)." } }));
    send("start", { seconds });
  }, "");
  const pause = button("Pause", () => send("pause"));
  const resume = button("Resume", () => send("resume"));
  const more = button("+1 min", () => send("add", { seconds: 60 }));
  const stop = button("Stop", () => send("stop"));
  const meter = h("meter.elmo-meter", { min: 0 });
  const elmoText = h("p.elmo-text");
  const moveOn = h("p.move-on", { role: "alert" });
  const threshold = h("input", { type: "number", min: 1, id: "elmo-threshold", placeholder: "half", "aria-label": "Elmo threshold" });
  threshold.addEventListener("change", () => live.act("elmo:threshold", {
    topic_id: topic.id, threshold: threshold.value === "" ? null : Number(threshold.value) }));
  const empty = h("p.wait", {}, "Open a topic to discuss it under a time-box.");
  const body = h("div", {}, title, clock,
    h("div.timer-controls", {}, length, start, pause, resume, more, stop),
    h("div.elmo-board", {}, elmoText, meter, moveOn,
      h("label.inline.muted", { for: "elmo-threshold" }, "Threshold", threshold)));
  root.append(empty, body);
  let shownId = null;
  return (t) => {
    topic = t;
    empty.hidden = Boolean(t);
    body.hidden = !t;
    if (!t) return;
    title.textContent = t.title;
    clock.show(t.timer);
    if (shownId !== t.id && document.activeElement !== length) length.value = clockText(t.planned);
    shownId = t.id;
    const state = t.timer.state;
    pause.hidden = state !== "running";
    resume.hidden = state !== "paused";
    more.disabled = stop.disabled = !["running", "paused"].includes(state);
    start.textContent = state === "idle" ? "Start" : "Restart";
    const { count, threshold: needed, move_on: moving } = t.elmo;
    elmoText.textContent = elmoNeeded(t.elmo);
    meter.max = needed;
    meter.value = Math.min(count, needed);
    moveOn.hidden = !moving;
    moveOn.textContent = moving ? "Move on? The room has thrown enough Elmos." : "";
    if (document.activeElement !== threshold) threshold.value = "";
    threshold.placeholder = `${needed}`;
  };
}

function topicItem(topic, live) {
  const name = h("span.topic-name");
  const allotted = h("span.allotted");
  // The topic's time by hand: a time typed here is kept by the plan; emptied, the plan shares it again.
  const byHand = h("input.length.by-hand", { inputmode: "numeric", "aria-label": `Time for ${topic.title} by hand (minutes, or m:ss; empty: the plan’s)` });
  let shown = topic;
  byHand.addEventListener("change", () => {
    const text = byHand.value.trim();
    const seconds = text ? parseLength(text) : null;
    if (text && seconds === null) return byHand.focus();
    live.act("topic:save", { id: shown.id, title: shown.title, ...(text ? { planned: seconds } : { fixed: false }) });
  });
  const open = h("button.link", { type: "button", onclick: () => live.act("topic:open", { topic_id: topic.id }) }, "Discuss");
  const remove = h("button.icon", { type: "button", "aria-label": `Delete topic ${topic.title}`,
    onclick: () => confirm(`Delete the topic “${topic.title}” with its notes and actions?`) && live.act("topic:delete", { id: topic.id }) }, "×");
  const node = h("li.topic", {}, name, allotted, byHand, open, remove);
  node.update = (t, currentId, slot) => {
    shown = t;
    name.textContent = t.title;
    allotted.textContent = t.timer.state === "stopped" ? "done" : slotText(slot);
    node.dataset.reached = slot && !slot.reached ? "no" : "yes";
    if (document.activeElement !== byHand) byHand.value = t.fixed ? clockText(t.planned) : "";
    byHand.placeholder = slot?.reached ? clockText(slot.seconds) : "plan";
    node.dataset.current = t.id === currentId ? "yes" : "no";
    open.hidden = t.id === currentId;
  };
  return node;
}

// The agenda from the dot vote: the top N places become topics, best first.
function fromRankingForm(live) {
  const count = h("input.count", { type: "number", min: 1, max: 50, value: 3, "aria-label": "How many top places to discuss" });
  const planned = h("input.length", { value: "10", "aria-label": "Planned time per topic (minutes, or m:ss)" });
  // Each phrase keeps its number: a narrow column wraps between them, never inside one.
  const form = h("form.from-ranking", {}, h("span.phrase", {}, "Discuss the top ", count, " of the ranking,"),
    h("span.phrase", {}, planned, " min each"), h("button.button.secondary", { type: "submit" }, "Add to agenda"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const seconds = parseLength(planned.value);
    if (seconds === null) return planned.focus();
    await live.act("topics:from_ranking", { count: Number(count.value), planned: seconds });
  });
  return form;
}

function addTopicForm(live) {
  const title = h("input", { name: "title", maxlength: 200, placeholder: "New topic", "aria-label": "New topic title", required: true });
  const planned = h("input.length", { name: "planned", placeholder: "plan", "aria-label": "Time by hand (minutes, or m:ss; empty: the plan’s)" });
  const form = h("form.add-topic", {}, title, planned, h("button.button.secondary", { type: "submit" }, "Add topic"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = planned.value.trim();
    const seconds = text ? parseLength(text) : null;
    if (!title.value.trim() || (text && seconds === null)) return title.focus();
    const ack = await live.act("topic:save", { id: newId(), title: title.value, ...(text ? { planned: seconds } : {}) });
    if (ack.ok) title.value = "";
    title.focus();
  });
  return form;
}

function topicLog(table, topics, now) {
  const rows = topics.filter((t) => t.timer.state !== "idle" || t.elmo_log.length);
  if (!table.tHead) table.append(h("caption.sr-only", {}, "Planned and spent time and Elmos per topic"),
    h("thead", {}, h("tr", {}, ...["Topic", "Planned", "Spent", "Elmos"].map((c) => h("th", { scope: "col" }, c)))), h("tbody"));
  table.hidden = !rows.length;
  syncList(table.tBodies[0], rows, (t) => t.id, () => h("tr", {}, h("td"), h("td"), h("td"), h("td")), (tr, t) => {
    logCells(t, now).forEach((text, i) => { tr.cells[i].textContent = text; });
  });
}

const localTime = (stamp) => new Date(stamp * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** A row of the topic log: title, planned, spent so far, and the Elmos with when the first and
 * the last were thrown (every time listed ran to a paragraph once the whole room threw one). */
export function logCells(topic, now, timeOf = localTime) {
  const times = topic.elmo_log.map((e) => timeOf(e.thrown_at));
  const span = [...new Set([times[0], times[times.length - 1]])].join("–");
  return [topic.title, durationText(topic.planned), durationText(secondsSpent(topic.timer, now)),
    times.length ? `${times.length} (${span})` : "0"];
}
