// Strategic pillars: the facilitator shapes three to six (by hand, or from the
// clusters of the step this one works on); everyone adds snippets live (short
// phrases, merged by the server when they repeat); each pillar can be put to an
// 80%-agree poll. The limits come from /facts.js.
import { COMMIT, PILLAR_LIMITS } from "/facts.js";
import { h, newId, syncList } from "../dom.js";
import { nowAndNext } from "./agenda.js";

export const reducers = {
  "pillars:changed"(state, { pillars }) { state.pillars = pillars; },
  "snippet:added"(state, { pillar_id, snippet }) {
    const pillar = (state.pillars || []).find((p) => p.id === pillar_id);
    if (!pillar) return;
    pillar.snippets = [...pillar.snippets.filter((s) => s.id !== snippet.id), snippet];
    sortSnippets(pillar.snippets);
  },
  "snippet:removed"(state, { pillar_id, snippet_id }) {
    const pillar = (state.pillars || []).find((p) => p.id === pillar_id);
    if (pillar) pillar.snippets = pillar.snippets.filter((s) => s.id !== snippet_id);
  },
};

// -- pure helpers (tests/js/pillars.test.js) -------------------------------------

/** Most-added first; among equals, in the order they came (as the server lists them). */
export function sortSnippets(snippets) {
  return snippets.sort((a, b) => b.count - a.count);
}

/** The running step when it is of `kind`, else null. */
export function runningOf(state, kind) {
  const step = nowAndNext(state.agenda).now;
  return step && step.kind === kind ? step : null;
}

/** The pillars of one step, in their order. */
export const pillarsOf = (state, stepId) => (state.pillars || []).filter((p) => p.step_id === stepId);

/** Where a pillar's poll stands: none, open, committed or "not yet". */
export function pollStatus(state, pillar) {
  const poll = pillar.poll_id && (state.discussion?.polls || []).find((p) => p.id === pillar.poll_id);
  if (!poll) return { key: "none", text: "" };
  if (poll.rounds.some((r) => r.result === COMMIT)) return { key: "committed", text: "Committed" };
  if (poll.rounds.some((r) => r.open)) return { key: "open", text: "Poll open" };
  return { key: "not_yet", text: "Not yet: reword and ask again" };
}

/** "2 of 3–6 pillars". */
export const countText = (n) => `${n} of ${PILLAR_LIMITS.min}–${PILLAR_LIMITS.max} pillars`;

// -- shared views ------------------------------------------------------------------

function snippetForm(live, pillar, ui) {
  const id = `snippet-${pillar.id}`;
  const input = h("input", { id, name: "snippet", maxlength: PILLAR_LIMITS.snippet_max, autocomplete: "off",
    placeholder: "a short phrase" });
  const form = h("form.snippet-form.row", {}, h("label.sr-only", { for: id }, `A snippet for ${pillar.name}`),
    input, h("button.button.secondary", { type: "submit" }, "Add"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return input.focus();
    const ack = await live.act("snippet:add", { id: newId(), pillar_id: pillar.id, text });
    if (ack.ok) {
      input.value = "";
      ui.announce(`Snippet added to ${pillar.name}`);
    }
  });
  return form;
}

function snippetChip(live, removable) {
  const text = h("span.snippet-text");
  const count = h("span.snippet-count");
  const chip = h("li.snippet", {}, text, count);
  const remove = removable ? h("button.snippet-remove", { type: "button" }, "×") : null;
  if (remove) {
    remove.addEventListener("click", () => live.act("snippet:remove", { snippet_id: chip.dataset.key }));
    chip.append(remove);
  }
  chip.update = (s) => {
    text.textContent = s.text;
    count.textContent = s.count > 1 ? ` ×${s.count}` : "";
    remove?.setAttribute("aria-label", `Remove the snippet ${s.text}`);
  };
  return chip;
}

/** The statements of the statements step a pillars step works on (the Offsite's vision), or none. */
export function sourceStatements(state, step) {
  return ((state.statements || {})[step.works_on] || {}).statements || [];
}

/** What a link points at, in words: the statement's, cluster's or card's own text where this screen has it. */
export function sourceText(link, state, statements) {
  const found = link.kind === "statement" ? statements.find((s) => s.id === link.id)
    : link.kind === "cluster" ? (state.clusters || []).find((c) => c.id === link.id)
      : (state.cards || []).find((c) => c.id === link.id);
  const words = found ? (found.text ?? found.name) : null;
  const kind = { statement: "the statement", cluster: "the cluster", card: "the card" }[link.kind] || link.kind;
  return words ? `From ${kind} “${words}”` : `From ${kind} (not on this screen)`;
}

function linkedSource(live, pillar) {
  const text = h("span");
  const unlink = h("button.button.secondary", { type: "button" }, "Unlink");
  const li = h("li.row.pillar-source", {}, text, unlink);
  unlink.addEventListener("click", () => live.act("pillar:unlink",
    { pillar_id: pillar.id, kind: li.link.kind, source_id: li.link.id }));
  li.update = (link, words) => {
    li.link = link;
    text.textContent = words;
    unlink.setAttribute("aria-label", `Unlink: ${words}`);
  };
  return li;
}

/** The facilitator's "came from" control: link the pillar to a statement it grew out of, or unlink a source. */
function linkForm(live, pillar) {
  const id = `link-${pillar.id}`;
  const pick = h("select", { id });
  const form = h("form.pillar-link.row", {}, h("label", { for: id }, "Came from the statement"), pick,
    h("button.button.secondary", { type: "submit" }, "Link"));
  const linked = h("ul.pillar-sources", { "aria-label": `Where ${pillar.name} came from` });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (pick.value) live.act("pillar:link", { pillar_id: pillar.id, kind: "statement", source_id: pick.value });
  });
  const node = h("div.stack", {}, linked, form);
  node.update = (p, statements, state) => {
    node.hidden = !statements.length && !p.links.length;
    syncList(linked, p.links, (l) => `${l.kind}:${l.id}`, () => linkedSource(live, p),
      (li, l) => li.update(l, sourceText(l, state, statements)));
    const open = statements.filter((s) => !p.links.some((l) => l.kind === "statement" && l.id === s.id));
    syncList(pick, open, (s) => s.id, () => h("option"), (o, s) => { o.value = s.id; o.textContent = s.text; });
    form.hidden = !open.length;
  };
  return node;
}

function pillarCard(pillar, live, ui, facilitator) {
  const name = h("h3.pillar-name");
  const about = h("p.pillar-description");
  const status = h("p.pillar-status");
  const snippets = h("ul.snippets", { "aria-label": `Snippets of ${pillar.name}` });
  const tools = h("div.row.pillar-tools");
  const node = h("li.pillar", {}, name, about, snippets, snippetForm(live, pillar, ui), status, tools);
  if (facilitator) {
    const poll = h("button.button.secondary", { type: "button" }, "Put to a poll");
    const remove = h("button.button.secondary", { type: "button" }, "Remove");
    poll.addEventListener("click", () => live.act("pillar:poll", { pillar_id: pillar.id, poll_id: newId() }));
    remove.addEventListener("click", () => live.act("pillar:remove", { pillar_id: pillar.id }));
    tools.append(poll, remove);
    node.poll = poll;
    node.links = linkForm(live, pillar);
    node.append(node.links);
  }
  node.update = (p, state) => {
    name.textContent = p.name;
    about.textContent = p.description;
    about.hidden = !p.description;
    const { key, text } = pollStatus(state, p);
    node.dataset.poll = key;
    status.textContent = text;
    status.hidden = !text;
    if (node.poll) node.poll.hidden = Boolean(p.poll_id);
    if (node.links) {
      const step = (state.agenda?.steps || []).find((s) => s.id === p.step_id);
      node.links.update(p, step ? sourceStatements(state, step) : [], state);
    }
    syncList(snippets, p.snippets, (s) => s.id, () => snippetChip(live, facilitator), (chip, s) => chip.update(s));
  };
  return node;
}

// -- participant ---------------------------------------------------------------------

export function board(root, live, ui) {
  const list = h("ul.pillars");
  const empty = h("p.muted", {}, "The facilitator is writing the pillars. Snippets can be added as soon as they appear.");
  root.append(h("h2", {}, "Strategic pillars"), h("p", {}, "What does each pillar mean to you? Add short phrases."),
    empty, list);
  return (state) => {
    const step = runningOf(state, "pillars");
    root.hidden = !step;
    if (!step) return;
    const mine = pillarsOf(state, step.id);
    empty.hidden = mine.length > 0;
    syncList(list, mine, (p) => p.id, (p) => pillarCard(p, live, ui, false), (node, p) => node.update(p, state));
  };
}

// -- facilitator ---------------------------------------------------------------------

export function control(root, live, ui) {
  const name = h("input", { id: "pillar-name", maxlength: PILLAR_LIMITS.name_max, required: true,
    placeholder: "e.g. Enable our people" });
  const about = h("textarea", { id: "pillar-description", rows: 2, maxlength: PILLAR_LIMITS.description_max,
    placeholder: "What the pillar means and why it matters" });
  const form = h("form.pillar-form.stack", {},
    h("label", { for: "pillar-name" }, "Pillar name"), name,
    h("label", { for: "pillar-description" }, "Description"), about,
    h("div.row", {}, h("button.button", { type: "submit" }, "Add pillar")));
  const fromClusters = h("button.button.secondary", { type: "button" }, "Turn the clusters into pillars");
  const count = h("p.pillar-count", { "aria-live": "polite" });
  const list = h("ul.pillars");
  root.append(h("header.panel-head", {}, h("h2", {}, "Strategic pillars"), count), form, fromClusters, list);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!name.value.trim()) return name.focus();
    const ack = await live.act("pillar:add", { id: newId(), name: name.value, description: about.value });
    if (ack.ok) {
      name.value = "";
      about.value = "";
      ui.announce(`Pillar ${ack.pillar.name} added`);
    }
  });
  fromClusters.addEventListener("click", () => live.act("pillar:from_clusters", {}));
  return (state) => {
    const step = runningOf(state, "pillars");
    root.hidden = !step;
    if (!step) return;
    const mine = pillarsOf(state, step.id);
    count.textContent = countText(mine.length);
    form.hidden = mine.length >= PILLAR_LIMITS.max;
    // Only a cluster step has clusters to turn into pillars (the Offsite's pillars work on the vision).
    const source = (state.agenda?.steps || []).find((s) => s.id === step.works_on);
    fromClusters.hidden = source?.kind !== "cluster";
    syncList(list, mine, (p) => p.id, (p) => pillarCard(p, live, ui, true), (node, p) => node.update(p, state));
  };
}
