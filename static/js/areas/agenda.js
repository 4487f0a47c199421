// The agenda: the control screen's time plan (every step, planned and actual
// minutes, the planned end, ahead or behind now) where the facilitator edits and
// runs it, and the participant's "Now · Next" strip.
//
// The timeline's arithmetic lives on the server (workshop/domain/timeplan.py):
// the control screen asks for it (`agenda:timeline`) whenever the agenda changes
// and every half minute, since a step running over moves it by the minute.
import { STEP_KINDS } from "/facts.js";
import { h, syncList, newId } from "../dom.js";
import { movingCloses } from "../moving_on.js";
import { saveAsTemplates, stepSettings } from "../step_settings.js";

export const GO_DELAY = 5; // seconds to undo a stray "Go" before the whole room moves
const REFRESH = 30_000; // ms between timeline refreshes while the page is open

export const reducers = {
  "agenda:changed": (state, { agenda }) => { state.agenda = agenda; },
};

// -- pure helpers (tests/js/agenda.test.js) ----------------------------------------

export const kindTitle = (kind) => STEP_KINDS.find((k) => k.key === kind)?.title ?? kind;

/** The running step and the one after it; before anything runs, only a next (the first planned step). */
export function nowAndNext(agenda) {
  const steps = agenda?.steps || [];
  const i = steps.findIndex((s) => s.id === agenda?.current);
  if (i >= 0) return { now: steps[i], next: steps[i + 1] || null };
  return { now: null, next: steps.find((s) => s.state === "planned") || null };
}

/** The position a step moves to one place up (-1) or down (+1), or null at either end. */
export function moveTarget(agenda, stepId, delta) {
  const i = agenda.steps.findIndex((s) => s.id === stepId);
  const to = i + delta;
  return i < 0 || to < 0 || to >= agenda.steps.length ? null : to;
}

/** "On time", "5 min behind", "1 min ahead". */
export function behindText(minutes) {
  if (!minutes) return "On time";
  return `${Math.abs(minutes)} min ${minutes > 0 ? "behind" : "ahead"}`;
}

/** "12 min", "< 1 min", "1 h 05 min": whole minutes, as a facilitator reads them aloud. */
export function minutesText(minutes) {
  const m = Math.round(minutes);
  if (m < 1) return "< 1 min";
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/** A row's actual time: done and how long it took, running and for how long so far, or planned. */
export function stateText(step, row) {
  const actual = row?.actual_minutes;
  if (step.state === "running") return actual === null || actual === undefined ? "Running" : `Running · ${minutesText(actual)}`;
  if (step.state === "done") return actual === null || actual === undefined ? "Done" : `Done · ${minutesText(actual)}`;
  return "Planned";
}

/** "14:05": a server epoch time as the room's wall clock (this browser's time zone). */
export function clockAt(epoch) {
  const d = new Date(epoch * 1000);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** The timeline's rows by step id; a timeline of an agenda since changed still times the steps it knows. */
export function rowsById(timeline) {
  return new Map((timeline?.steps || []).map((r) => [r.step_id, r]));
}

// -- the participant's board ---------------------------------------------------------

export function board(root) {
  const now = h("strong.now-title");
  const next = h("span.next-title");
  const nowPart = h("span.now-part", {}, h("span.label", {}, "Now: "), now);
  const nextPart = h("span.next-part", {}, h("span.label", {}, "Next: "), next);
  root.append(h("p.now-next", {}, nowPart, h("span.sep", { "aria-hidden": "true" }, " · "), nextPart));
  return (state) => {
    const { now: running, next: upcoming } = nowAndNext(state.agenda);
    root.hidden = !running && !upcoming;
    nowPart.hidden = !running;
    nextPart.hidden = !upcoming;
    root.querySelector(".sep").hidden = !running || !upcoming;
    now.textContent = running ? running.title : "";
    next.textContent = upcoming ? upcoming.title : "";
  };
}

// -- the control screen --------------------------------------------------------------

export function control(root, live, ui) {
  const view = controlView(live, ui);
  root.append(view.node);
  return view.update;
}

function controlView(live, ui) {
  let timeline = null;
  let seenAgenda = null;
  let asked = 0;
  let refocus = null; // after a move, the button the keyboard was on
  const summary = h("span.agenda-plan");
  const bar = h("div.agenda-bar", { "aria-hidden": "true" });
  const pending = goWithUndo(live, ui);
  const list = h("ol.agenda-steps", { "aria-label": "Agenda steps, in order" });
  const head = h("summary", {}, h("h2", {}, "Agenda"), summary);
  const node = h("details.agenda-panel", {},
    head, bar, pending.node, columnHeads(), list, addForm(live), saveAsTemplates(live, ui));
  // Closed in the lobby, where the join code and people arriving need the screen;
  // open from then on, until the facilitator opens or closes it themselves.
  let chosen = null;
  head.addEventListener("click", () => { chosen = !node.open; });

  const ask = async () => {
    const mine = ++asked;
    const ack = await live.send("agenda:timeline", {}, { quiet: true });
    if (!ack.ok || mine !== asked) return; // a later answer is on its way
    timeline = ack.timeline;
    if (live.state) update(live.state);
  };
  setInterval(() => { if (live.state && live.status === "online") ask(); }, REFRESH);

  // Moves go one after another, each from where the step stands once the one before
  // is stored: two quick clicks on "up" computed from the same agenda would both ask
  // for the same place, and a slow network would turn them into one move. A move
  // that fails is reported and the next one still runs.
  let moves = Promise.resolve();
  const move = (stepId, delta) => {
    moves = moves.then(async () => {
      const position = moveTarget(live.state.agenda, stepId, delta);
      if (position === null) return;
      refocus = { stepId, delta };
      await live.act("agenda:move", { step_id: stepId, position });
    }).catch((err) => console.error(err));
  };
  const actions = { live, ui, pending, move };

  function update(state) {
    const agenda = state.agenda;
    if (!agenda) return;
    if (agenda !== seenAgenda) {
      seenAgenda = agenda;
      ask();
    }
    if (chosen === null) node.open = openByDefault(agenda);
    const rows = rowsById(timeline);
    summary.replaceChildren(...planSummary(timeline));
    syncList(bar, agenda.steps, (s) => s.id, (s) => h("span.agenda-segment"), (seg, s) => {
      seg.dataset.state = s.state;
      seg.style.flexGrow = String(Math.max(s.planned_minutes, 1));
      seg.textContent = s.title;
    });
    syncList(list, agenda.steps, (s) => s.id, (s) => stepRow(s, actions),
      (row, s) => row.update(s, agenda, rows.get(s.id)));
    pending.update(agenda);
    if (refocus) {
      const row = [...list.children].find((r) => r.dataset.key === refocus.stepId);
      row?.focusMove(refocus.delta);
      refocus = null;
    }
  }
  return { node, update };
}

/** The panel starts closed while the lobby runs (the join code must stay in view), open otherwise. */
export function openByDefault(agenda) {
  return nowAndNext(agenda).now?.kind !== "lobby";
}

// For the eye only: each row's inputs and buttons carry their own labels.
function columnHeads() {
  return h("div.agenda-head", { "aria-hidden": "true" }, h("span", {}, "#"), h("span.wide", {}, "Kind"),
    h("span", {}, "Step"), h("span", {}, "Planned"), h("span.wide", {}, "Expected"), h("span.wide", {}, "Actual"),
    h("span"));
}

function planSummary(timeline) {
  if (!timeline) return [];
  const behind = timeline.behind_minutes;
  return [
    h("span", {}, "Planned end ", h("strong", {}, clockAt(timeline.planned_end))),
    h("span", {}, "Expected end ", h("strong", {}, clockAt(timeline.expected_end))),
    h("strong.agenda-behind", { dataset: { behind: behind > 0 ? "behind" : behind < 0 ? "ahead" : "on-time" } },
      behindText(behind)),
  ];
}

function stepRow(step, { live, ui, pending, move }) {
  const index = h("span.agenda-index");
  const kind = h("span.agenda-kind");
  const title = h("input.agenda-title", { type: "text", required: true });
  const minutes = h("input.agenda-minutes", { type: "number", min: 0, step: 1, inputmode: "numeric" });
  const times = h("span.agenda-times");
  const state = h("span.agenda-state");
  const up = h("button.icon-button", { type: "button" }, "↑");
  const down = h("button.icon-button", { type: "button" }, "↓");
  const go = h("button.button.go", { type: "button" }, "Go");
  const remove = h("button.link.danger", { type: "button" }, "Remove");
  const settings = stepSettings(step, live);
  let current = step;

  title.addEventListener("change", async () => {
    const ack = await live.act("agenda:rename", { step_id: current.id, title: title.value.trim() });
    if (!ack.ok) title.value = current.title;
  });
  minutes.addEventListener("change", async () => {
    const ack = await live.act("agenda:plan", { step_id: current.id, planned_minutes: Number(minutes.value) });
    if (!ack.ok) minutes.value = current.planned_minutes;
  });
  up.addEventListener("click", () => move(current.id, -1));
  down.addEventListener("click", () => move(current.id, 1));
  go.addEventListener("click", () => pending.start(current));
  remove.addEventListener("click", () => removeStep(live, ui, current));

  const node = h("li.agenda-step", {}, index, kind,
    h("span.agenda-name", {}, title),
    h("span.agenda-plan-minutes", {}, minutes, h("span.unit", { "aria-hidden": "true" }, "min")),
    times, state,
    h("span.agenda-actions", {}, up, down, go, remove), settings);
  node.update = (s, agenda, row) => {
    current = s;
    const i = agenda.steps.indexOf(s);
    node.dataset.state = s.state;
    if (s.state === "running") node.setAttribute("aria-current", "step");
    else node.removeAttribute("aria-current");
    index.textContent = String(i + 1);
    kind.textContent = kindTitle(s.kind);
    if (document.activeElement !== title) title.value = s.title;
    if (document.activeElement !== minutes) minutes.value = s.planned_minutes;
    title.setAttribute("aria-label", `Title of step ${i + 1}`);
    minutes.setAttribute("aria-label", `Planned minutes of ${s.title}`);
    times.textContent = row ? `${clockAt(row.expected_start)}–${clockAt(row.expected_end)}` : "";
    state.textContent = stateText(s, row);
    up.disabled = i === 0;
    down.disabled = i === agenda.steps.length - 1;
    up.setAttribute("aria-label", `Move ${s.title} up`);
    down.setAttribute("aria-label", `Move ${s.title} down`);
    go.setAttribute("aria-label", `Go to ${s.title}: moves everyone there`);
    remove.setAttribute("aria-label", `Remove ${s.title}`);
    settings.update(s, agenda);
  };
  node.focusMove = (delta) => {
    const wanted = delta < 0 ? up : down;
    (wanted.disabled ? (delta < 0 ? down : up) : wanted).focus();
  };
  return node;
}

async function removeStep(live, ui, step) {
  let ack = await live.send("agenda:remove", { step_id: step.id });
  if (!ack.ok && ack.error.code === "confirm_needed") {
    if (!confirm(`${ack.error.message}\n\nRemove “${step.title}” anyway? What it holds stays in the export.`)) return;
    ack = await live.send("agenda:remove", { step_id: step.id, confirm: true });
  }
  if (!ack.ok) ui.toast(ack.error.message);
  else ui.announce(`Removed ${step.title}`);
}

/** "Go" waits GO_DELAY seconds, with Undo and Go now, since it moves every screen in the room. */
export function goWithUndo(live, ui) {
  let waiting = null; // {step, deadline, timer}
  const text = h("span.agenda-pending-text");
  const now = h("button.button", { type: "button" }, "Go now");
  const undo = h("button.button.secondary", { type: "button" }, "Undo");
  const node = h("div.agenda-pending", { role: "status", hidden: true }, text, now, undo);
  const tick = () => {
    if (!waiting) return;
    const left = Math.max(0, Math.ceil((waiting.deadline - Date.now()) / 1000));
    text.textContent = [`Moving everyone to “${waiting.step.title}” in ${left} s.`, ...movingCloses(live.state)].join(" ");
  };
  const stop = () => {
    if (waiting) clearInterval(waiting.timer);
    waiting = null;
    node.hidden = true;
  };
  const send = async () => {
    if (!waiting) return;
    const { step } = waiting;
    stop();
    const ack = await live.act("agenda:go", { step_id: step.id });
    if (ack.ok) ui.announce(`Everyone is now in ${step.title}`);
  };
  now.addEventListener("click", send);
  undo.addEventListener("click", () => { stop(); ui.announce("Not moved"); });
  return {
    node,
    start(step) {
      stop();
      waiting = { step, deadline: Date.now() + GO_DELAY * 1000 };
      waiting.timer = setInterval(() => (Date.now() >= waiting.deadline ? send() : tick()), 250);
      node.hidden = false;
      tick();
      undo.focus();
    },
    update(agenda) {
      // A step removed meanwhile (another tab) is not gone to.
      if (waiting && !agenda.steps.some((s) => s.id === waiting.step.id)) stop();
    },
  };
}

function addForm(live) {
  const kind = h("select.agenda-kind-pick", { id: "agenda-add-kind" },
    ...STEP_KINDS.map((k) => h("option", { value: k.key, title: k.purpose }, `${k.title} (${k.default_minutes} min)`)));
  const form = h("form.agenda-add", {},
    h("label", { for: "agenda-add-kind" }, "Add a step"), kind,
    h("button.button.secondary", { type: "submit" }, "Add to the end"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    live.act("agenda:add", { id: newId(), kind: kind.value });
  });
  return form;
}
