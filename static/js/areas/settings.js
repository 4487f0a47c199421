// Workshop settings the facilitator can switch during the session.
import { h } from "../dom.js";

export const reducers = {
  // Most changes come with a fresh snapshot; one that changes no one's view (locking joining) does not.
  "settings:changed"(state, { settings }) { state.workshop.settings = settings; },
};

const SWITCHES = [
  ["blind_writing", "Blind writing", "Cards stay with their author until revealed"],
  ["participants_cluster", "Participants cluster", "Participants may cluster cards too"],
  ["participants_edit_notes", "Participants edit notes", "Participants may edit discussion notes"],
  ["joining_locked", "Lock joining", "Newcomers are refused; people already in can still reconnect"],
  ["room_cards", "Show cards on the room screen", "The room view shows the cards as groups write them; never cards still blind"],
];

export function control(root, live) {
  const boxes = {};
  const list = h("div.switches");
  for (const [key, label, hint] of SWITCHES) {
    const box = h("input", { type: "checkbox", id: `setting-${key}` });
    box.addEventListener("change", async () => {
      // Until the server answers, the box shows what was clicked, not the old state.
      box.dataset.pending = "yes";
      const ack = await live.act("settings:change", { settings: { [key]: box.checked } });
      delete box.dataset.pending;
      // The ack carries the settings now in force; the resync snapshot may come later.
      if (ack.ok && live.state) live.state.workshop.settings = ack.settings;
      if (live.state) box.checked = Boolean(live.state.workshop.settings[key]);
    });
    boxes[key] = box;
    list.append(h("label.switch", { for: `setting-${key}`, title: hint }, box, h("span", {}, label)));
  }
  root.append(h("details.settings", {}, h("summary", {}, "Settings"), list));
  return (state) => {
    for (const [key, box] of Object.entries(boxes)) {
      if (!box.dataset.pending) box.checked = Boolean(state.workshop.settings[key]);
    }
  };
}
