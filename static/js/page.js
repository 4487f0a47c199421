// What both screens share: mounting areas, status, errors, announcements.
import { announcer, toast } from "./dom.js";
import { statusPill } from "./live.js";

/**
 * Mount each area's view ("board" or "control"): into the page's element with
 * data-area="<name>" when there is one, else a new <section> appended to
 * `container`, in order. Refresh them all whenever the live state changes.
 */
export function mountAreas(live, areas, view, container) {
  const ui = { announce: announcer(), toast };
  const updates = [];
  for (const [name, area] of Object.entries(areas)) {
    live.use(area);
    if (!area[view]) continue;
    const slot = document.querySelector(`[data-area="${name}"]`);
    const root = slot || container.appendChild(document.createElement("section"));
    root.classList.add("area", `area-${name}`);
    updates.push(area[view](root, live, ui));
  }
  live.addEventListener("change", () => {
    if (!live.state) return;
    for (const update of updates) update(live.state);
  });
  live.addEventListener("ack-error", (e) => toast(e.detail.message));
  statusPill(live, document.getElementById("status"));
  return ui;
}
