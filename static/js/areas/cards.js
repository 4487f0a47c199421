// Cards: the participant's board (write, edit, delete) and every group's board
// on the control screen, live.
import { CARD_MAX, GROUP_PHASES } from "/facts.js";
import { h, newId, syncList } from "../dom.js";
import { keepDraft } from "../drafts.js";
import { screenPhase } from "../steps.js";
import { tabbed } from "../tabs.js";

export const reducers = {
  "card:added"(state, { card }) { upsert(state, card); },
  "card:edited"(state, { card }) { upsert(state, card); },
  "card:deleted"(state, { card_id }) { state.cards = state.cards.filter((c) => c.id !== card_id); },
};

function upsert(state, card) {
  const i = state.cards.findIndex((c) => c.id === card.id);
  if (i >= 0) state.cards[i] = card;
  else state.cards.push(card);
}

// The columns cards are written in now: the running collect step's (the server
// decides which, `agenda.card_template`), else the workshop's (a server before steps).
export const templateOf = (state) => state.agenda?.card_template ?? state.workshop.template;
const columnsOf = (state) => templateOf(state).columns;

// Participant: one column per template column, each with its own composer; on a
// phone, one column at a time, chosen from tabs that count each column's cards.
export function board(root, live, ui) {
  const note = h("p.blind-note", { role: "note" });
  const grid = h("div.columns");
  const tabs = tabbed("Columns", grid);
  root.append(note, tabs.node, grid);
  let built = null;
  live.addEventListener("event", ({ detail }) => {
    const { event, data } = detail;
    if (event === "card:added" && !data.card.mine) {
      const column = columnsOf(live.state).find((c) => c.key === data.card.column);
      ui.announce(`New card in ${column ? column.title : data.card.column}: ${data.card.text}`);
    }
  });
  return (state) => {
    const phase = screenPhase(state);
    root.hidden = !GROUP_PHASES.includes(phase);
    if (root.hidden) return;
    const key = templateOf(state).key;
    if (built !== key) {
      grid.replaceChildren(...columnsOf(state).map((c) => column(c, live)));
      built = key;
    }
    const writing = phase === "collect";
    const blind = state.workshop.settings.blind_writing && !(state.group && state.group.revealed);
    note.textContent = !writing
      ? "Writing opens when the facilitator starts the Collect phase."
      : blind
        ? "Blind writing: only you and the facilitator see your cards until they are revealed."
        : "Your group sees your cards as you write them.";
    for (const col of grid.children) col.update(state, writing);
    const counts = countsByColumn(state.cards, columnsOf(state));
    tabs.update(columnsOf(state).map((c, i) => ({ id: `column-${c.key}`, node: grid.children[i], label: `${c.title} (${counts[c.key]})` })));
  };
}

function column(col, live) {
  // The column's question is its hint just above; the field says how to write a card.
  const input = h("textarea.composer", {
    dir: "auto", rows: 2, maxlength: CARD_MAX, placeholder: "One idea per card", "aria-label": `New card for ${col.title}`,
  });
  const counter = h("span.counter", { "aria-hidden": "true" });
  const add = h("button.button", { type: "submit" }, "Add");
  const list = h("ul.cards", { "aria-label": `${col.title} cards` });
  const form = h("form.compose", {}, input, h("div.compose-row", {}, counter, add));
  const draft = keepDraft(input, live.state.workshop.id, `card:${col.key}`);
  let sending = false;
  const submit = async () => {
    const text = input.value.trim();
    if (!text) return input.focus();
    if (sending) return;
    // Offline, the card waits in the box (read-only) until it is sent after the re-join.
    sending = input.readOnly = add.disabled = true;
    const ack = await live.act("card:add", { id: newId(), column: col.key, text });
    sending = input.readOnly = add.disabled = false;
    if (ack.ok) {
      input.value = "";
      counter.textContent = "";
      draft.sent();
    }
    input.focus();
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); submit(); });
  input.addEventListener("keydown", (e) => {
    // Enter adds the card; Shift+Enter starts a new line.
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
  });
  input.addEventListener("input", () => {
    const left = CARD_MAX - input.value.length;
    counter.textContent = left < 80 ? `${left} left` : "";
  });
  const node = h("section.column", { dataset: { column: col.key } },
    h("h2.column-title", {}, col.title), h("p.column-hint", {}, col.hint), form, list);
  node.update = (state, writing) => {
    input.disabled = !writing;
    add.disabled = !writing || sending;
    const cards = state.cards.filter((c) => c.column === col.key);
    syncList(list, cards, (c) => `${c.id}:${c.updated_at}`, (c) => cardItem(c, c.mine && writing, live));
  };
  return node;
}

export function cardItem(card, editable, live) {
  const text = h("p.card-text", { dir: "auto" }, card.text);
  const item = h("li.card", { dataset: { id: card.id, mine: editable ? "yes" : "no" } }, text);
  if (!editable) return item;
  const edit = h("button.link", { type: "button", "aria-label": "Edit card" }, "Edit");
  const remove = h("button.link.danger", { type: "button", "aria-label": "Delete card" }, "Delete");
  edit.addEventListener("click", () => startEdit(item, text, card, live));
  remove.addEventListener("click", () => live.act("card:delete", { id: card.id }));
  item.append(h("div.card-actions", {}, edit, remove));
  return item;
}

function startEdit(item, text, card, live) {
  const box = h("textarea.composer", { dir: "auto", rows: 3, maxlength: CARD_MAX, "aria-label": "Edit card text" });
  box.value = card.text;
  // Once only: taking the focused box out fires its blur, which would take it out again
  // in the middle of the first replaceWith (a page error).
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    box.replaceWith(text);
  };
  const save = async () => {
    const ack = await live.act("card:edit", { id: card.id, text: box.value });
    if (ack.ok) close();
  };
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); save(); }
    if (e.key === "Escape") close();
  });
  box.addEventListener("blur", () => box.isConnected && close());
  text.replaceWith(box);
  box.focus();
}

// Facilitator: every group's board, live. While blind writing keeps a group's
// cards from its members, this screen (often on the projector) shows how many
// cards each column holds, not what they say, unless the facilitator asks to
// see them here: a choice this browser keeps per workshop.
const showKey = (workshopId) => `bowtie:show-blind:${workshopId}`;

/** Whether a group's cards are still blind: its members cannot read each other's. */
export const isBlind = (state, group) => Boolean(state.workshop.settings.blind_writing && !group.revealed);

/** Per column key, how many of these cards it holds. */
export function countsByColumn(cards, columns) {
  const counts = Object.fromEntries(columns.map((c) => [c.key, 0]));
  for (const card of cards) if (card.column in counts) counts[card.column] += 1;
  return counts;
}

export function control(root, live) {
  const workshopId = () => live.state.workshop.id;
  const show = h("input", { type: "checkbox", id: "show-blind-cards" });
  const showLabel = h("label.switch.show-blind", { for: "show-blind-cards",
    title: "For a screen only you can see: the projector should show counts until you reveal" },
  show, h("span", {}, "Show cards on this screen"));
  show.addEventListener("change", () => {
    localStorage.setItem(showKey(workshopId()), show.checked ? "yes" : "no");
    live.changed();
  });
  const boards = h("div.boards");
  root.append(h("header.panel-head", {}, h("h2", {}, "Boards"), showLabel), boards);
  return (state) => {
    root.hidden = !GROUP_PHASES.includes(screenPhase(state)) || !state.groups.length;
    if (root.hidden) return;
    const anyBlind = state.groups.some((g) => isBlind(state, g));
    showLabel.hidden = !anyBlind;
    show.checked = localStorage.getItem(showKey(state.workshop.id)) === "yes";
    const names = Object.fromEntries(state.participants.map((p) => [p.id, p.name]));
    syncList(boards, state.groups, (g) => g.id, (g) => groupBoard(g, live), (node, g) =>
      node.update(g, state.cards.filter((c) => c.group_id === g.id), columnsOf(state), names,
        isBlind(state, g) && !show.checked ? "counts" : isBlind(state, g) ? "blind" : "open"));
  };
}

// "counts": how many per column, no text; "blind": the cards, for the
// facilitator's eyes, without authors; "open": the cards, authors on hover.
function groupBoard(group, live) {
  const title = h("h3");
  const cols = h("div.mini-columns");
  const node = h("section.board", {}, title, cols);
  node.update = (g, cards, columns, names, view) => {
    node.dataset.view = view;
    title.textContent = `${g.name} · ${cards.length} ${cards.length === 1 ? "card" : "cards"}`;
    const counts = countsByColumn(cards, columns);
    syncList(cols, columns, (c) => c.key, (c) => h("div.mini-column", { dataset: { column: c.key } },
      h("h4", {}, c.title), h("p.blind-count"), h("ul.cards.small")), (colNode, c) => {
      const count = colNode.querySelector(".blind-count");
      const list = colNode.querySelector("ul");
      count.hidden = view !== "counts";
      count.textContent = `${counts[c.key]} ${counts[c.key] === 1 ? "card" : "cards"}`;
      list.hidden = view === "counts";
      const shown = view === "counts" ? [] : cards.filter((card) => card.column === c.key);
      syncList(list, shown, (card) => `${card.id}:${card.updated_at}:${view}`,
        (card) => h("li.card", { dataset: { id: card.id }, title: view === "open" ? names[card.participant_id] || "" : null },
          h("p.card-text", {}, card.text), moderation(card, live)));
    });
  };
  return node;
}

/** The facilitator's take-down buttons for one card (see docs/protocol.md, moderation). */
export function moderation(card, live) {
  const take = (action, question) => (e) => {
    e.stopPropagation(); // a card may be a selectable one (clusters)
    if (confirm(question)) live.act("card:moderate", { card_id: card.id, action });
  };
  return h("div.card-actions.moderation", { onkeydown: (e) => e.stopPropagation() },
    h("button.link", { type: "button", "aria-label": "Hide this card from everyone",
      onclick: take("hide", "Hide this card from every screen and export? Its text stays in the log for you.") }, "Hide"),
    h("button.link.danger", { type: "button", "aria-label": "Delete this card for good",
      onclick: take("delete", "Delete this card for good? Its text is not kept anywhere.") }, "Delete"));
}
