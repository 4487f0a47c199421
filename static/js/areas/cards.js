// Cards: the participant's board (write, edit, delete) and every group's board
// on the control screen, live.
import { CARD_MAX, GROUP_PHASES } from "/facts.js";
import { h, newId, syncList } from "../dom.js";

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

// Participant: one column per template column, each with its own composer.
export function board(root, live, ui) {
  const note = h("p.blind-note", { role: "note" });
  const grid = h("div.columns");
  root.append(note, grid);
  let built = null;
  live.addEventListener("event", ({ detail }) => {
    const { event, data } = detail;
    if (event === "card:added" && data.card.participant_id !== live.state?.me?.id) {
      const column = columnsOf(live.state).find((c) => c.key === data.card.column);
      ui.announce(`New card in ${column ? column.title : data.card.column}: ${data.card.text}`);
    }
  });
  return (state) => {
    const phase = state.workshop.phase;
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
  };
}

function column(col, live) {
  const input = h("textarea.composer", {
    rows: 2, maxlength: CARD_MAX, placeholder: col.hint, "aria-label": `New card for ${col.title}`,
  });
  const counter = h("span.counter", { "aria-hidden": "true" });
  const add = h("button.button", { type: "submit" }, "Add");
  const list = h("ul.cards", { "aria-label": `${col.title} cards` });
  const form = h("form.compose", {}, input, h("div.compose-row", {}, counter, add));
  const submit = async () => {
    const text = input.value.trim();
    if (!text) return input.focus();
    add.disabled = true;
    const ack = await live.act("card:add", { id: newId(), column: col.key, text });
    add.disabled = false;
    if (ack.ok) {
      input.value = "";
      counter.textContent = "";
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
    input.disabled = add.disabled = !writing;
    const mine = state.me.id;
    const cards = state.cards.filter((c) => c.column === col.key);
    syncList(list, cards, (c) => `${c.id}:${c.updated_at}`, (c) => cardItem(c, c.participant_id === mine && writing, live));
  };
  return node;
}

export function cardItem(card, editable, live) {
  const text = h("p.card-text", {}, card.text);
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
  const box = h("textarea.composer", { rows: 3, maxlength: CARD_MAX, "aria-label": "Edit card text" });
  box.value = card.text;
  const save = async () => {
    const ack = await live.act("card:edit", { id: card.id, text: box.value });
    if (ack.ok) box.replaceWith(text);
  };
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); save(); }
    if (e.key === "Escape") box.replaceWith(text);
  });
  box.addEventListener("blur", () => box.isConnected && box.replaceWith(text));
  text.replaceWith(box);
  box.focus();
}

// Facilitator: every group's board, live.
export function control(root, live) {
  const boards = h("div.boards");
  root.append(h("header.panel-head", {}, h("h2", {}, "Boards")), boards);
  return (state) => {
    root.hidden = !GROUP_PHASES.includes(state.workshop.phase) || !state.groups.length;
    if (root.hidden) return;
    const names = Object.fromEntries(state.participants.map((p) => [p.id, p.name]));
    syncList(boards, state.groups, (g) => g.id, (g) => groupBoard(g), (node, g) =>
      node.update(g, state.cards.filter((c) => c.group_id === g.id), columnsOf(state), names));
  };
}

function groupBoard(group) {
  const title = h("h3");
  const cols = h("div.mini-columns");
  const node = h("section.board", {}, title, cols);
  node.update = (g, cards, columns, names) => {
    title.textContent = `${g.name} · ${cards.length} ${cards.length === 1 ? "card" : "cards"}`;
    syncList(cols, columns, (c) => c.key, (c) => h("div.mini-column", { dataset: { column: c.key } },
      h("h4", {}, c.title), h("ul.cards.small")), (colNode, c) => {
      const list = colNode.querySelector("ul");
      syncList(list, cards.filter((card) => card.column === c.key), (card) => `${card.id}:${card.updated_at}`,
        (card) => h("li.card", { dataset: { id: card.id }, title: names[card.participant_id] || "" },
          h("p.card-text", {}, card.text)));
    });
  };
  return node;
}
