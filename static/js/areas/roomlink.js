// The control screen's way to the projector: the room view, opened with a view
// pass (room:link), never with the facilitator key this screen holds; and a
// small live preview of what the room sees, drawn by the room view's own code.
import { h } from "../dom.js";
import { STEP_VIEWS, stepLine, tickTimers } from "../roomview.js";

const PREVIEW = "bowtie:room-preview"; // whether this browser shows the preview

export const reducers = {
  "room:changed"(_state, { room }, live) { live.roomView = room; },
};

export function control(root, live, ui) {
  const open = h("button.button", { type: "button" }, "Open the room view");
  const copy = h("button.button.secondary", { type: "button" }, "Copy the room link");
  const toggle = h("button.button.secondary", { type: "button", "aria-pressed": "false" }, "Room preview");
  const step = h("p.room-step");
  const focus = h("section.room-focus");
  const screen = h("div.room-screen", {}, h("header.room-head", {}, step), focus);
  const preview = h("figure.room-preview", { "aria-hidden": "true", inert: true }, screen);
  root.append(open, copy, toggle, preview);

  const link = async () => {
    const ack = await live.act("room:link", {});
    return ack.ok ? ack : null;
  };
  open.addEventListener("click", async () => {
    // Opened before the ack arrives: a window opened later is no longer the click's and is blocked.
    const win = window.open("about:blank", "bowtie-room", "popup,width=1280,height=720");
    const ack = await link();
    if (ack && win) win.location.href = new URL(ack.path, location.origin).href;
    else if (win) win.close();
  });
  copy.addEventListener("click", async () => {
    const ack = await link();
    if (!ack) return;
    await navigator.clipboard?.writeText(new URL(ack.path, location.origin).href).catch(() => {});
    ui.toast("Room link copied: open it on the projector's computer", "ok");
  });

  // The preview watches the room on this screen's own connection, as the projector does.
  const watch = async () => {
    if (localStorage.getItem(PREVIEW) !== "on" || live.status !== "online") return;
    const ack = await live.send("room:link", {}, { quiet: true });
    if (!ack.ok) return;
    const watching = await live.send("watch", { workshop_id: live.state.workshop.id, view: ack.view }, { quiet: true });
    if (watching.ok) { live.roomView = watching.state.room; live.changed(); }
  };
  live.addEventListener("status", ({ detail }) => { if (detail === "online") watch(); });
  toggle.addEventListener("click", () => {
    localStorage.setItem(PREVIEW, localStorage.getItem(PREVIEW) === "on" ? "off" : "on");
    watch();
    live.changed();
  });
  setInterval(() => { if (!preview.hidden) tickTimers(focus, live.now()); }, 500);

  return () => {
    const on = localStorage.getItem(PREVIEW) === "on";
    toggle.setAttribute("aria-pressed", String(on));
    preview.hidden = !on || !live.roomView;
    if (preview.hidden) return;
    const room = live.roomView;
    const kind = room.step ? room.step.kind : "lobby";
    step.textContent = stepLine(room.step);
    const code = document.getElementById("control").dataset;
    focus.replaceChildren((STEP_VIEWS[kind] || STEP_VIEWS.lobby)(room, { code: code.code, joinUrl: code.joinUrl }));
    tickTimers(focus, live.now());
  };
}
