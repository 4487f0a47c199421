// Why we are here: once a statements step commits the purpose or the vision, a
// compact strip near the top of every screen keeps it in sight. A statements
// step shows its own subject in large type instead (areas/statements.js).
import { current, subjectOf, whyStrip } from "./statements.js";

function view(root) {
  root.setAttribute("aria-label", "Our purpose and vision");
  return (state) => {
    const running = current(state);
    const lines = whyStrip(state, running && subjectOf(running));
    root.hidden = !lines.length;
    root.replaceChildren(...lines);
  };
}

export const board = view;
export const control = view;
