// The step bar: where the workshop is, drawn from the agenda (its steps in their
// order, as the facilitator composed them). The facilitator's version moves the
// room, after asking: one stray click on a projected screen must not move everyone.
import { h, syncList } from "../dom.js";
import { movingCloses } from "../moving_on.js";
import { nowAndNext } from "./agenda.js";

export const reducers = {
  // At once; a fresh snapshot follows when the event says `resync: true`.
  "phase:changed": (state, data) => { state.workshop.phase = data.phase; },
};

const BAR_STATE = { running: "current", done: "done", planned: "todo" };

/** The bar's items: every step of the agenda, marked current, done or still to do. */
export function barSteps(agenda) {
  return (agenda?.steps || []).map((s) => ({ id: s.id, title: s.title, state: BAR_STATE[s.state] || "todo" }));
}

function stepper(list, state, onPick) {
  syncList(list, barSteps(state.agenda), (s) => s.id, (s) => h("li", {},
    onPick ? h("button.step", { type: "button", onclick: () => onPick(s.id) }) : h("span.step")),
  (node, s) => {
    node.dataset.state = s.state;
    const step = node.firstChild;
    step.textContent = s.title;
    if (s.state === "current") step.setAttribute("aria-current", "step");
    else step.removeAttribute("aria-current");
  });
}

/** "Step 3 of 7 · Vote": the step bar in one line, for a phone. */
export function stepOf(agenda) {
  const steps = barSteps(agenda);
  const at = steps.findIndex((s) => s.state === "current");
  return at < 0 ? "" : `Step ${at + 1} of ${steps.length} · ${steps[at].title}`;
}

export function board(root) {
  const list = h("ol.phases", { "aria-label": "Workshop steps" });
  const short = h("p.step-of");
  root.append(list, short);
  return (state) => {
    stepper(list, state, null);
    short.textContent = stepOf(state.agenda);
  };
}

export function control(root, live, ui) {
  const list = h("ol.phases", { "aria-label": "Workshop steps: choose one to move everyone there" });
  const next = h("button.button", { type: "button" });
  const ask = askToMove(live, ui, () => { next.hidden = !next.dataset.step || ask.asking(); });
  const stepById = (id) => live.state?.agenda?.steps.find((s) => s.id === id);
  const pick = (id) => {
    const step = stepById(id);
    if (step && step.state !== "running") ask.start(step);
  };
  root.append(list, h("div.phase-actions", {}, next, ask.node));
  next.addEventListener("click", () => pick(next.dataset.step));
  return (state) => {
    stepper(list, state, pick);
    const { next: upcoming } = nowAndNext(state.agenda);
    next.dataset.step = upcoming ? upcoming.id : "";
    next.hidden = !upcoming || ask.asking();
    if (upcoming) next.textContent = `Next: ${upcoming.title} →`;
    ask.update(state.agenda);
  };
}

/** "Move everyone to “Decide”?", and what the move ends (a poll round or a dot vote left open). */
export function moveQuestion(state, step) {
  return [`Move everyone to “${step.title}”?`, ...movingCloses(state)].join(" ");
}

/** "Move everyone to …?" with Move everyone and Cancel, in the bar itself (no browser dialog on a projector). */
function askToMove(live, ui, settled) {
  let asking = null; // the step asked about
  const text = h("span.phase-ask-text");
  const yes = h("button.button", { type: "button" }, "Move everyone");
  const no = h("button.button.secondary", { type: "button" }, "Cancel");
  const node = h("div.phase-ask", { role: "group", "aria-label": "Confirm the move", hidden: true }, text, yes, no);
  const stop = () => {
    asking = null;
    node.hidden = true;
    settled();
  };
  yes.addEventListener("click", async () => {
    const step = asking;
    stop();
    if (!step) return;
    const ack = await live.act("agenda:go", { step_id: step.id });
    if (ack.ok) ui.announce(`Everyone is now in ${step.title}`);
  });
  no.addEventListener("click", () => { stop(); ui.announce("Not moved"); });
  node.addEventListener("keydown", (e) => { if (e.key === "Escape") stop(); });
  return {
    node,
    asking: () => asking !== null,
    start(step) {
      asking = step;
      text.textContent = moveQuestion(live.state, step);
      node.hidden = false;
      settled();
      yes.focus();
    },
    update(agenda) {
      // Moved meanwhile (another tab, the agenda's Go), or the step removed: nothing to ask.
      const step = asking && agenda?.steps.find((s) => s.id === asking.id);
      if (asking && (!step || step.state === "running")) stop();
    },
  };
}
