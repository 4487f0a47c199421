// Dot voting: the facilitator opens and closes the vote; participants place and
// take back dots; at close everyone sees the same ranking. While the vote is
// open the server sends no totals to anyone, so none are shown.
import { PHASES } from "/facts.js";
import { byId, h, newId, syncList } from "../dom.js";

// A vote in groups is one vote per group: the facilitator keeps them all
// (group_votes), a participant hears only their group's.
function keepGroupVote(state, vote, figures) {
  if (!vote.group_id) return;
  const others = (state.group_votes || []).filter((v) => v.group_id !== vote.group_id || v.id === vote.id);
  const before = others.find((v) => v.id === vote.id) || {};
  state.group_votes = [...others.filter((v) => v.id !== vote.id), { voters: 0, dots: 0, ...before, ...vote, ...figures }];
}

export const reducers = {
  "vote:opened"(state, { vote }) {
    if (vote.group_id && !(state.vote && state.vote.group_id && state.vote.status === "open")) state.group_votes = [];
    keepGroupVote(state, vote, {});
    state.vote = vote;
    state.my_dots = { vote_id: vote.id, dots: [], dots_left: vote.settings.dots_per_participant };
    state.vote_progress = { vote_id: vote.id, voters: 0, dots: 0 };
  },
  "dot:placed"(state, data) { mine(state, data); },
  "dot:taken_back"(state, data) { mine(state, data); },
  "vote:progress"(state, data) {
    state.vote_progress = data;
    for (const g of data.groups || []) {
      const v = (state.group_votes || []).find((x) => x.id === g.vote_id);
      if (v) Object.assign(v, { voters: g.voters, dots: g.dots, members: g.members });
    }
  },
  "vote:closed"(state, data) {
    keepGroupVote(state, data.vote, { voters: data.voters, dots: data.dots });
    state.vote = data.vote;
    state.vote_progress = { vote_id: data.vote_id, voters: data.voters, dots: data.dots };
  },
};

function mine(state, { vote_id, dots, dots_left }) {
  state.my_dots = { vote_id, dots, dots_left };
}

// The ranking stays in view in every later phase, whatever phases come after the vote.
const AFTER_VOTE = PHASES.map(([key]) => key).slice(PHASES.findIndex(([key]) => key === "vote"));
const onPhone = () => window.matchMedia("(max-width: 720px)").matches;
export const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** What an open vote holds now, for the facilitator's "Move everyone?" (moving on closes it):
 * `{ groups, dots }` (in groups: every group's open vote), or null when none is open. */
export function openVote(state) {
  const open = (state.group_votes || []).filter((v) => v.status === "open");
  if (open.length) return { groups: true, dots: open.reduce((sum, v) => sum + (v.dots || 0), 0) };
  if (state.vote?.status !== "open") return null;
  const progress = state.vote_progress?.vote_id === state.vote.id ? state.vote_progress : {};
  return { groups: false, dots: progress.dots || 0 };
}

export function shown(state) {
  const phase = state.workshop.phase;
  return phase === "vote" || (AFTER_VOTE.includes(phase) && state.vote && state.vote.status === "closed");
}

// -- the ranking, the same on every screen ------------------------------------
function ranking() {
  const list = h("ol.ranking", { "aria-label": "Ranking" });
  const node = h("section.ranking-box", {}, h("h3", {}, "Ranking"), list);
  node.update = (vote, cards) => {
    node.hidden = !vote || vote.status !== "closed";
    if (node.hidden) return;
    syncList(list, vote.ranking, (r) => r.id, () => {
      const rank = h("span.rank");
      const tie = h("span.tie", {}, "tie");
      const name = h("span.item-name");
      const dots = h("span.item-dots");
      const detail = h("ul.item-cards");
      const li = h("li.ranked", {}, h("div.place", {}, rank, tie), h("div.item-body", {}, name, detail), dots);
      li.update = (r, all, cards) => {
        li.dataset.rank = r.rank;
        tie.hidden = all.filter((x) => x.rank === r.rank).length < 2;
        rank.textContent = String(r.rank);
        name.textContent = r.name;
        dots.textContent = plural(r.dots, "dot", "dots");
        syncList(detail, r.kind === "cluster" ? r.card_ids.filter((id) => cards[id]) : [], (id) => id,
          (id) => h("li", {}, cards[id].text));
      };
      return li;
    }, (li, r) => li.update(r, vote.ranking, cards));
  };
  return node;
}

// -- participants -------------------------------------------------------------

/** An item whose cards are all the voter's own, when the vote forbids voting for those.
 * The server refuses such a dot anyway; saying so up front saves a refusal. */
export function onlyOwnCards(item, cards, settings) {
  return !settings.own_items && item.card_ids.every((id) => cards[id] && cards[id].mine);
}

/** The line above the ballot. `open`: open, and the workshop in the Vote phase. */
export function ballotStatus(vote, open, dotsLeft) {
  if (!vote) return "The vote opens soon. Wait for the facilitator.";
  if (open) return `You have ${plural(dotsLeft, "dot", "dots")} left (at most ${vote.settings.max_per_item} on one item).`;
  return vote.status === "open" ? "The vote is paused." : "The vote is closed.";
}
export function board(root, live, ui) {
  const status = h("p.vote-status", { "aria-live": "polite" });
  const ballot = h("ul.ballot", { "aria-label": "Items to vote on" });
  const ranked = ranking();
  root.append(h("h2", {}, "Dot vote"), status, ballot, ranked);
  // Each item's presses, in order: the next is sent after the last one's ack, and
  // none is dropped (two quick presses are two dots; the server caps what is allowed).
  const presses = new Map();

  const send = (itemId, event, payload) => {
    const press = (presses.get(itemId) || Promise.resolve()).then(async () => {
      const body = payload();
      const ack = body && (await live.act(event, body));
      if (ack?.ok) {
        mine(live.state, ack);
        ui.announce(`${plural(ack.dots_left, "dot", "dots")} left`);
      }
      if (presses.get(itemId) === press) presses.delete(itemId);
      live.changed();
    });
    presses.set(itemId, press);
  };
  const place = (itemId) => send(itemId, "dot:place", () => ({ id: newId(), item_id: itemId }));
  const takeBack = (itemId) => send(itemId, "dot:take_back", () => {
    const dots = (live.state.my_dots?.dots || []).filter((d) => d.item_id === itemId);
    return dots.length ? { id: dots[dots.length - 1].id } : null;
  });

  function item(it) {
    const name = h("h3.item-name");
    const detail = h("ul.item-cards");
    // A cluster's cards fold away on a phone, where the ballot is one line per item.
    const more = h("details.item-more", { open: !onPhone() }, h("summary"), detail);
    const pips = h("span.pips", { "aria-hidden": "true" });
    const count = h("span.my-count");
    const own = h("span.muted.own-note", {}, "your own cards");
    const plus = h("button.button.dot-place", { type: "button" }, "+", h("span.long", {}, " Dot"));
    const minus = h("button.button.secondary.dot-take-back", { type: "button" }, "−", h("span.long", {}, " Take back"));
    plus.addEventListener("click", () => place(it.id));
    minus.addEventListener("click", () => takeBack(it.id));
    const li = h("li.ballot-item", { dataset: { itemId: it.id } }, h("div.item-body", {}, name, more),
      h("div.item-vote", {}, own, pips, count, minus, plus));
    li.update = (i, cards, myCount, left, settings, open) => {
      const ownOnly = onlyOwnCards(i, cards, settings);
      own.hidden = !ownOnly;
      name.textContent = i.name;
      const shownCards = i.kind === "cluster" ? i.card_ids.filter((id) => cards[id]) : [];
      syncList(detail, shownCards, (id) => id, (id) => h("li", {}, cards[id].text));
      more.hidden = !shownCards.length;
      more.firstChild.textContent = plural(shownCards.length, "card", "cards");
      pips.textContent = "●".repeat(myCount);
      count.replaceChildren(...(myCount ? [h("span.long", {}, "your dots: "), String(myCount)] : []));
      li.dataset.mine = String(myCount);
      plus.disabled = !open || ownOnly || left < 1 || myCount >= settings.max_per_item;
      minus.disabled = !open || myCount < 1;
      plus.setAttribute("aria-label", `Place a dot on ${i.name}`);
      minus.setAttribute("aria-label", `Take back a dot from ${i.name}`);
    };
    return li;
  }

  return (state) => {
    root.hidden = !shown(state);
    if (root.hidden) return;
    const vote = state.vote;
    const cards = byId(state.cards);
    const open = Boolean(vote && vote.status === "open" && state.workshop.phase === "vote");
    const my = state.my_dots && vote && state.my_dots.vote_id === vote.id ? state.my_dots : { dots: [], dots_left: 0 };
    const counts = {};
    for (const d of my.dots) counts[d.item_id] = (counts[d.item_id] || 0) + 1;
    status.textContent = ballotStatus(vote, open, my.dots_left);
    status.dataset.dotsLeft = String(my.dots_left);
    ballot.hidden = !vote || vote.status !== "open";
    syncList(ballot, vote && vote.status === "open" ? vote.items : [], (i) => i.id, item,
      (li, i) => li.update(i, cards, counts[i.id] || 0, my.dots_left, vote.settings, open));
    ranked.update(vote, cards);
  };
}
// -- the control screen ---------------------------------------------------------
export function control(root, live, ui) {
  const dots = h("input", { type: "number", min: 1, max: 100, value: 5, id: "vote-dots" });
  const most = h("input", { type: "number", min: 1, max: 100, value: 3, id: "vote-most" });
  const own = h("input", { type: "checkbox", checked: true, id: "vote-own" });
  const openButton = h("button.button", { type: "submit" }, "Open the vote");
  const form = h("form.vote-form", {},
    h("label.inline", { for: "vote-dots" }, "Dots per person", dots),
    h("label.inline", { for: "vote-most" }, "Most on one item", most),
    h("label.switch", { for: "vote-own" }, own, h("span", {}, "People may vote for their own cards")),
    openButton);
  const progress = h("p.vote-progress", { "aria-live": "polite" });
  const closeButton = h("button.button.danger", { type: "button" }, "Close the vote");
  const items = h("ul.ballot.plain", { "aria-label": "On the ballot" });
  const ranked = ranking();
  const groupBoards = h("section.group-progress", { "aria-label": "Every group's vote" });
  // After the vote step the ranking folds away (a click opens it): the current step leads the screen.
  const fold = h("details.ranking-fold", { open: true }, h("summary", {}, "Ranking of the dot vote"), ranked);
  let foldedFor = null;
  root.append(h("header.panel-head", {}, h("h2", {}, "Dot vote"), closeButton), form, progress, groupBoards, items, fold);

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    openButton.disabled = true;
    const ack = await live.act("vote:open", {
      id: newId(), dots_per_participant: Number(dots.value), max_per_item: Number(most.value), own_items: own.checked,
    });
    openButton.disabled = false;
    if (ack.ok) ui.announce("The vote is open");
  });
  closeButton.addEventListener("click", async () => {
    closeButton.disabled = true;
    // In groups, closing without an id closes every group's vote of the step at once.
    const vote = live.state.vote;
    const ack = await live.act("vote:close", vote.group_id ? {} : { vote_id: vote.id });
    closeButton.disabled = false;
    if (ack.ok) ui.announce("The vote is closed; the ranking is shown to everyone");
  });

  return (state) => {
    root.hidden = !shown(state) && !(state.vote && state.vote.status === "open");
    if (root.hidden) return;
    const vote = state.vote;
    const open = Boolean(vote && vote.status === "open");
    form.hidden = open || state.workshop.phase !== "vote";
    openButton.textContent = vote ? "Open a new vote" : "Open the vote";
    closeButton.hidden = !open;
    const p = state.vote_progress || { voters: 0, dots: 0 };
    const people = (state.participants || []).length;
    progress.hidden = !open;
    progress.textContent = `${p.voters} of ${plural(people, "person has", "people have")} voted · ${plural(p.dots, "dot", "dots")} placed. Totals stay hidden until you close the vote.`;
    progress.dataset.voters = String(p.voters);
    const cards = byId(state.cards);
    const inGroups = Boolean(vote && vote.group_id);
    groupBoards.hidden = !inGroups;
    syncList(groupBoards, inGroups ? groupTiles(state) : [], (t) => t.id, groupTile, (n, t) => n.update(t));
    if (inGroups) {
      const voted = (state.group_votes || []).reduce((sum, v) => sum + (v.voters || 0), 0);
      progress.textContent = `${voted} of ${plural(people, "person has", "people have")} voted in their groups. Totals stay hidden until you close the vote.`;
      progress.dataset.voters = String(voted);
    }
    syncList(items, open && !inGroups ? vote.items : [], (i) => i.id, () => h("li"), (li, i) => {
      li.textContent = i.kind === "cluster" ? `${i.name} (${plural(i.card_ids.length, "card", "cards")})` : i.name;
    });
    ranked.update(inGroups ? null : vote, cards);
    const phase = state.workshop.phase;
    if (foldedFor !== phase) {  // once per phase: the facilitator's own click holds until the step changes
      foldedFor = phase;
      fold.open = phase === "vote";
    }
    fold.hidden = ranked.hidden;
  };
}

/** One tile per group's vote: its name, how many of its members voted, and (closed) its top items. */
export function groupTiles(state) {
  const names = byId(state.groups || []);
  return (state.group_votes || []).map((v) => ({
    id: v.id, name: names[v.group_id]?.name || "Group", voters: v.voters || 0, members: v.members ?? null,
    status: v.status, top: v.status === "closed" ? (v.ranking || []).filter((r) => r.dots).slice(0, 3) : [],
  }));
}

function groupTile() {
  const title = h("h3");
  const figure = h("p.big");
  const top = h("ol.group-top");
  const node = h("article.group-tile", {}, title, figure, top);
  node.update = (t) => {
    node.dataset.voteId = t.id;
    title.textContent = t.name;
    const of = t.members === null ? "" : ` of ${t.members}`;
    figure.textContent = t.status === "open" ? `${t.voters}${of} voted` : `Closed · ${t.voters}${of} voted`;
    syncList(top, t.top, (r) => r.id, () => h("li"), (li, r) => { li.textContent = `${r.name} · ${plural(r.dots, "dot", "dots")}`; });
  };
  return node;
}
