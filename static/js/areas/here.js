// Being here (docs/protocol.md, "being here"): an open connection is not a person.
// A participant counts as present for a poll's quorum and the Elmo threshold once
// they acted in the running step or pressed "I'm here"; the control screen shows
// "present n of connected m" and can ask the room who is here.
import { h } from "../dom.js";

export const reducers = {
  "presence:here"(state, { participant_id: id, step_id: step }) {
    if ((state.here_step ?? null) !== (step ?? null)) {
      state.here = [];
      state.here_step = step ?? null;
    }
    if (!state.here.includes(id)) state.here.push(id);
  },
  "presence:asked"(state, { step_id: step, asked_at: at }) {
    state.presence_asked = { step: step ?? null, at };
  },
};

/** The ids here in the running step (the list a snapshot or event gave may be an earlier step's). */
export function hereNow(state) {
  const running = state.agenda?.current ?? null;
  return (state.here_step ?? null) === running ? state.here || [] : [];
}

/** How many count as present: here in the running step and connected. */
export function presentCount(state) {
  const online = new Set(state.online || []);
  return hereNow(state).filter((id) => online.has(id)).length;
}

/** "Present 3 of connected 5": here and connected, out of connected. */
export function presentText(state) {
  return `Present ${presentCount(state)} of connected ${new Set(state.online || []).size}`;
}

export function board(root, live, ui) {
  const asked = h("span.here-asked", { text: "The facilitator asks who is here." });
  const button = h("button.button.here-button", { type: "button", text: "I'm here" });
  const prompt = h("p.here-prompt", {}, h("span", { text: "Counted in votes and polls: let the room know you are here." }));
  root.append(h("div.here-bar.row", { role: "group", "aria-label": "Presence" }, asked, prompt, button));
  button.addEventListener("click", async () => {
    button.disabled = true;
    const ack = await live.act("presence:confirm");
    button.disabled = false;
    if (ack?.ok) {
      const state = live.state;
      reducers["presence:here"](state, { participant_id: state.me.id, step_id: ack.step_id });
      live.changed();
      ui.announce("You are counted as here");
    }
  });
  return (state) => {
    const running = state.agenda?.current ?? null;
    root.hidden = !running || !state.me || hereNow(state).includes(state.me.id);
    asked.hidden = !(state.presence_asked && state.presence_asked.step === running);
  };
}

export function control(root, live, ui) {
  const figure = h("p.here-count", { role: "status" });
  const check = h("button.button.secondary", { type: "button", text: "Ask who is here" });
  check.addEventListener("click", async () => {
    const ack = await live.act("presence:check");
    if (ack?.ok) ui.announce("Participants not yet counted see “I'm here” again");
  });
  root.append(h("div.row.here-control", {}, figure, check));
  return (state) => {
    root.hidden = !state.agenda?.current;
    figure.textContent = presentText(state);
  };
}
