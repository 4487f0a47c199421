// 80% agree, 100% commit. The facilitator puts a proposal to the room; each
// participant gives an agreement level (0–100 in tens) and, below 80, a reason.
// Answers stay hidden until close; then the result, the distribution and the
// sticking points go to everyone. A proposal can be reworded and asked again.
import { AGREE, COMMIT, LEVELS } from "/facts.js";
import { h, newId, syncList } from "../dom.js";
import { presentCount } from "./here.js";

function upsertPoll(state, poll) {
  const d = state.discussion;
  const i = d.polls.findIndex((p) => p.id === poll.id);
  if (i >= 0) d.polls[i] = poll;
  else d.polls.push(poll);
  d.decisions = d.polls.flatMap((p) => p.rounds.filter((r) => r.result === COMMIT).map((r) => ({
    poll_id: p.id, round_id: r.id, proposal: r.proposal, topic_id: p.topic_id, cluster_id: p.cluster_id,
    round: r.number, decided_at: r.closed_at, answered: r.answered, distribution: r.distribution })));
}

export const reducers = {
  "poll:opened"(state, { poll }) { upsertPoll(state, poll); },
  "poll:closed"(state, { poll }) { upsertPoll(state, poll); },
  "poll:answered"(state, { poll_id, round_id, answered }) {
    const poll = state.discussion.polls.find((p) => p.id === poll_id);
    const round = poll && poll.rounds.find((r) => r.id === round_id);
    if (round) round.answered = answered;
  },
};

const shown = (state) => ["discuss", "decide"].includes(state.workshop.phase) || Boolean(openRound(state));

export function openRound(state) {
  for (const poll of state.discussion.polls) {
    const round = poll.rounds.find((r) => r.open);
    if (round) return { poll, round };
  }
  return null;
}

const latestPoll = (state) => state.discussion.polls[state.discussion.polls.length - 1];

// -- results, on both screens -----------------------------------------------

/** The distribution as CSS bars: one per level, its height the share of answers. */
export function chart(distribution) {
  const most = Math.max(1, ...LEVELS.map((l) => distribution[String(l)] || 0));
  return h("figure.distribution", {}, h("ol.bars", { "aria-label": `Answers by agreement: ${answersText(distribution)}` },
    ...LEVELS.map((level) => {
      const n = distribution[String(level)] || 0;
      const bar = h("span.bar", { "aria-hidden": "true" });
      bar.style.height = `${(n / most) * 100}%`;
      return h("li", { dataset: { level: String(level), agree: level >= AGREE ? "yes" : "no" } },
        h("span.bar-count", {}, n ? String(n) : ""), h("span.bar-track", {}, bar), h("span.bar-label", {}, `${level}`));
    })), h("figcaption.muted", {}, "Agreement (%) and how many answered so far"));
}

/** "2 at 70%, 5 at 90%": the distribution read out, for screen readers. */
export function answersText(distribution) {
  const given = LEVELS.filter((l) => distribution[String(l)]);
  return given.map((l) => `${distribution[String(l)]} at ${l}%`).join(", ") || "none";
}

/** Why a closed round committed or not, as everyone reads it. */
export function verdict(round) {
  if (round.result === COMMIT) return `Everyone who answered is at ${AGREE}% or more.`;
  if (round.answered === 0) return "Nobody answered.";
  if (!round.quorum_reached) return `Only ${round.answered} answered; ${round.needed} were needed.`;
  return `Not everyone is at ${AGREE}% yet.`;
}

export function result(round) {
  const commit = round.result === COMMIT;
  const why = verdict(round);
  const sticking = round.sticking.length ? h("div.sticking", {}, h("h4", {}, "Sticking points"),
    h("ul", {}, ...round.sticking.map((s) => h("li", {}, h("strong", {}, `${s.level}%`),
      s.name ? ` ${s.name}: ` : " ", s.reason)))) : null;
  return h("div.poll-result", { dataset: { result: round.result } },
    h("p.verdict", {}, commit ? "Commit" : "Not yet"), h("p.muted", {}, why), chart(round.distribution), sticking);
}

// -- participant ---------------------------------------------------------------

export function board(root, live, ui) {
  const proposal = h("p.proposal");
  const [lowest, highest] = [LEVELS[0], LEVELS[LEVELS.length - 1]];
  const slider = h("input.agree-slider", { type: "range", min: lowest, max: highest, step: LEVELS[1] - LEVELS[0],
    value: AGREE, id: "agree-level", "aria-label": `How far do you agree? (${lowest} to ${highest}%)` });
  const value = h("output.agree-value", { for: "agree-level" });
  const buttons = h("div.agree-buttons", { role: "group", "aria-label": "Agreement level" },
    ...LEVELS.map((level) => h("button.level", { type: "button", dataset: { level: String(level) } }, `${level}%`)));
  const reason = h("textarea", { id: "agree-reason", rows: 2, maxlength: 500,
    placeholder: `What would bring you to ${AGREE}%?` });
  const reasonBox = h("div.reason", {}, h("label", { for: "agree-reason" }, `Below ${AGREE}% a short reason is required`), reason);
  const send = h("button.button", { type: "submit" }, "Send my answer");
  const mine = h("p.my-answer", { "aria-live": "polite" });
  const form = h("form.agree-form", {}, h("h2", {}, "How far do you agree?"), proposal,
    h("div.agree-row", {}, slider, value), buttons, reasonBox, h("div.compose-row", {}, mine, send));
  const closed = h("div.poll-closed");
  root.append(form, closed);
  let round = null;
  let shownRound = null;
  const setLevel = (level) => {
    slider.value = String(level);
    value.textContent = `${level}%`;
    slider.setAttribute("aria-valuetext", `${level}%`);
    for (const b of buttons.children) b.setAttribute("aria-pressed", String(Number(b.dataset.level) === level));
    reasonBox.hidden = level >= AGREE;
    reason.required = level < AGREE;
  };
  slider.addEventListener("input", () => setLevel(Number(slider.value)));
  buttons.addEventListener("click", (e) => {
    const b = e.target.closest("button.level");
    if (b) setLevel(Number(b.dataset.level));
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const level = Number(slider.value);
    if (level < AGREE && !reason.value.trim()) { reason.focus(); return ui.toast(`Below ${AGREE}% please say why, briefly.`); }
    const ack = await live.act("poll:answer", { round_id: round.id, level, reason: level < AGREE ? reason.value : "" });
    if (!ack.ok) return;
    live.state.discussion.my_answers[round.id] = { level: ack.answer.level, reason: ack.answer.reason };
    ui.announce(`Answer sent: ${level}%`);
    live.changed();
  });
  return (state) => {
    root.hidden = !shown(state);
    if (root.hidden) return;
    const open = openRound(state);
    form.hidden = !open;
    if (open) {
      round = open.round;
      proposal.textContent = round.proposal;
      const given = state.discussion.my_answers[round.id];
      if (shownRound !== round.id) {
        setLevel(given ? given.level : AGREE);
        reason.value = given ? given.reason : "";
        shownRound = round.id;
      }
      send.textContent = given ? "Change my answer" : "Send my answer";
      mine.textContent = given ? `You answered ${given.level}%. You can change it until the poll closes.` : "";
    }
    const last = latestPoll(state);
    const lastClosed = last && [...last.rounds].reverse().find((r) => !r.open);
    closed.hidden = Boolean(open) || !lastClosed;
    root.hidden = !open && !lastClosed;
    if (!closed.hidden && closed.dataset.round !== `${lastClosed.id}`) {
      closed.dataset.round = lastClosed.id;
      closed.replaceChildren(h("h2", {}, "Result"), h("p.proposal", {}, lastClosed.proposal), result(lastClosed));
    }
  };
}

// -- facilitator -----------------------------------------------------------------

export function control(root, live) {
  const ask = askForm(live);
  const running = h("div.poll-open");
  const history = h("div.poll-history");
  const decisions = h("ol.decisions");
  root.append(h("header.panel-head", {}, h("h2", {}, `${AGREE}% agree, 100% commit`)), ask, running, history,
    h("h3", {}, "Decisions"), decisions);
  const answered = h("p.answered", { "aria-live": "polite" });
  const close = h("button.button", { type: "button" }, "Close the poll");
  const openProposal = h("p.proposal");
  running.append(openProposal, answered, close);
  let openId = null;
  close.addEventListener("click", () => live.act("poll:close", { round_id: openId }));
  return (state) => {
    root.hidden = !shown(state);
    if (root.hidden) return;
    const open = openRound(state);
    ask.update(state, Boolean(open));
    running.hidden = !open;
    if (open) {
      openId = open.round.id;
      openProposal.textContent = `Round ${open.round.number}: ${open.round.proposal}`;
      const present = presentCount(state); // the quorum's "present": here in this step, not every connection
      answered.textContent = `${open.round.answered} of ${present} present answered`;
    }
    const polls = [...state.discussion.polls].reverse();
    syncList(history, polls, (p) => p.id, (p) => pollHistory(p, live), (node, p) => node.update(p, Boolean(open)));
    syncList(decisions, state.discussion.decisions, (d) => d.round_id, (d) => h("li", {}, d.proposal));
    decisions.previousElementSibling.hidden = !state.discussion.decisions.length;
  };
}

function askForm(live) {
  const text = h("textarea", { id: "poll-proposal", rows: 2, maxlength: 1000, placeholder: "The proposal, in one or two sentences" });
  const quorum = h("input", { type: "number", id: "poll-quorum", min: 0, max: 100, step: 5, value: 50 });
  const anonymous = h("input", { type: "checkbox", id: "poll-anonymous", checked: true });
  // The topic the proposal is filed under, shown and chosen: the open topic unless the facilitator picks another.
  const about = h("select", { id: "poll-topic" });
  const button = h("button.button", { type: "submit" }, "Ask the room");
  const form = h("form.ask-form.stack", {}, h("label", { for: "poll-proposal" }, "Put a proposal to the room"), text,
    h("div.row", {}, h("label.inline", { for: "poll-topic" }, "Topic", about),
      h("label.inline", { for: "poll-quorum" }, "Quorum (% of those present)", quorum),
      h("label.switch", { for: "poll-anonymous" }, anonymous, h("span", {}, "Anonymous reasons")), button));
  let topics = [];
  let openTopic = null; // the open topic the choice last followed
  about.addEventListener("change", () => { openTopic = undefined; }); // chosen by hand: stays
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!text.value.trim()) return text.focus();
    const topic = topics.find((t) => t.id === about.value) || null;
    const ack = await live.act("poll:open", { id: newId(), proposal: text.value, quorum: Number(quorum.value) / 100,
      anonymous: anonymous.checked, topic_id: topic ? topic.id : null, cluster_id: topic ? topic.cluster_id : null });
    if (ack.ok) {
      text.value = "";
      openTopic = null;
    }
  });
  form.update = (state, busy) => {
    topics = state.discussion.topics;
    const options = [{ id: "", title: "No topic" }, ...topics];
    syncList(about, options, (t) => t.id || "none", () => h("option"), (node, t) => {
      node.value = t.id;
      node.textContent = t.title;
    });
    const current = (state.discussion.current_topic_id && topics.some((t) => t.id === state.discussion.current_topic_id))
      ? state.discussion.current_topic_id : "";
    if (openTopic !== undefined && openTopic !== current) {
      about.value = current;
      openTopic = current;
    }
    form.hidden = busy;
  };
  return form;
}

// The newest round leads; the rounds before it fold away under "Earlier rounds".
function pollHistory(poll, live) {
  const rounds = h("ol.rounds");
  const earlier = h("ol.rounds");
  const earlierLabel = h("summary");
  const earlierBox = h("details.earlier-rounds", {}, earlierLabel, earlier);
  const again = h("textarea", { rows: 2, maxlength: 1000 });
  const button = h("button.button.secondary", { type: "submit" }, "Ask again");
  const reword = h("form.reword.stack", {}, h("label", {}, "Reword and ask again", again), button);
  reword.addEventListener("submit", (e) => {
    e.preventDefault();
    if (again.value.trim()) live.act("poll:reword", { poll_id: poll.id, proposal: again.value });
  });
  const node = h("section.poll", {}, rounds, reword, earlierBox);
  let last = null;
  node.update = (p, busy) => {
    const closed = p.rounds.filter((r) => !r.open).reverse();
    const round = (r) => h("li.round", {}, h("p.proposal", {}, `Round ${r.number}: ${r.proposal}`), result(r));
    syncList(rounds, closed.slice(0, 1), (r) => r.id, round);
    syncList(earlier, closed.slice(1), (r) => r.id, round);
    earlierBox.hidden = closed.length < 2;
    earlierLabel.textContent = `Earlier rounds (${closed.length - 1})`;
    const latest = p.rounds[p.rounds.length - 1];
    reword.hidden = busy || p.committed || latest.open;
    // Filled once per round, when it closes: the last proposal, to reword rather than retype.
    if (!reword.hidden && last !== latest.id) {
      again.value = latest.proposal;
      last = latest.id;
    }
  };
  return node;
}
