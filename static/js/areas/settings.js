// Workshop settings the facilitator can switch during the session.
import { h } from "../dom.js";

export const reducers = {};

const SWITCHES = [
  ["blind_writing", "Blind writing", "Cards stay with their author until revealed"],
  ["participants_cluster", "Participants cluster", "Participants may cluster cards too"],
  ["participants_edit_notes", "Participants edit notes", "Participants may edit discussion notes"],
];

export function control(root, live) {
  const boxes = {};
  const list = h("div.switches");
  for (const [key, label, hint] of SWITCHES) {
    const box = h("input", { type: "checkbox", id: `setting-${key}` });
    box.addEventListener("change", () => live.act("settings:change", { settings: { [key]: box.checked } }));
    boxes[key] = box;
    list.append(h("label.switch", { for: `setting-${key}`, title: hint }, box, h("span", {}, label)));
  }
  root.append(h("details.settings", {}, h("summary", {}, "Settings"), list));
  return (state) => {
    for (const [key, box] of Object.entries(boxes)) box.checked = Boolean(state.workshop.settings[key]);
  };
}
