// The lobby: a big join code and QR for the projector, and who has arrived,
// with sock puppets flagged (the same name twice, a join burst) and a way to
// remove several people at once.
import { JOIN_BURST } from "/facts.js";
import { h, syncList } from "../dom.js";
import { screenPhase } from "../steps.js";
import { personChip, removePeople } from "./people.js";

export const reducers = {};

const spaced = (code) => `${code.slice(0, 3)} ${code.slice(3)}`;

/** A name as the lobby compares them: case, width and spacing aside. */
export const nameKey = (name) => name.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/** Participant id -> its flags ("same name", "join burst"), for those flagged. */
export function flagArrivals(people, { joins, seconds } = JOIN_BURST) {
  const flags = new Map();
  const flag = (id, what) => {
    const mine = flags.get(id) || [];
    if (!mine.includes(what)) flags.set(id, [...mine, what]);
  };
  const byName = new Map();
  for (const p of people) byName.set(nameKey(p.name), [...(byName.get(nameKey(p.name)) || []), p.id]);
  for (const ids of byName.values()) if (ids.length > 1) ids.forEach((id) => flag(id, "same name"));
  const timed = people.filter((p) => typeof p.joined_at === "number").sort((a, b) => a.joined_at - b.joined_at);
  for (let i = 0; i + joins <= timed.length; i++) {
    if (timed[i + joins - 1].joined_at - timed[i].joined_at <= seconds) {
      for (const p of timed.slice(i, i + joins)) flag(p.id, "join burst");
    }
  }
  return flags;
}

export function control(root, live) {
  const page = document.getElementById("control");
  const code = h("p.join-code", { "aria-label": "Join code" });
  const link = h("a.join-link", { target: "_blank", rel: "noopener" });
  const arrivals = h("ul.people.arrivals", { "aria-label": "Who has joined" });
  const count = h("p.arrival-count");
  const qr = h("img.qr", { alt: "QR code of the join link", width: 260, height: 260 });
  const selected = new Set();
  let flagged = new Map();
  const selectFlagged = h("button.button.secondary", { type: "button", onclick: () => {
    for (const id of flagged.keys()) selected.add(id);
    live.changed();
  } }, "Select flagged");
  const removeSelected = h("button.button.danger", { type: "button", onclick: async () => {
    const people = live.state.participants.filter((p) => selected.has(p.id));
    const ack = await removePeople(people, live);
    if (ack && ack.ok) selected.clear();
    live.changed();
  } });
  const tools = h("div.actions.arrival-tools", {}, selectFlagged, removeSelected);
  root.append(h("div.join-panel", {},
    h("div.join-text", {}, h("p.join-lead", {}, "Join at"), link, h("p.join-lead", {}, "with the code"), code, count),
    qr), tools, arrivals);
  return (state) => {
    const { workshop } = state;
    root.hidden = screenPhase(state) !== "lobby";
    if (!qr.getAttribute("src")) qr.src = `/w/${workshop.code}/qr.svg`;
    code.textContent = spaced(workshop.code);
    link.href = link.textContent = page.dataset.joinUrl;
    if (root.hidden) return;
    const online = new Set(state.online || []);
    const n = state.participants.length;
    count.textContent = n ? `${n} ${n === 1 ? "person has" : "people have"} joined` : "Waiting for the first people…";
    flagged = flagArrivals(state.participants);
    const present = new Set(state.participants.map((p) => p.id));
    for (const id of [...selected]) if (!present.has(id)) selected.delete(id);
    selectFlagged.hidden = !flagged.size;
    removeSelected.hidden = !selected.size;
    removeSelected.textContent = `Remove selected (${selected.size})`;
    tools.hidden = !flagged.size && !selected.size;
    syncList(arrivals, state.participants, (p) => `${p.id}:${online.has(p.id)}:${flagged.get(p.id) || ""}`,
      (p) => arrival(p, online.has(p.id), flagged.get(p.id) || [], selected, live),
      (node, p) => { node.querySelector("input").checked = selected.has(p.id); });
  };
}

function arrival(person, online, flags, selected, live) {
  const box = h("input.pick-person", { type: "checkbox", "aria-label": `Select ${person.name}` });
  box.addEventListener("change", () => {
    if (box.checked) selected.add(person.id);
    else selected.delete(person.id);
    live.changed();
  });
  const marks = flags.length ? h("span.arrival-flags", {}, ...flags.map((f) => h("span.flag", {}, f))) : null;
  const chip = personChip(person, online, marks);
  chip.dataset.flagged = flags.length ? "yes" : "no";
  chip.prepend(box);
  return chip;
}

export function board(root) {
  const title = h("h2");
  const context = h("p.context");
  const wait = h("p.wait", {}, "You're in. The facilitator will start the workshop soon.");
  root.append(title, context, wait);
  return (state) => {
    root.hidden = screenPhase(state) !== "lobby";
    title.textContent = `Welcome, ${state.me.name}`;
    context.textContent = state.workshop.context;
    context.hidden = !state.workshop.context;
  };
}
