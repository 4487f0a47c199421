// The running step's own Elmo and time-box (docs/protocol.md, "Elmo on the
// running step"): in steps with no topics (statements, pillars, OKRs, decide)
// participants throw one Elmo on the step itself; at the threshold the control
// screen asks "move on?" and goes to the next step with the agenda's own Go
// (a few seconds to undo). The step's time-box is its planned minutes counted
// down from its start, as the room view shows it.
import { h } from "../dom.js";
import { timerFace } from "../clock.js";
import { goWithUndo, nowAndNext } from "./agenda.js";
import { runningStep } from "../steps.js";

const TICK_MS = 250;

export const reducers = {
  "step:elmo_changed"(state, { step_id: stepId, elmo }) {
    if (state.step_elmo?.step_id === stepId) state.step_elmo.elmo = elmo;
    else state.step_elmo = { step_id: stepId, mine: false, elmo };
  },
};

/** The running step's Elmos: the snapshot's, or none yet in a step begun since (null: it takes none). */
export function stepElmoNow(state) {
  const step = runningStep(state);
  if (!step?.elmo_on_step) return null;  // the server says (domain/agenda.py, Step.elmo_on_step)
  const own = state.step_elmo;
  return own?.step_id === step.id ? own : { step_id: step.id, mine: false, elmo: null };
}

/** "Elmos: 2 of 3 needed to move on": the standing Elmos against the threshold. */
export function elmoText(elmo) {
  if (!elmo || !elmo.count) return "No Elmos yet";  // the same before a snapshot tells the threshold as after
  return elmoNeeded(elmo);
}

/** "Elmos: 2 of 3 needed to move on"; past the threshold "Elmos: 4 (3 needed to move on)", never "4 of 3". */
export const elmoNeeded = (elmo) => (elmo.count > elmo.threshold
  ? `Elmos: ${elmo.count} (${elmo.threshold} needed to move on)`
  : `Elmos: ${elmo.count} of ${elmo.threshold} needed to move on`);

/** Under the count: the question once enough Elmos stand, else who moves us on. */
export const elmoCall = (elmo, percent) => (elmo.move_on ? "Enough Elmos: time to move on?"
  : `Threshold: ${thresholdText(elmo, percent)}`);

/** "3 of the 6 here (50%)": the step's threshold, as the share of those present the facilitator set. */
export function thresholdText(elmo, percent) {
  const share = percent ? ` (${percent}%)` : "";
  if (elmo?.present) return `${elmo.threshold} of the ${elmo.present} here${share}`;
  return percent ? `${percent}% of those here` : "a share of those here";
}

/** The step's time-box: its planned minutes from its start, as a timer `timerFace` reads. */
export function stepTimebox(step) {
  if (!step?.started_at || !step.planned_minutes) return null;
  return { state: "running", deadline: step.started_at + step.planned_minutes * 60 };
}

function timebox(live) {
  const digits = h("span.timebox-digits", { role: "timer", "aria-live": "off" }, "–:––");
  const label = h("span.timebox-label");
  const node = h("div.timebox.step-timebox", { dataset: { state: "idle" } }, h("span.label", {}, "Time left "), digits, label);
  let timer = null;
  const paint = () => {
    if (!timer) return;
    const face = timerFace(timer, live.now());
    digits.textContent = face.digits;
    node.dataset.state = face.state;
    label.textContent = face.label;
  };
  setInterval(() => { if (node.isConnected) paint(); }, TICK_MS);
  // Paint at once: a step that has just begun shows its minutes, not "–:––" until the next tick.
  node.show = (t) => {
    timer = t;
    node.hidden = !t;
    paint();
  };
  return node;
}

export function board(root, live, ui) {
  const clock = timebox(live);
  const button = h("button.button.elmo.step-elmo-button", { type: "button", "aria-pressed": "false" });
  const count = h("p.elmo-count.step-elmo-count", { "aria-live": "polite" });
  const row = h("div.elmo-row", {}, button, count);
  root.append(h("div.step-elmo-bar", { role: "group", "aria-label": "Time-box and Elmo" }, clock, row));
  button.addEventListener("click", async () => {
    const own = stepElmoNow(live.state);
    if (!own) return;
    button.disabled = true;
    const ack = await live.act(own.mine ? "step:elmo_withdraw" : "step:elmo", { step_id: own.step_id });
    button.disabled = false;
    if (!ack?.ok) return;
    const { step_id: stepId, mine, ...elmo } = ack.elmo;
    live.state.step_elmo = { step_id: stepId, mine, elmo };
    live.changed();
    ui.announce(ack.elmo.mine ? "Your Elmo is thrown." : "You took your Elmo back.");
  });
  return (state) => {
    const step = runningStep(state);
    const own = stepElmoNow(state);
    root.hidden = !own;
    if (root.hidden) return;
    clock.show(stepTimebox(step));
    button.setAttribute("aria-pressed", String(own.mine));
    button.textContent = own.mine ? "Take my Elmo back" : "Elmo — enough, let’s move on";
    count.textContent = elmoText(own.elmo);
  };
}

export function control(root, live, ui) {
  const clock = timebox(live);
  const meter = h("meter.elmo-meter", { min: 0, "aria-label": "Elmos thrown" });
  const text = h("p.elmo-text.step-elmo-text");
  const share = h("p.muted.step-elmo-share");
  const moveOnText = h("span", {}, "Move on? The room has thrown enough Elmos.");
  const goNext = h("button.button", { type: "button" });
  const moveOn = h("div.move-on.step-move-on", { role: "alert" }, moveOnText, " ", goNext);
  const pending = goWithUndo(live, ui);
  goNext.addEventListener("click", () => {
    const { next } = nowAndNext(live.state.agenda);
    if (next) pending.start(next);
  });
  root.append(h("div.step-elmo-board", { role: "group", "aria-label": "Time-box and Elmos of this step" },
    clock, text, share, meter, moveOn, pending.node));
  return (state) => {
    const step = runningStep(state);
    const own = stepElmoNow(state);
    root.hidden = !own;
    if (root.hidden) return;
    pending.update(state.agenda);
    clock.show(stepTimebox(step));
    const elmo = own.elmo || { count: 0, threshold: 1, move_on: false };
    text.textContent = own.elmo ? elmoNeeded(elmo) : "Elmos: none yet";
    share.textContent = `Threshold: ${thresholdText(own.elmo, step.settings?.elmo_percent)}`;
    meter.max = elmo.threshold;
    meter.value = elmo.count;
    const { next } = nowAndNext(state.agenda);
    moveOn.hidden = !elmo.move_on;
    goNext.hidden = !next;
    goNext.textContent = next ? `Go to “${next.title}”` : "";
  };
}
