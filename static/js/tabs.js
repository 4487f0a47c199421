// Tabs over panels that stand side by side on a wide screen: on a narrow one
// (a phone) only the chosen panel shows, chosen from a tab list (the WAI-ARIA
// tabs pattern: role=tablist/tab/tabpanel, arrow keys, Home and End, one tab in
// the Tab order). On a wide screen the tab list is hidden and the panels are
// plain sections again, so no role promises a tab that cannot be seen.
import { h } from "./dom.js";

const NARROW = "(max-width: 720px)";

/** The key the arrow keys move to from `index` among `count` tabs, or null. */
export function tabAfterKey(key, index, count) {
  if (key === "ArrowRight") return (index + 1) % count;
  if (key === "ArrowLeft") return (index - 1 + count) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}

/**
 * tabbed(label, container): a tab list for the panels in `container`.
 * Returns { node, update(panels) } where panels are [{ id, node, label }]
 * (`label` is the tab's text, e.g. "Stop (4)"); `node` goes above `container`.
 */
export function tabbed(label, container) {
  const list = h("div.tabs", { role: "tablist", "aria-label": label });
  const narrow = window.matchMedia(NARROW);
  let chosen = null;
  let panels = [];

  const choose = (id, focus) => {
    chosen = id;
    draw();
    if (focus) list.querySelector(`[data-panel="${CSS.escape(id)}"]`)?.focus();
  };
  list.addEventListener("keydown", (e) => {
    const index = panels.findIndex((p) => p.id === chosen);
    const next = tabAfterKey(e.key, index, panels.length);
    if (next === null) return;
    e.preventDefault();
    choose(panels[next].id, true);
  });

  function draw() {
    const tabs = narrow.matches;
    list.hidden = !tabs;
    container.classList.toggle("tabbed", tabs);
    if (!panels.some((p) => p.id === chosen)) chosen = panels[0]?.id ?? null;
    while (list.children.length > panels.length) list.lastChild.remove();
    panels.forEach((p, i) => {
      const tabId = `tab-${p.id}`;
      let tab = list.children[i];
      if (!tab) {
        tab = h("button.tab", { type: "button", role: "tab" });
        tab.addEventListener("click", () => choose(tab.dataset.panel, false));
        list.append(tab);
      }
      const selected = p.id === chosen;
      Object.assign(tab, { id: tabId, textContent: p.label, tabIndex: selected ? 0 : -1 });
      tab.dataset.panel = p.id;
      tab.setAttribute("aria-selected", String(selected));
      tab.setAttribute("aria-controls", p.node.id = p.node.id || `panel-${p.id}`);
      if (tabs) {
        p.node.setAttribute("role", "tabpanel");
        p.node.setAttribute("aria-labelledby", tabId);
      } else {
        p.node.removeAttribute("role");
        p.node.removeAttribute("aria-labelledby");
      }
      p.node.dataset.chosen = String(selected);
    });
  }
  narrow.addEventListener("change", draw);
  return {
    node: list,
    update(next) {
      panels = next;
      draw();
    },
  };
}
