// Closing feedback, the workshop's last step: participants rate it (0–10) and say
// in a line what worked and what did not; the control screen shows the running
// net promoter score and satisfaction, and the way to the summary and exports.
import { h } from "../dom.js";

export const reducers = {
  "feedback:given"(state, data) {
    state.feedback = data.feedback;
  },
};

const QUESTION = "How likely would you recommend this workshop format to a colleague?";

export function board(root, live, ui) {
  const scale = h("div.score-scale", { role: "radiogroup", "aria-label": QUESTION });
  const buttons = [];
  let score = null;
  for (let n = 0; n <= 10; n++) {
    const b = h("button.score", { type: "button", role: "radio", "aria-checked": "false", text: String(n) });
    b.addEventListener("click", () => pick(n));
    buttons.push(b);
    scale.append(b);
  }
  const worked = h("input", { name: "worked", maxlength: 280, placeholder: "What worked?", "aria-label": "What worked" });
  const didNotWork = h("input", { name: "did_not_work", maxlength: 280, placeholder: "What did not work?",
    "aria-label": "What did not work" });
  const send = h("button.button", { type: "submit", disabled: true, text: "Send feedback" });
  const thanks = h("p.muted", { role: "status" });
  const form = h("form.stack.feedback-form", {}, h("h2", { text: "Before you go" }), h("p", { text: QUESTION }),
    h("div.score-ends", {}, h("span", { text: "Not at all" }), h("span", { text: "Extremely likely" })),
    scale, worked, didNotWork, send, thanks);
  root.append(form);

  function pick(n) {
    score = n;
    buttons.forEach((b, i) => b.setAttribute("aria-checked", String(i === n)));
    send.disabled = false;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (score === null) return;
    const ack = await live.act("feedback:give", { score, worked: worked.value, did_not_work: didNotWork.value });
    if (ack.ok) {
      live.state.my_feedback = ack.feedback;
      thanks.textContent = "Thank you! You can change your answer until the workshop closes.";
      ui.announce("Feedback sent");
    }
  });

  let filled = false;
  return (state) => {
    root.hidden = state.workshop.phase !== "summary";
    const mine = state.my_feedback;
    if (mine && !filled) {
      filled = true;  // once: never overwrite what the person is typing
      pick(mine.score);
      worked.value = mine.worked;
      didNotWork.value = mine.did_not_work;
      send.textContent = "Update feedback";
    }
  };
}

export function control(root, live) {
  const figures = h("p.feedback-figures", { role: "status" });
  const summaryLink = h("a.button.secondary", { href: `/summary/${live.state?.workshop?.id ?? ""}`, text: "Summary and exports" });
  root.append(h("div.row", {}, h("h2", { text: "Closing feedback" }), summaryLink), figures);
  return (state) => {
    root.hidden = state.workshop.phase !== "summary";
    summaryLink.href = `/summary/${state.workshop.id}`;
    const f = state.feedback || { responses: 0 };
    figures.textContent = f.responses
      ? `${f.responses} answer${f.responses === 1 ? "" : "s"} · net promoter score ${f.nps} · satisfaction ${f.satisfaction} / 10`
      : "No answers yet. Participants see the question on their screens now.";
  };
}
