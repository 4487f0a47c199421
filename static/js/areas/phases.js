// The phase stepper: where the workshop is. The facilitator's version drives it.
import { PHASES } from "/facts.js";
import { h, syncList } from "../dom.js";

export const reducers = {
  // At once; a fresh snapshot follows when the event says `resync: true`.
  "phase:changed": (state, data) => { state.workshop.phase = data.phase; },
};

function stepper(list, state, onPick) {
  const current = state.workshop.phase;
  const index = PHASES.findIndex(([key]) => key === current);
  syncList(list, PHASES, ([key]) => key, ([key, title]) => h("li", {},
    onPick ? h("button.step", { type: "button", onclick: () => onPick(key) }, title) : h("span.step", {}, title)),
  (node, [key], i) => {
    node.dataset.state = key === current ? "current" : PHASES.findIndex(([k]) => k === key) < index ? "done" : "todo";
    const step = node.firstChild;
    if (key === current) step.setAttribute("aria-current", "step");
    else step.removeAttribute("aria-current");
  });
}

export function board(root) {
  const list = h("ol.phases", { "aria-label": "Workshop phases" });
  root.append(list);
  return (state) => stepper(list, state, null);
}

export function control(root, live) {
  const list = h("ol.phases", { "aria-label": "Workshop phases: choose one to move everyone there" });
  const next = h("button.button", { type: "button" });
  root.append(list, next);
  const go = (phase) => live.act("phase:set", { phase });
  next.addEventListener("click", () => go(next.dataset.phase));
  return (state) => {
    stepper(list, state, go);
    const i = PHASES.findIndex(([key]) => key === state.workshop.phase);
    const upcoming = PHASES[i + 1];
    next.hidden = !upcoming;
    if (upcoming) {
      next.dataset.phase = upcoming[0];
      next.textContent = `Next: ${upcoming[1]} →`;
    }
  };
}
