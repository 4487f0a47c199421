// The control screen's way to the projector: the room view, opened with a view
// pass (room:link), never with the facilitator key this screen holds.
import { h } from "../dom.js";

export const reducers = {};

export function control(root, live, ui) {
  const open = h("button.button", { type: "button" }, "Open the room view");
  const copy = h("button.button.secondary", { type: "button" }, "Copy the room link");
  root.append(open, copy);
  const link = async () => {
    const ack = await live.act("room:link", {});
    return ack.ok ? new URL(ack.path, location.origin).href : null;
  };
  open.addEventListener("click", async () => {
    // Opened before the ack arrives: a window opened later is no longer the click's and is blocked.
    const win = window.open("about:blank", "bowtie-room", "popup,width=1280,height=720");
    const href = await link();
    if (href && win) win.location.href = href;
    else if (win) win.close();
  });
  copy.addEventListener("click", async () => {
    const href = await link();
    if (!href) return;
    await navigator.clipboard?.writeText(href).catch(() => {});
    ui.toast("Room link copied: open it on the projector's computer", "ok");
  });
  return () => {};
}
