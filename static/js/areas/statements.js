// Statements (purpose or vision): everyone writes one, the room marks the words
// to keep, the facilitator combines them into one sentence and puts it to an
// 80%-agree poll; the committed sentence is shown in large type on every screen.
// Offsets are Unicode code points (docs/protocol.md, *Statements*); the page's
// strings are UTF-16, so every offset goes through `points` / `units` below.
import { STATEMENTS } from "/facts.js";
import { h, newId, syncList } from "../dom.js";
import { result } from "./polls.js";

const KIND = "statements";
const EMPTY = { writing_open: true, statements_shown: false, marks_shown: false, written: 0, statements: [],
  sentence: { text: "", version: 0 }, poll_id: null, committed: false, my_marks: [] };
const SUBJECT_TITLE = { purpose: "Our purpose", vision: "Our vision" };
const TYPING_PAUSE_MS = 400;

/** The running statements step and its state (defaults before anything happened), or null. */
export function current(state) {
  const agenda = state.agenda || {};
  const step = (agenda.steps || []).find((s) => s.id === agenda.current);
  if (!step || step.kind !== KIND) return null;
  return { step, data: entry(state, step.id, step.settings) };
}

/** "purpose" or "vision": what the running statements step `here` (from `current`) is about. */
export const subjectOf = (here) => here.data.subject || here.step.settings.subject;

function entry(state, stepId, settings = {}) {
  state.statements = state.statements || {};
  if (!state.statements[stepId]) {
    state.statements[stepId] = { ...structuredClone(EMPTY), step_id: stepId, subject: settings.subject, prompt: settings.prompt };
  }
  return state.statements[stepId];
}

function upsert(list, statement) {
  const i = list.findIndex((s) => s.id === statement.id);
  if (i >= 0) list[i] = { ...list[i], ...statement };
  else list.push(statement);
}

export const reducers = {
  "statements:written"(state, { step_id, statement, written }) {
    const s = entry(state, step_id);
    upsert(s.statements, statement);
    s.written = written;
  },
  "statements:writing_changed"(state, { step_id, open }) { entry(state, step_id).writing_open = open; },
  "statements:shown"(state, { step_id, statements }) {
    const s = entry(state, step_id);
    const mine = new Set(s.statements.filter((x) => x.mine).map((x) => x.id));
    s.statements = statements.map((x) => ({ ...x, mine: mine.has(x.id) }));
    s.statements_shown = true;
  },
  "statements:marked"(state, { step_id, heat, ranking }) { Object.assign(entry(state, step_id), { heat, ranking }); },
  "statements:marks_shown"(state, { step_id, heat, ranking }) {
    Object.assign(entry(state, step_id), { marks_shown: true, heat, ranking });
  },
  "statements:my_marks"(state, { step_id, statement_id, marks }) {
    const s = entry(state, step_id);
    s.my_marks = [...(s.my_marks || []).filter((m) => m.statement_id !== statement_id), ...marks];
  },
  "statements:drafted"(state, { step_id, text, version }) { entry(state, step_id).sentence = { text, version }; },
  "statements:polled"(state, { step_id, poll_id }) { entry(state, step_id).poll_id = poll_id; },
  "statements:committed"(state, { step_id, subject, text }) {
    const s = entry(state, step_id);
    Object.assign(s, { committed: true, sentence: { ...s.sentence, text } });
    state[subject] = text;
  },
};

// -- offsets: code points on the wire, UTF-16 in the page ----------------------------------

/** The code point offset of UTF-16 offset `unit` in `text`. */
export const points = (text, unit) => Array.from(text.slice(0, unit)).length;

/** A statement as spans of equal heat (and whether the viewer kept them), for the screen. */
export function statementText(text, heat = [], mine = []) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  for (const [a, b] of heat) { cuts.add(a); cuts.add(b); }
  for (const m of mine) { cuts.add(m.start); cuts.add(m.end); }
  const most = Math.max(1, ...heat.map((r) => r[2]));
  const sorted = [...cuts].filter((c) => c >= 0 && c <= chars.length).sort((a, b) => a - b);
  const body = h("p.statement-text", { dir: "auto" });
  for (let i = 0; i < sorted.length - 1; i++) {
    const [a, b] = [sorted[i], sorted[i + 1]];
    const run = heat.find((r) => r[0] <= a && r[1] >= b);
    const kept = mine.some((m) => m.start <= a && m.end >= b);
    const span = h("span", { dataset: { at: String(a) } }, chars.slice(a, b).join(""));
    if (run) {
      span.dataset.heat = String(Math.ceil((run[2] / most) * 4));
      span.title = `kept by ${run[2]}`;
    }
    if (kept) span.classList.add("kept");
    body.append(span);
  }
  return body;
}

/** The step's committed sentence in large type, or nothing. */
export function committedBanner(state, subject) {
  if (!state[subject]) return [];
  return [h("figure.committed-sentence", { dataset: { subject } },
    h("figcaption", {}, SUBJECT_TITLE[subject]), h("blockquote", { dir: "auto" }, state[subject]))];
}

/** The compact strip of what is committed ("Our vision: …"), but for `except`: the
 * subject of a running statements step, which its large banner shows instead. */
export function whyStrip(state, except = null) {
  const shown = ["purpose", "vision"].filter((k) => state[k] && k !== except);
  return shown.map((k) => h("p.why-line", { dataset: { subject: k } },
    h("strong", {}, `${SUBJECT_TITLE[k]}: `), h("span", { dir: "auto" }, state[k])));
}

/** The code point span of the first `words` in `text` (any case, spaces trimmed), or null. */
export function phraseSpan(text, words) {
  const wanted = words.trim().toLocaleLowerCase();
  const at = wanted ? text.toLocaleLowerCase().indexOf(wanted) : -1;
  if (at < 0) return null;
  return { start: points(text, at), end: points(text, at + wanted.length) };
}

/** The code point span of the selection inside `el`, or null. */
function selectedSpan(el) {
  const sel = document.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
  const range = sel.getRangeAt(0);
  if (!el.contains(range.startContainer) || !el.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(el);
  before.setEnd(range.startContainer, range.startOffset);
  const text = el.textContent;
  const startUnit = before.toString().length;
  const endUnit = startUnit + range.toString().length;
  return { start: points(text, startUnit), end: points(text, endUnit) };
}

function ranked(list, ranking, action) {
  syncList(list, ranking || [], (p) => p.text, (p) => {
    const li = h("li", {}, h("span.phrase", { dir: "auto" }), h("span.phrase-count"));
    if (action) li.append(action(li));
    return li;
  }, (li, p) => {
    li.phrase = p;
    li.querySelector(".phrase").textContent = p.text;
    li.querySelector(".phrase-count").textContent = ` · kept by ${p.count}`;
  });
}

// -- the participant ---------------------------------------------------------------------------

export function board(root, live, ui) {
  const banner = h("div.committed");
  const prompt = h("h2.statements-prompt", { dir: "auto" });
  const box = h("textarea", { id: "my-statement", rows: 3, maxlength: STATEMENTS.statement_max, dir: "auto" });
  const counter = h("span.counter", { "aria-live": "off" });
  const save = h("button.button", { type: "submit" }, "Save my statement");
  const saved = h("p.muted", { role: "status" });
  const form = h("form.stack.statement-form", {}, h("label", { for: "my-statement" }, "Your statement"), box,
    h("div.compose-row", {}, counter, save), saved);
  const all = h("ol.statement-list", { "aria-label": "Everyone's statements, without names" });
  const keep = h("button.button.secondary", { type: "button", disabled: true }, "Keep the selected words");
  const hint = h("p.muted", {}, "Select words in any statement, then keep them. You can keep several and take them back.");
  const pick = h("select", { id: "mark-statement" });
  const words = h("input", { id: "mark-words", autocomplete: "off", maxlength: STATEMENTS.statement_max, dir: "auto" });
  const typed = h("form.mark-form.row", {},
    h("label", { for: "mark-statement" }, "Statement"), pick,
    h("label", { for: "mark-words" }, "Words to keep"), words,
    h("button.button.secondary", { type: "submit" }, "Keep these words"));
  const marking = h("div.marking", {}, hint, keep,
    h("details.mark-by-typing", {}, h("summary", {}, "Or mark by typing the words (keyboard)"), typed));
  const mine = h("ul.my-marks", { "aria-label": "Words you keep" });
  const ranking = h("ol.kept-phrases", { "aria-label": "Most-kept phrases" });
  const rankingBox = h("section.kept-box", {}, h("h3", {}, "Most-kept phrases"), ranking);
  const sentence = h("blockquote.live-sentence", { dir: "auto", "aria-live": "polite" });
  const sentenceBox = h("section.sentence-box", {}, h("h3", {}, "The combined sentence, as it is written"), sentence);
  root.append(banner, prompt, form, marking, all, h("h3.my-marks-head", {}, "Words you keep"), mine, rankingBox, sentenceBox);

  let id = null;
  let filled = false;
  let selection = null;
  const count = () => { counter.textContent = `${Array.from(box.value).length} / ${STATEMENTS.statement_max}`; };
  box.addEventListener("input", count);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!box.value.trim()) return box.focus();
    id = id || newId();
    const ack = await live.act("statements:write", { id, text: box.value });
    if (ack.ok) {
      const here = current(live.state);
      if (here) upsert(here.data.statements, ack.statement);
      saved.textContent = "Saved. You can change it until writing closes.";
      ui.announce("Statement saved");
      live.changed();
    }
  });
  document.addEventListener("selectionchange", () => {
    const el = document.getSelection()?.anchorNode?.parentElement?.closest(".area-statements .statement-text");
    selection = el ? { id: el.closest("li").dataset.key, ...(selectedSpan(el) || {}) } : null;
    keep.disabled = !selection || selection.start === undefined;
  });
  const mark = async (statementId, span) => {
    const ack = await live.act("statements:mark", { id: newId(), statement_id: statementId, ...span });
    if (!ack.ok) return false;
    const here = current(live.state);
    if (here) here.data.my_marks = [...(here.data.my_marks || []), ack.mark];
    ui.announce("Words kept");
    live.changed();
    return true;
  };
  keep.addEventListener("click", async () => {
    if (!selection || selection.start === undefined) return;
    if (await mark(selection.id, { start: selection.start, end: selection.end })) document.getSelection().removeAllRanges();
  });
  typed.addEventListener("submit", async (e) => {
    e.preventDefault();
    const statement = current(live.state)?.data.statements.find((s) => s.id === pick.value);
    const span = statement && phraseSpan(statement.text, words.value);
    if (!span) {
      ui.toast("Those words are not in that statement.");
      return words.focus();
    }
    if (await mark(statement.id, span)) words.value = "";
  });

  return (state) => {
    const here = current(state);
    root.hidden = !here;
    if (!here) return;
    const { step, data } = here;
    banner.replaceChildren(...committedBanner(state, subjectOf(here)));
    prompt.textContent = data.prompt || step.settings.prompt;
    const own = data.statements.find((s) => s.mine);
    if (own && !filled) {
      filled = true;  // once: never overwrite what the person is typing
      id = own.id;
      box.value = own.text;
    }
    count();
    form.hidden = !data.writing_open;
    save.textContent = own ? "Update my statement" : "Save my statement";
    marking.hidden = !data.statements_shown || data.committed;
    const texts = Object.fromEntries(data.statements.map((s) => [s.id, s.text]));
    if (data.statements_shown) {
      syncList(pick, data.statements, (s) => s.id, () => h("option"), (o, s) => {
        o.value = s.id;
        o.textContent = s.text;
      });
    }
    const shownAll = data.statements_shown ? data.statements : data.statements.filter((s) => s.mine);
    syncList(all, shownAll, (s) => s.id, () => h("li.statement"), (li, s) => {
      const marks = (data.my_marks || []).filter((m) => m.statement_id === s.id);
      const heat = data.marks_shown ? (data.heat || {})[s.id] : [];
      const signature = JSON.stringify([s.text, heat, marks, s.mine]);
      if (li.dataset.signature === signature) return;
      li.dataset.signature = signature;
      li.replaceChildren(statementText(s.text, heat, marks), ...(s.mine ? [h("span.muted", {}, "yours")] : []));
    });
    const myMarks = data.my_marks || [];
    mine.previousElementSibling.hidden = !myMarks.length;
    syncList(mine, myMarks, (m) => m.id, (m) => {
      const words = Array.from(texts[m.statement_id] || "").slice(m.start, m.end).join("");
      const back = h("button.link", { type: "button", "aria-label": `Take back “${words}”` }, "Take back");
      back.addEventListener("click", async () => {
        const ack = await live.act("statements:unmark", { id: m.id });
        if (!ack.ok) return;
        const now = current(live.state);
        if (now) now.data.my_marks = now.data.my_marks.filter((x) => x.id !== m.id);
        live.changed();
      });
      return h("li", {}, h("span", { dir: "auto" }, words), " ", back);
    });
    rankingBox.hidden = !data.marks_shown;
    if (data.marks_shown) ranked(ranking, data.ranking);
    sentenceBox.hidden = !data.sentence.text || data.committed;
    sentence.textContent = data.sentence.text;
  };
}

// -- the facilitator -------------------------------------------------------------------------

export function control(root, live, ui) {
  const banner = h("div.committed");
  const prompt = h("h2.statements-prompt", { dir: "auto" });
  const figures = h("p.statements-figures", { role: "status" });
  const writing = h("button.button.secondary", { type: "button" });
  const showStatements = h("button.button.secondary", { type: "button" }, "Show the statements");
  const showMarks = h("button.button.secondary", { type: "button" }, "Show the marks");
  const all = h("ol.statement-list", { "aria-label": "The statements, with the words kept" });
  const ranking = h("ol.kept-phrases", { "aria-label": "Most-kept phrases" });
  const editor = sentenceEditor(live, ui);
  root.append(banner, prompt, figures, h("div.row", {}, writing, showStatements, showMarks), all,
    h("section.kept-box", {}, h("h3", {}, "Most-kept phrases"), ranking), editor);
  let data = null;
  writing.addEventListener("click", () => live.act("statements:writing", { open: !data.writing_open }));
  showStatements.addEventListener("click", () => live.act("statements:show", { what: "statements" }));
  showMarks.addEventListener("click", () => live.act("statements:show", { what: "marks" }));

  return (state) => {
    const here = current(state);
    root.hidden = !here;
    if (!here) return;
    data = here.data;
    banner.replaceChildren(...committedBanner(state, subjectOf(here)));
    prompt.textContent = data.prompt || here.step.settings.prompt;
    const kept = (data.ranking || []).reduce((n, p) => n + p.count, 0);
    figures.textContent = `${data.written} statement${data.written === 1 ? "" : "s"} written`
      + `${data.writing_open ? "" : " · writing closed"}${kept ? ` · ${data.ranking.length} phrase${data.ranking.length === 1 ? "" : "s"} kept` : ""}`;
    // Once committed the step is done: nothing left to open, close or show.
    writing.textContent = data.writing_open ? "Close writing" : "Reopen writing";
    writing.hidden = data.committed;
    showStatements.hidden = data.statements_shown || data.committed;
    showMarks.hidden = !data.statements_shown || data.marks_shown || data.committed;
    syncList(all, data.statements, (s) => s.id, () => h("li.statement"), (li, s) => {
      const heat = (data.heat || {})[s.id] || [];
      const signature = JSON.stringify([s.text, heat]);
      if (li.dataset.signature === signature) return;
      li.dataset.signature = signature;
      li.replaceChildren(statementText(s.text, heat));
    });
    ranked(ranking, data.ranking, (li) => {
      const add = h("button.link", { type: "button" }, "Add to the sentence");
      add.addEventListener("click", () => editor.pull(li.phrase.text));
      return add;
    });
    for (const add of ranking.querySelectorAll("button")) add.hidden = data.committed;
    editor.update(state, here);
  };
}

/** The combined sentence's editor: sent as typed (after a pause) over the version it
 * was typed on; a refusal as stale shows both texts instead of overwriting either. The
 * draft waits in localStorage until acknowledged, so a reconnect loses no keystrokes. */
function sentenceEditor(live, ui) {
  const box = h("textarea", { id: "combined-sentence", rows: 3, maxlength: STATEMENTS.sentence_max, dir: "auto" });
  const version = h("span.muted.sentence-version");
  const theirs = h("blockquote", { dir: "auto" });
  const useTheirs = h("button.button.secondary", { type: "button" }, "Use their text");
  const keepMine = h("button.button", { type: "button" }, "Keep mine");
  const conflict = h("div.sentence-conflict", { role: "alert", hidden: true },
    h("p", {}, "Another facilitator changed the sentence while you typed. Theirs:"), theirs, h("div.row", {}, useTheirs, keepMine));
  const poll = h("button.button", { type: "button" }, "Put the sentence to the 80% poll");
  const outcome = h("div.sentence-outcome");
  const node = h("section.sentence-editor.stack", {}, h("label", { for: "combined-sentence" }, "The combined sentence"),
    box, version, conflict, h("div.row", {}, poll), outcome);
  let stepId = null;
  let base = 0;
  let timer = null;
  let inFlight = false;
  let latest = null;  // the server's {text, version}
  const key = () => `bowtie:sentence:${stepId}`;
  const stash = () => localStorage.setItem(key(), JSON.stringify({ text: box.value, base }));

  async function send() {
    clearTimeout(timer);
    if (inFlight || !conflict.hidden) return;
    inFlight = true;
    const typed = box.value;
    const ack = await live.send("statements:sentence", { text: typed, version: base });
    inFlight = false;
    if (ack.ok) {
      base = ack.sentence.version;
      if (box.value === typed) localStorage.removeItem(key());
      else send();
    } else if (ack.error.code === "conflict" && ack.error.current) {
      latest = ack.error.current;
      theirs.textContent = latest.text;
      conflict.hidden = false;
      ui.announce("Conflict: another facilitator changed the sentence");
    } else ui.toast(ack.error.message);
    version.textContent = `Version ${base}`;
  }
  box.addEventListener("input", () => {
    stash();
    clearTimeout(timer);
    timer = setTimeout(send, TYPING_PAUSE_MS);
  });
  useTheirs.addEventListener("click", () => {
    box.value = latest.text;
    base = latest.version;
    conflict.hidden = true;
    localStorage.removeItem(key());
  });
  keepMine.addEventListener("click", () => {
    base = latest.version;
    conflict.hidden = true;
    send();
  });
  poll.addEventListener("click", async () => {
    if (timer || inFlight) await send();
    live.act("statements:poll", { poll_id: newId() });
  });
  node.pull = (phrase) => {
    box.value = box.value.trim() ? `${box.value.trim()} ${phrase}` : phrase;
    box.dispatchEvent(new Event("input"));
    box.focus();
  };
  node.update = (state, { step, data }) => {
    if (stepId !== step.id) {
      stepId = step.id;
      const kept = JSON.parse(localStorage.getItem(key()) || "null");
      base = data.sentence.version;
      box.value = data.sentence.text;
      if (kept && kept.text !== data.sentence.text) {  // typed before a reload or a lost connection
        box.value = kept.text;
        base = kept.base;
        send();
      }
    }
    const sent = data.sentence;
    // Another screen's edit: follow it, unless this one holds unsent words.
    if (sent.version > base && !timer && !inFlight && conflict.hidden && !localStorage.getItem(key())) {
      base = sent.version;
      if (box.value !== sent.text) box.value = sent.text;
    }
    version.textContent = `Version ${base}`;
    box.readOnly = data.committed;
    const polls = state.discussion?.polls || [];
    const mine = polls.find((p) => p.id === data.poll_id);
    const open = mine && mine.rounds.some((r) => r.open);
    poll.hidden = data.committed || open;
    poll.textContent = mine ? "Ask again with this sentence" : "Put the sentence to the 80% poll";
    const last = mine && [...mine.rounds].reverse().find((r) => !r.open);
    if (last && outcome.dataset.round !== last.id) {
      outcome.dataset.round = last.id;
      outcome.replaceChildren(h("h3", {}, `Round ${last.number}: ${last.proposal}`), result(last));
    }
    outcome.hidden = !last;
  };
  return node;
}
