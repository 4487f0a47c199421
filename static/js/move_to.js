// "Move to…": a combobox that picks a cluster by typing part of its name, or
// names a new one (the WAI-ARIA combobox pattern with a list popup: focus stays
// in the text box, the active option is aria-activedescendant).
import { h } from "./dom.js";

let made = 0;

/** The options for what was typed: clusters whose name holds it (those starting
 * with it first), then "New cluster “…”" unless a cluster has exactly that name. */
export function moveOptions(clusters, typed) {
  const query = typed.trim();
  const lower = query.toLowerCase();
  const found = clusters.filter((c) => c.name.toLowerCase().includes(lower));
  const starts = (c) => (c.name.toLowerCase().startsWith(lower) ? 0 : 1);
  const options = [...found].sort((a, b) => starts(a) - starts(b))
    .map((c) => ({ id: c.id, name: c.name, label: c.name }));
  if (query && !clusters.some((c) => c.name.toLowerCase() === lower)) {
    options.push({ id: null, name: query, label: `New cluster “${query}”` });
  }
  return options;
}

/** onPick({id, name}) with id null for a new cluster; onCancel() on Escape. */
export function moveTo({ label, onPick, onCancel }) {
  const id = `move-to-${++made}`;
  const input = h("input.move-to", {
    type: "text", id, role: "combobox", autocomplete: "off", "aria-autocomplete": "list",
    "aria-expanded": "false", "aria-controls": `${id}-list`, "aria-label": label, placeholder: "Move to… (C)",
  });
  const list = h("ul.move-to-list", { role: "listbox", id: `${id}-list`, "aria-label": "Clusters to move to" });
  list.hidden = true;
  let clusters = [];
  let options = [];
  let active = 0;

  function render() {
    options = moveOptions(clusters, input.value);
    active = Math.min(active, Math.max(options.length - 1, 0));
    list.replaceChildren(...options.map((o, i) => {
      const item = h("li.move-to-option", { role: "option", id: `${id}-${i}`, "aria-selected": String(i === active) }, o.label);
      item.classList.toggle("new", o.id === null);
      item.addEventListener("mousedown", (e) => e.preventDefault()); // keep focus in the box
      item.addEventListener("click", () => pick(i));
      return item;
    }));
    if (options.length) input.setAttribute("aria-activedescendant", `${id}-${active}`);
    else input.removeAttribute("aria-activedescendant");
    list.hidden = !options.length;
    input.setAttribute("aria-expanded", String(!list.hidden));
  }
  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function pick(i) {
    const option = options[i];
    if (!option) return;
    input.value = "";
    close();
    onPick(option);
  }
  input.addEventListener("focus", () => { active = 0; render(); });
  input.addEventListener("input", () => { active = 0; render(); });
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (list.hidden) return render();
      active = (active + (e.key === "ArrowDown" ? 1 : options.length - 1)) % Math.max(options.length, 1);
      render();
      list.children[active]?.scrollIntoView({ block: "nearest" });
    } else if (e.key === "Enter") {
      e.preventDefault();
      pick(active);
    } else if (e.key === "Escape") {
      e.preventDefault();
      input.value = "";
      close();
      onCancel?.();
    }
  });

  return {
    node: h("div.move-to-box", {}, input, list),
    input,
    update(next, disabled) {
      clusters = next;
      input.disabled = disabled;
      if (document.activeElement === input) render();
    },
  };
}
