// The lobby: a big join code and QR for the projector, and who has arrived.
import { h, syncList } from "../dom.js";
import { personChip } from "./people.js";

export const reducers = {};

const spaced = (code) => `${code.slice(0, 3)} ${code.slice(3)}`;

export function control(root, live) {
  const page = document.getElementById("control");
  const code = h("p.join-code", { "aria-label": "Join code" });
  const link = h("a.join-link", { target: "_blank", rel: "noopener" });
  const arrivals = h("ul.people.arrivals", { "aria-label": "Who has joined" });
  const count = h("p.arrival-count");
  const qr = h("img.qr", { alt: "QR code of the join link", width: 260, height: 260 });
  root.append(h("div.join-panel", {},
    h("div.join-text", {}, h("p.join-lead", {}, "Join at"), link, h("p.join-lead", {}, "with the code"), code, count),
    qr), arrivals);
  return (state) => {
    const { workshop } = state;
    root.hidden = workshop.phase !== "lobby";
    if (!qr.getAttribute("src")) qr.src = `/w/${workshop.code}/qr.svg`;
    code.textContent = spaced(workshop.code);
    link.href = link.textContent = page.dataset.joinUrl;
    if (root.hidden) return;
    const online = new Set(state.online || []);
    const n = state.participants.length;
    count.textContent = n ? `${n} ${n === 1 ? "person has" : "people have"} joined` : "Waiting for the first people…";
    syncList(arrivals, state.participants, (p) => `${p.id}:${online.has(p.id)}`, (p) => personChip(p, online.has(p.id)));
  };
}

export function board(root) {
  const title = h("h2");
  const context = h("p.context");
  const wait = h("p.wait", {}, "You're in. The facilitator will start the workshop soon.");
  root.append(title, context, wait);
  return (state) => {
    root.hidden = state.workshop.phase !== "lobby";
    title.textContent = `Welcome, ${state.me.name}`;
    context.textContent = state.workshop.context;
    context.hidden = !state.workshop.context;
  };
}
