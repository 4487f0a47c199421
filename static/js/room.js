// The room view: the projector's screen, read-only. Opened with the view pass
// of the room link (never the facilitator key), it sends `watch` and draws the
// room the server sends (`room:changed`, see docs/protocol.md, *the room view*).
import { h } from "./dom.js";
import { Live, statusPill } from "./live.js";
import { measureClock } from "./clock.js";
import { STEP_VIEWS, foldObjectives, stepLine, tickTimers, whyHere } from "./roomview.js";

const page = document.getElementById("main");
const workshopId = page.dataset.workshopId;
const passName = `bowtie:view:${workshopId}`;

// The pass arrives in the URL fragment; keep it and take it off the address bar.
const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.get("view")) {
  localStorage.setItem(passName, fragment.get("view"));
  history.replaceState(null, "", location.pathname);
}
const view = localStorage.getItem(passName);
const focus = document.getElementById("room-focus");
const facts = { code: page.dataset.code, joinUrl: page.dataset.joinUrl };

if (!view) {
  focus.replaceChildren(h("p.room-notice", {}, "Open the room link from the facilitator's control screen."));
} else {
  const live = new Live({
    enter: (l) => l.send("watch", { workshop_id: workshopId, view }, { quiet: true }),
    reducers: { "room:changed"(state, { room }) { state.room = room; } },
  });
  live.addEventListener("refused", ({ detail }) => focus.replaceChildren(h("p.room-notice", {}, detail.message)));
  live.addEventListener("change", () => live.state && draw(live));
  window.addEventListener("resize", () => live.state && draw(live)); // what fits depends on the screen
  live.addEventListener("status", ({ detail }) => { if (detail === "online") measureClock(live); });
  statusPill(live, document.body.appendChild(h("span.room-status", { role: "status" })));
  setInterval(() => tickTimers(focus, live.now()), 250);
  window.bowtie = live; // for tests that look at the state
  live.connect();
}

// Full screen needs a press on the projector's own page; the button goes once it is used.
const full = document.getElementById("room-full");
full.addEventListener("click", () => document.documentElement.requestFullscreen?.().catch(() => {}));
document.addEventListener("fullscreenchange", () => { full.hidden = Boolean(document.fullscreenElement); });

function draw(live) {
  const { room } = live.state;
  const kind = room.step ? room.step.kind : "lobby";
  document.getElementById("room-step").textContent = stepLine(room.step);
  document.getElementById("room-context").textContent = room.workshop.context || room.workshop.title;
  document.getElementById("room-agreed").replaceChildren(...whyHere(room));
  document.getElementById("room-join").textContent = kind === "lobby" ? "" : `Join at ${facts.joinUrl} · code ${spaced(facts.code)}`;
  page.dataset.step = kind;
  focus.replaceChildren((STEP_VIEWS[kind] || STEP_VIEWS.lobby)(room, facts));
  foldObjectives(focus);
  tickTimers(focus, live.now());
}

const spaced = (code) => `${code.slice(0, 3)} ${code.slice(3)}`;
