// Clusters: cards gathered under names during a cluster step, on a board: the
// whole room's, or in a step in groups each group's own (docs/protocol.md, "Boards").
//
// Two ways to move cards, so it works with a mouse, a trackpad and a keyboard:
// drag a card onto a cluster (or onto another card to start one), or select
// cards (click, Space or Enter) and use the toolbar: "New cluster", "Move to…".
// From the keyboard: arrows move between cards (one is in the tab order), Space
// selects, C opens "Move to…" to type a cluster's name (or a new one), and focus
// then lands on the next loose card, so a hundred cards never need a hundred Tabs.
import { THEME_MIN } from "/facts.js";
import { byId, h, newId, syncList } from "../dom.js";
import { moveTo } from "../move_to.js";
import { cardKeys, landingAfter } from "../roving.js";
import { runningStep } from "../steps.js";
import { moderation } from "./cards.js";

export const reducers = {
  // The server sends one board's whole list on every change: replace that board's clusters.
  "clusters:changed"(state, { clusters, group_id: groupId = null }) {
    state.clusters = [...(state.clusters || []).filter((c) => (c.group_id ?? null) !== groupId), ...clusters];
  },
  "board:changed"(state, { board }) { state.board = board; },
};

/** Cards, clusters and progress of each group's board, for the facilitator's overview. */
export function groupProgress(groups, cards, clusters) {
  return groups.map((g) => {
    const own = cards.filter((c) => c.group_id === g.id);
    const boards = clusters.filter((c) => c.group_id === g.id);
    const ids = new Set(own.map((c) => c.id));
    const clustered = new Set(boards.flatMap((c) => c.card_ids).filter((id) => ids.has(id)));
    return { id: g.id, name: g.name, cards: own.length, clustered: clustered.size, clusters: boards.length };
  });
}

export function control(root, live, ui) {
  const overview = h("section.group-progress", { "aria-label": "Every group's board" });
  const picker = h("select.board-picker", { "aria-label": "Group whose board to work on" });
  const pickerRow = h("label.inline.board-choice", {}, "Work on the board of ", picker);
  root.append(overview, pickerRow);
  picker.addEventListener("change", () => update(live.state));
  const bench = workbench(root, live, ui, () => true, () => picker.value || null);
  function update(state) {
    const step = runningStep(state);
    const inGroups = Boolean(step?.in_groups) && state.workshop.phase === "cluster";
    overview.hidden = pickerRow.hidden = !inGroups;
    if (inGroups) {
      const groups = state.groups || [];
      syncList(picker, groups, (g) => g.id, (g) => h("option", { value: g.id }), (o, g) => { o.textContent = g.name; });
      if (!picker.value && groups.length) picker.value = groups[0].id;
      const rows = groupProgress(groups, state.cards, state.clusters || []);
      syncList(overview, rows, (r) => r.id, () => h("article.group-tile", {}, h("h3"), h("p.big"), h("p.muted")),
        (tile, r) => {
          tile.dataset.groupId = r.id;
          tile.children[0].textContent = r.name;
          tile.children[1].textContent = `${r.clustered} of ${r.cards} cards clustered`;
          tile.children[2].textContent = `${r.clusters} ${r.clusters === 1 ? "cluster" : "clusters"}`;
        });
    }
    bench(state);
  }
  return update;
}

export function board(root, live, ui) {
  return workbench(root, live, ui, (state) => {
    const step = runningStep(state);
    return Boolean(state.workshop.settings.participants_cluster || step?.participants_may.includes("cluster_cards"));
  }, () => null);
}

/** Suggestions as they stand now: their cards clustered (or gone) since are left
 * out, and one left with fewer than THEME_MIN loose cards is dropped (docs/protocol.md). */
export function freshSuggestions(suggestions, loose) {
  return suggestions.map((s) => ({ ...s, card_ids: s.card_ids.filter((id) => loose.has(id)) }))
    .filter((s) => s.card_ids.length >= THEME_MIN);
}

function workbench(root, live, ui, mayCluster, chosenGroup) {
  const selected = new Set();
  const folded = new Set(); // clusters shown by name and count only, on this screen
  let state = null;
  let editable = false;
  let suggestions = [];
  let origins = {};
  let current = null; // the card in the tab order (roving tabindex)
  let looseIds = [];
  // The board worked on: a participant's is their group's (the server knows); a facilitator names one in groups.
  const onBoard = (payload) => {
    const step = state && runningStep(state);
    const group = step?.in_groups ? chosenGroup() : null;
    return group ? { ...payload, group_id: group } : payload;
  };

  // -- acting ---------------------------------------------------------------
  const clusterOf = (cardId) => (state.clusters || []).find((c) => c.card_ids.includes(cardId));
  const moving = (cardId) => (selected.has(cardId) ? [...selected] : [cardId]);
  const done = (ack, message) => {
    if (!ack.ok) return;
    selected.clear();
    if (message) ui.announce(message);
    refresh();
  };
  const cardsWord = (n) => `${n} ${n === 1 ? "card" : "cards"}`;
  const newCluster = async (cardIds, name) => {
    const payload = { id: newId(), card_ids: cardIds };
    if (name) payload.name = name;
    const ack = await live.act("cluster:create", onBoard(payload));
    done(ack, ack.ok && `New cluster “${ack.cluster.name}” with ${cardsWord(cardIds.length)}`);
    return ack;
  };
  const addTo = async (clusterId, cardIds) => {
    const ack = await live.act("cluster:add", onBoard({ cluster_id: clusterId, card_ids: cardIds }));
    done(ack, ack.ok && `Moved ${cardsWord(cardIds.length)} to “${ack.cluster.name}”`);
    return ack;
  };
  const takeOut = async (cardIds) => done(await live.act("cluster:take_out", onBoard({ card_ids: cardIds })), "Taken out");
  const dropOnCard = (targetId, cardIds) => {
    const ids = cardIds.filter((id) => id !== targetId);
    if (!ids.length) return;
    const target = clusterOf(targetId);
    return target ? addTo(target.id, ids) : newCluster([targetId, ...ids]);
  };

  // -- toolbar ----------------------------------------------------------------
  const count = h("span.selection-count", { "aria-live": "polite" });
  const createButton = h("button.button", { type: "button" }, "New cluster");
  const mover = moveTo({
    label: "Move the selected cards to a cluster: type its name, or a new one",
    onPick: (option) => moveSelection(option),
    onCancel: () => focusCard(current),
  });
  const takeOutButton = h("button.button.secondary", { type: "button" }, "Take out");
  const clearButton = h("button.link", { type: "button" }, "Clear selection");
  const suggestButton = h("button.button.secondary", { type: "button" }, "Suggest clusters");
  createButton.addEventListener("click", () => selected.size && newCluster([...selected]));
  takeOutButton.addEventListener("click", () => selected.size && takeOut([...selected]));
  clearButton.addEventListener("click", () => { selected.clear(); refresh(); });
  suggestButton.addEventListener("click", async () => {
    const ack = await live.act("clusters:suggest", onBoard({}));
    if (!ack.ok) return;
    suggestions = ack.suggestions.map((s) => ({ ...s, key: newId(), keep: new Set(s.card_ids), edit: {} }));
    ui.announce(suggestions.length ? `${suggestions.length} suggested clusters` : "No similar cards found");
    if (!suggestions.length) ui.toast("No similar cards to suggest: every loose card stands on its own.", "info");
    refresh();
  });
  const toolbar = h("div.cluster-toolbar", { role: "toolbar", "aria-label": "Clustering" },
    count, createButton, mover.node, takeOutButton, clearButton,
    h("span.muted.cluster-keys", {}, "Keys: arrows move, Space selects, C moves"));
  const foldAll = h("button.button.secondary", { type: "button" }, "Fold all clusters");
  foldAll.addEventListener("click", () => {
    const clusters = boardClusters();
    const fold = clusters.some((c) => !folded.has(c.id));
    for (const c of clusters) (fold ? folded.add(c.id) : folded.delete(c.id));
    refresh();
  });

  // -- keyboard ---------------------------------------------------------------
  const cardNodes = () => [...root.querySelectorAll(".cluster-layout li.card.pick")].filter((n) => n.offsetParent);
  function focusCard(id) {
    const node = cardNodes().find((n) => n.dataset.id === id) || cardNodes()[0];
    if (!node) return;
    current = node.dataset.id;
    refresh();
    node.pick.focus();
  }
  async function moveSelection(option) {
    const ids = selected.size ? [...selected] : current ? [current] : [];
    if (!ids.length) return ui.toast("Select a card first (Space).", "info");
    const landing = landingAfter(looseIds, ids) ?? current;
    const ack = option.id ? await addTo(option.id, ids) : await newCluster(ids, option.name);
    if (ack.ok) focusCard(landing);
  }
  cardKeys(root, {
    cards: cardNodes,
    focus: focusCard,
    focused: (id) => { if (current !== id) { current = id; refresh(); } },
    moveTo: (id) => {
      if (!editable) return;
      if (!selected.size) selected.add(id);
      refresh();
      mover.input.focus();
    },
    clear: () => {
      if (!selected.size) return;
      selected.clear();
      refresh();
      ui.announce("Selection cleared");
    },
  });

  // -- layout -----------------------------------------------------------------
  const heading = h("h2", {}, "Clusters");
  const note = h("p.muted.cluster-note");
  const suggestionList = h("div.suggestions", { "aria-label": "Suggested clusters" });
  const looseTitle = h("h3");
  const loose = h("ul.cards.pool", { "aria-label": "Cards in no cluster" });
  const grid = h("div.cluster-grid");
  const pool = h("section.loose", {}, looseTitle, loose);
  dropZone(pool, (ids) => takeOut(ids.filter((id) => clusterOf(id))));
  root.append(h("header.panel-head", {}, heading, h("div.actions", {}, foldAll, suggestButton)), note, toolbar,
    suggestionList, h("div.cluster-layout", {}, pool, grid));
  // A drop on a card never reaches the zone around it, so clear every highlight at the end of a drag.
  const unmark = () => root.querySelectorAll(".drop").forEach((n) => n.classList.remove("drop"));
  root.addEventListener("drop", unmark);
  document.addEventListener("dragend", unmark);

  function dropZone(node, onDrop) {
    node.addEventListener("dragover", (e) => { if (editable) { e.preventDefault(); node.classList.add("drop"); } });
    node.addEventListener("dragleave", () => node.classList.remove("drop"));
    node.addEventListener("drop", (e) => {
      node.classList.remove("drop");
      if (!editable) return;
      e.preventDefault();
      e.stopPropagation();
      unmark();
      const id = e.dataTransfer.getData("text/plain");
      if (id) onDrop(moving(id));
    });
  }

  function cardNode(card) {
    // Picking is a toggle button inside the list item: the item stays a list item (the
    // list's structure), and the facilitator's moderation buttons sit beside it, not inside it.
    const pick = h("button.pick-toggle", { type: "button" }, h("span.card-text", {}, card.text));
    const node = h("li.card.pick", { dataset: { id: card.id, column: card.column } }, pick,
      live.state?.role === "facilitator" ? moderation(card, live) : null);
    node.pick = pick;
    const toggle = () => {
      if (!editable) return;
      if (selected.has(card.id)) selected.delete(card.id);
      else selected.add(card.id);
      refresh();
    };
    node.addEventListener("click", toggle); // the button's own click (Enter, Space) bubbles here too
    node.addEventListener("dragstart", (e) => {
      e.dataTransfer.setData("text/plain", card.id);
      e.dataTransfer.effectAllowed = "move";
    });
    dropZone(node, (ids) => dropOnCard(card.id, ids));
    return node;
  }

  function updateCard(node, card, groups) {
    const on = selected.has(card.id);
    node.draggable = editable;
    node.pick.tabIndex = card.id === current ? 0 : -1;
    if (editable) node.pick.setAttribute("aria-pressed", String(on));
    else node.pick.removeAttribute("aria-pressed");
    node.pick.setAttribute("aria-disabled", String(!editable));
    node.classList.toggle("selected", on);
    // Cards are clamped to two lines on the board: the whole text (and its group) on hover.
    node.title = groups[card.group_id] ? `${card.text} · ${groups[card.group_id].name}` : card.text;
    const origin = origins[card.id];
    let tag = node.querySelector(".origin");
    if (origin && !tag) node.append(tag = h("span.origin"));
    if (tag) tag.textContent = origin || "";
  }

  function clusterBox(cluster) {
    const name = h("input.cluster-name", { maxlength: 80, "aria-label": "Cluster name" });
    const size = h("span.muted.cluster-size");
    const fold = h("button.icon.cluster-fold", { type: "button" });
    const merge = h("select.cluster-merge", { "aria-label": "Merge this cluster into another" });
    const remove = h("button.icon", { type: "button", title: "Delete this empty cluster", "aria-label": "Delete cluster" }, "×");
    const list = h("ul.cards", { id: `cluster-cards-${cluster.id}` });
    fold.setAttribute("aria-controls", list.id);
    fold.addEventListener("click", () => {
      if (folded.has(cluster.id)) folded.delete(cluster.id);
      else folded.add(cluster.id);
      refresh();
    });
    const node = h("section.cluster-box", { dataset: { clusterId: cluster.id } },
      h("header", {}, fold, name, size, h("div.cluster-tools", {}, merge, remove)), list);
    const rename = () => {
      const value = name.value.trim();
      const current = node.cluster.name;
      if (!value) { name.value = current; return; }
      if (value !== current) live.act("cluster:rename", onBoard({ cluster_id: cluster.id, name: value }));
    };
    name.addEventListener("change", rename);
    name.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); name.blur(); } });
    merge.addEventListener("change", async () => {
      const into = merge.value;
      merge.value = "";
      if (into) done(await live.act("cluster:merge", onBoard({ cluster_id: into, from_id: cluster.id })), "Clusters merged");
    });
    remove.addEventListener("click", () => live.act("cluster:delete", onBoard({ cluster_id: cluster.id })));
    dropZone(node, (ids) => addTo(cluster.id, ids.filter((id) => !node.cluster.card_ids.includes(id))));
    node.update = (c, cards, clusters, groups) => {
      node.cluster = c;
      if (document.activeElement !== name) name.value = c.name;
      name.readOnly = !editable;
      size.textContent = String(cards.length);
      size.title = cardsWord(cards.length);
      const open = !folded.has(c.id);
      list.hidden = !open;
      node.classList.toggle("folded", !open);
      fold.setAttribute("aria-expanded", String(open));
      fold.setAttribute("aria-label", `${open ? "Fold" : "Unfold"} “${c.name}” (${cardsWord(cards.length)})`);
      fold.textContent = open ? "▾" : "▸";
      merge.hidden = !editable || clusters.length < 2;
      const options = [["", "Merge into…"], ...clusters.filter((o) => o.id !== c.id).map((o) => [o.id, o.name])];
      syncList(merge, options, ([id]) => id || "none", ([id, label]) => h("option", { value: id }, label),
        (opt, [, label]) => { opt.textContent = label; });
      merge.value = "";
      remove.hidden = !editable || cards.length > 0;
      syncList(list, cards, (card) => card.id, cardNode, (n, card) => updateCard(n, card, groups));
    };
    return node;
  }

  function suggestionBox(first) {
    // The suggestion is renewed on every update (its clustered cards left out): read it by key.
    const now = () => suggestions.find((x) => x.key === first.key) || first;
    const name = h("input.cluster-name", { maxlength: 80, "aria-label": "Suggested cluster name" });
    name.value = first.name;
    name.addEventListener("input", () => { first.edit.name = name.value; });
    const list = h("ul.suggested-cards");
    const accept = h("button.button", { type: "button" }, "Accept");
    const reject = h("button.button.secondary", { type: "button" }, "Reject");
    accept.addEventListener("click", async () => {
      const s = now();
      const ids = s.card_ids.filter((id) => s.keep.has(id));
      if (!ids.length) return ui.toast("Keep at least one card, or reject the suggestion.");
      const ack = await newCluster(ids, (s.edit.name ?? s.name).trim() || undefined);
      if (ack.ok) drop(s);
    });
    reject.addEventListener("click", () => drop(now()));
    const node = h("article.suggestion", {}, h("header", {}, name), list, h("div.actions", {}, accept, reject));
    node.update = (cards) => syncList(list, now().card_ids.filter((id) => cards[id]), (id) => id, (id) => {
      const box = h("input", { type: "checkbox", checked: true });
      box.addEventListener("change", () => (box.checked ? first.keep.add(id) : first.keep.delete(id)));
      return h("li", {}, h("label.choice", {}, box, h("span", {}, cards[id].text)));
    });
    return node;
  }

  function drop(s) {
    suggestions = suggestions.filter((x) => x.key !== s.key);
    refresh();
  }

  // -- rendering ----------------------------------------------------------------
  function refresh() {
    if (state) update(state);
  }
  function boardClusters() {
    const step = state && runningStep(state);
    const boardGroup = step?.in_groups ? (chosenGroup() || state.me?.group_id || null) : null;
    return (state?.clusters || []).filter((c) => (c.group_id ?? null) === boardGroup);
  }

  function update(next) {
    state = next;
    root.hidden = state.workshop.phase !== "cluster";
    if (root.hidden) return;
    editable = mayCluster(state);
    const step = runningStep(state);
    const boardGroup = step?.in_groups ? (chosenGroup() || state.me?.group_id || null) : null;
    const carried = state.board?.carried;
    const onThisBoard = (c) => (boardGroup ? c.group_id === boardGroup : !carried || carriedCards(carried).has(c.id));
    const boardCards = state.cards.filter(onThisBoard);
    const cards = byId(boardCards);
    const groups = byId(state.groups || (state.group ? [state.group] : []));
    origins = carried ? carriedOrigins(carried, groups) : {};
    const clusters = (state.clusters || []).filter((c) => (c.group_id ?? null) === boardGroup)
      .map((c) => ({ ...c, card_ids: c.card_ids.filter((id) => cards[id]) }));
    const clustered = new Set(clusters.flatMap((c) => c.card_ids));
    for (const id of [...selected]) if (!cards[id]) selected.delete(id);
    const looseCards = boardCards.filter((c) => !clustered.has(c.id));

    toolbar.hidden = suggestButton.hidden = !editable;
    note.textContent = editable
      ? "Drag a card onto a cluster, or onto another card to start one. Or select cards (click, Space) and use the buttons."
      : "The facilitator is clustering the cards of every group.";
    if (carried) note.textContent += " These are the top items of every group's vote.";
    count.textContent = `${selected.size} selected`;
    for (const b of [createButton, takeOutButton]) b.disabled = !selected.size;
    mover.update(clusters, !editable);
    foldAll.hidden = !clusters.length;
    foldAll.textContent = clusters.some((c) => !folded.has(c.id)) ? "Fold all clusters" : "Unfold all clusters";
    looseIds = looseCards.map((c) => c.id);
    const visible = new Set([...looseIds, ...clusters.filter((c) => !folded.has(c.id)).flatMap((c) => c.card_ids)]);
    if (!visible.has(current)) current = looseIds[0] ?? [...visible][0] ?? null;

    looseTitle.textContent = `Not clustered (${looseCards.length})`;
    syncList(loose, looseCards, (c) => c.id, cardNode, (n, c) => updateCard(n, c, groups));
    syncList(grid, clusters, (c) => c.id, clusterBox, (n, c) => n.update(c, c.card_ids.map((id) => cards[id]), clusters, groups));

    suggestions = freshSuggestions(suggestions, new Set(looseIds));
    suggestionList.hidden = !editable || !suggestions.length;
    syncList(suggestionList, suggestions, (s) => s.key, suggestionBox, (n) => n.update(cards));
  }

  return update;
}

/** The cards of the groups' top items that flowed into a whole-room step. */
export function carriedCards(carried) {
  return new Set(carried.items.flatMap((i) => i.card_ids));
}

/** Each carried card's label: the group it came from and its item's dots. */
export function carriedOrigins(carried, groups) {
  const out = {};
  for (const item of carried.items) {
    const label = `${groups[item.group_id]?.name || "A group"} · ${item.dots} ${item.dots === 1 ? "dot" : "dots"}`;
    for (const id of item.card_ids) out[id] = label;
  }
  return out;
}
