// What the room view draws for each step kind: one focus per screen, from the
// room the server sends (workshop/domain/room.py). Pure DOM builders; the
// shared wording and charts come from the areas (votes, polls, agenda, clock).
import { AGREE, COMMIT } from "/facts.js";
import { h } from "./dom.js";
import { timerFace } from "./clock.js";
import { kindTitle } from "./areas/agenda.js";
import { chart, verdict } from "./areas/polls.js";
import { plural } from "./areas/votes.js";
import { statementText } from "./areas/statements.js";
import { elmoCall, elmoNeeded } from "./areas/step_elmo.js";

const SHOWN_IN_RANKING = 10;

/** "Cluster · Sorting the ideas": the running step, for the head of the screen. */
export function stepLine(step) {
  if (!step) return "Welcome";
  const kind = kindTitle(step.kind);
  return step.title && step.title !== kind ? `${kind} · ${step.title}` : kind;
}

const lead = (text) => h("p.room-lead", {}, text);
const big = (text, attrs = {}) => h("p.room-big", attrs, text);

// One QR image for the page's life: drawn again on every change, a new one would reload and flicker.
let qr = null;
const qrCode = (code) => qr || (qr = h("img.room-qr", { src: `/w/${code}/qr.svg`, alt: "QR code of the join link", width: 440, height: 440 }));

function lobby(room, facts) {
  const n = room.people.joined;
  return h("div.room-lobby", {},
    h("div.room-join-panel", {},
      h("div", {}, lead("Join at"), h("p.room-link", {}, facts.joinUrl), lead("with the code"),
        h("p.room-code", { "aria-label": `Join code ${facts.code}` }, `${facts.code.slice(0, 3)} ${facts.code.slice(3)}`)),
      qrCode(facts.code)),
    h("div.room-arrivals", {},
      h("h2", {}, n ? `${plural(n, "person has", "people have")} joined` : "Waiting for the first people…"),
      // Newest first: people look for their own name, and a full screen cuts off the oldest.
      h("ul.room-names", {}, ...[...room.people.arrived].reverse().map((p) => h("li", { dataset: { online: String(p.online) } }, p.name)))));
}

/** The running step's own time-box (its planned minutes from its start), counted down like a topic's. */
function stepTimer(step, caption) {
  if (!step || !step.started_at || !step.planned_minutes) return null;
  const timer = { state: "running", deadline: step.started_at + step.planned_minutes * 60 };
  return h("div.room-timebox", {}, h("span.room-caption", {}, caption),
    h("p.room-timer", { dataset: { timer: JSON.stringify(timer) } }), h("p.room-timer-label"));
}

/** "23 of 30 have written · 41 cards": the whole room's writing, above its groups' tiles
 * (with many groups, more tiles than one screen holds). */
function roomWriting(groups) {
  if (groups.length < 2) return null;
  const sum = (key) => groups.reduce((n, g) => n + g[key], 0);
  return h("p.room-figure.room-total", {}, `${sum("writers")} of ${sum("members")} have written · ${plural(sum("cards"), "card", "cards")}`);
}

function collect(room) {
  return h("div.room-collect", {}, stepTimer(room.step, "Writing time"),
    h("ul.room-columns", {}, ...room.columns.map((c) => h("li", {}, h("h2", {}, c.title), c.hint ? h("p", {}, c.hint) : null))),
    roomWriting(room.groups),
    h("ul.room-tiles", { "aria-label": "Writing in each group" }, ...room.groups.map((g) => h("li.room-tile", { dataset: { group: g.id } },
      h("h3", {}, g.name),
      h("p.room-figure", {}, `${g.writers} of ${g.members} have written`),
      h("p", {}, plural(g.cards, "card", "cards")),
      g.shown?.length ? h("ul.room-cards", { "aria-label": `${g.name}'s cards` },
        ...g.shown.map((c) => h("li", { dir: "auto", dataset: { column: c.column } }, c.text))) : null))));
}

// One tile per cluster, largest first; while the room clusters together each reads out its
// first cards (the server picks them: domain/room.py), and the cards still loose come last.
function clusterTiles(clusters, loose) {
  const sorted = [...clusters].sort((a, b) => b.cards - a.cards);
  const tiles = sorted.map((c) => clusterTile("li.room-cluster", c.name, c));
  if (loose?.cards) tiles.push(clusterTile("li.room-loose", "Not clustered yet", loose));
  return h("ul.room-clusters", { "aria-label": "Clusters" }, ...tiles);
}

function clusterTile(tag, name, { cards, shown = [] }) {
  const more = cards - shown.length;
  return h(tag, {}, h("span.room-cluster-name", { dir: "auto" }, name), h("span.room-count", {}, plural(cards, "card", "cards")),
    shown.length ? h("ul.room-cluster-cards", { "aria-label": `Cards of ${name}` }, ...shown.map((text) => h("li", { dir: "auto" }, text))) : null,
    shown.length && more > 0 ? h("p.room-more", {}, `and ${more} more`) : null);
}

/** "7 of 10 cards in 3 clusters": how far the room has come, beside the step's time-box. */
function clusterHead(room, whole) {
  const loose = room.unclustered;
  const clustered = whole.reduce((sum, c) => sum + c.cards, 0);
  const total = clustered + (loose?.cards ?? 0);
  const figure = loose && total ? h("p.room-figure", {},
    `${clustered} of ${plural(total, "card", "cards")} in ${plural(whole.length, "cluster", "clusters")}`) : null;
  return h("div.room-cluster-head", {}, figure, stepTimer(room.step, "Time left"));
}

function cluster(room) {
  const groups = room.groups.filter((g) => room.clusters.some((c) => c.group_id === g.id));
  if (!groups.length) {
    const whole = room.clusters.filter((c) => !c.group_id);
    return h("div.room-cluster-step", {}, clusterHead(room, whole), whole.length || room.unclustered?.cards
      ? clusterTiles(whole, room.unclustered) : lead("Clusters appear here as the cards are gathered."));
  }
  return h("div.room-cluster-step", {}, clusterHead(room, []), h("ul.room-tiles.room-group-boards", { "aria-label": "Each group's clusters" }, ...groups.map((g) => {
    const mine = room.clusters.filter((c) => c.group_id === g.id);
    const cards = mine.reduce((sum, c) => sum + c.cards, 0);
    return h("li.room-tile", {}, h("h3", {}, g.name),
      h("p.room-figure", {}, `${plural(mine.length, "cluster", "clusters")} · ${plural(cards, "card", "cards")}`),
      h("ul.room-mini", {}, ...mine.map((c) => h("li", {}, `${c.name} (${c.cards})`))));
  })));
}

function rankingChart(ranking) {
  const shown = ranking.slice(0, SHOWN_IN_RANKING);
  const most = Math.max(1, ...shown.map((r) => r.dots));
  return h("ol.room-ranking", { "aria-label": "Ranking" }, ...shown.map((r) => {
    const bar = h("span.room-bar", { "aria-hidden": "true" });
    bar.style.width = `${(r.dots / most) * 100}%`;
    return h("li", {}, h("span.room-rank", {}, String(r.rank)), h("span.room-item", {}, r.name),
      h("span.room-bar-track", {}, bar), h("span.room-dots", {}, plural(r.dots, "dot", "dots")));
  }));
}

function vote(room) {
  const v = room.vote;
  if (!v) return lead("The vote opens soon.");
  if (v.status === "open") {
    return h("div.room-vote", {}, stepTimer(room.step, "Time left"),
      h("div.room-centre", {}, big(`${v.voters} of ${v.members}`, { "data-voters": String(v.voters) }),
        lead("have voted"), h("p", {}, "The ranking shows when the vote closes.")));
  }
  return h("div", {}, h("h2", {}, "The ranking"), rankingChart(v.ranking));
}

function discuss(room) {
  const t = room.topic;
  if (!t) return lead("The first topic opens soon.");
  const elmo = t.elmo;
  return h("div.room-discuss", {},
    h("h2.room-topic", {}, t.title),
    h("div.room-discuss-row", {},
      h("div.room-timer-box", {}, h("p.room-timer", { dataset: { timer: JSON.stringify(t.timer) } }), h("p.room-timer-label")),
      h("div.room-elmo", { dataset: { moveOn: String(elmo.move_on) } },
        h("p.room-figure", {}, elmoNeeded(elmo)), h("p", {}, elmoCall(elmo, null)))),
    t.cards.length ? h("ul.room-cards", { "aria-label": "The topic's cards" }, ...t.cards.map((c) => h("li", {}, c))) : null);
}

function decide(room) {
  const p = room.poll;
  if (!p) return lead("A proposal comes soon.");
  return pollView(p);
}

function pollView(p) {
  const proposal = h("blockquote.room-proposal", {}, p.proposal);
  if (p.open) {
    return h("div.room-centre", {}, proposal, big(`${p.answered} of ${p.present}`, { "data-answered": String(p.answered) }),
      lead("have answered"));
  }
  return h("div.room-poll", { dataset: { result: p.result } }, proposal,
    h("div.room-verdict-row", {}, h("p.room-verdict", {}, p.result === COMMIT ? "Commit" : "Not yet"), h("p", {}, verdict(p))),
    h("div.room-chart", { dataset: { agree: String(AGREE) } }, chart(p.distribution)));
}

function summary(room) {
  const f = room.figures;
  return h("div.room-summary", {},
    h("section", {}, h("h2", {}, "Decisions"), room.decisions.length
      ? h("ul.room-list", {}, ...room.decisions.map((d) => h("li", {}, d.proposal))) : h("p", {}, "No decisions recorded.")),
    h("section", {}, h("h2", {}, "Actions"), room.actions.length
      ? h("ul.room-list", {}, ...room.actions.map((a) => h("li", {}, a.text, h("span.room-owner", {}, ` — ${a.owner}${a.due ? `, ${a.due}` : ""}`))))
      : h("p", {}, "No actions recorded.")),
    h("ul.room-figures", { "aria-label": "Figures" }, ...[
      [f.participants, "people"], [f.cards, "cards"], [f.clusters, "clusters"], [f.topics, "topics"],
      [f.decisions, "decisions"], [f.actions, "actions"]].map(([n, what]) => h("li", {}, h("strong", {}, String(n)), ` ${what}`))));
}

// An objective as the room discusses it: what, by when, and each key result with its move and owner
// on a line of their own, so that a long statement, cut short, never hides the figures.
const objectiveItem = (o) => h("li.room-objective", { "data-state": o.state },
  h("p.room-objective-text", {}, o.text, " ", h("span.room-horizon", {}, `· ${o.horizon}`),
    o.state === "accepted" ? h("span.room-accepted", {}, "✓ Accepted") : null),
  h("p.room-kr-count", {}, plural(o.key_results.length, "key result", "key results")),
  h("ul.room-krs", { "aria-label": `Key results of ${o.text}` }, ...o.key_results.map((kr) => h("li", {},
    h("span.room-kr-text", {}, kr.statement),
    h("span.room-kr-move", {}, h("strong", {}, kr.move), kr.owner ? h("span.room-owner", {}, ` · ${kr.owner}`) : null)))));

// Pillars and OKRs (issue 15): the pillars with their snippets, large. In the OKRs step a pillar's
// objectives take the place of its snippets once one is presented: a projector has no room for both.
function pillarTiles(room, withObjectives) {
  const pillars = room.strategy?.pillars || [];
  if (!pillars.length) return lead("The pillars appear here as the facilitator writes them.");
  return h("ul.room-tiles.room-pillars", { "aria-label": "Strategic pillars" }, ...pillars.map((p) => {
    const objectives = withObjectives ? p.objectives : [];
    return h("li.room-tile", {},
      h("h3", {}, p.name), p.description ? h("p", {}, p.description) : null,
      p.snippets.length && !objectives.length ? h("ul.room-mini", { "aria-label": `Snippets of ${p.name}` },
        ...p.snippets.map((s) => h("li", {}, s.count > 1 ? `${s.text} ×${s.count}` : s.text))) : null,
      objectives.length ? h("ul.room-objectives", { "aria-label": `Objectives of ${p.name}` }, ...objectives.map(objectiveItem))
        : null);
  }));
}

/** A pillar whose objectives run past the screen folds them to their titles and a count of key
 * results, accepted ones first, then the oldest, until the rest fits; if folding is not enough,
 * the folded ones make way for "2 more objectives" beside the pillar's name. The objective the
 * room is reviewing (the newest not yet accepted) stays whole. Layout decides, so this runs on
 * the drawn page (room.js). */
export function foldObjectives(focus) {
  const bottom = focus.getBoundingClientRect().bottom;
  const accepted = (item) => (item.dataset.state === "accepted" ? 0 : 1);
  for (const list of focus.querySelectorAll(".room-objectives")) {
    const fits = () => list.getBoundingClientRect().bottom <= bottom;
    const others = [...list.children].sort((a, b) => accepted(a) - accepted(b)).slice(0, -1);
    for (const item of others) {
      if (fits()) break;
      item.classList.add("folded");
    }
    let more = null;
    others.forEach((item, i) => {
      if (fits()) return;
      item.hidden = true;
      more ||= list.closest(".room-tile").querySelector("h3").appendChild(h("span.room-more-objectives"));
      more.textContent = plural(i + 1, "more objective", "more objectives");
    });
    if (!fits()) list.classList.add("tight"); // the last resort: its text on one line, its figures whole
  }
}

const pillarsView = (room) => h("div.room-pillars-step", {}, stepBar(room), pillarTiles(room, false));
const okrsView = (room) => h("div.room-okrs-step", {}, stepBar(room), pillarTiles(room, true));

function statements(room) {
  const s = room.statements;
  const committed = s.committed && room[s.subject];
  if (committed) {
    return h("figure.committed-sentence.room-committed", { dataset: { subject: s.subject } },
      h("figcaption", {}, s.subject === "purpose" ? "Our purpose" : "Our vision"), h("blockquote", { dir: "auto" }, committed));
  }
  // Once the sentence is put to the poll, the poll is the focus: the statements step aside.
  return h("div.room-statements", {},
    h("h2.room-topic", { dir: "auto" }, s.prompt),
    s.poll ? null : s.statements.length
      ? h("ul.room-statement-list", { "aria-label": "The statements" }, ...s.statements.map((x) => h("li", {}, statementText(x.text, x.heat))))
      : h("div.room-centre", {}, big(`${s.written}`, { "data-written": String(s.written) }),
        lead(s.writing_open ? "statements written so far" : "statements written; writing is closed")),
    s.ranking.length ? h("section.room-phrases-box", {}, h("h3", {}, "Most-kept phrases"), h("ol.room-phrases", { "aria-label": "Most-kept phrases" },
      ...s.ranking.slice(0, SHOWN_IN_RANKING).map((p) => h("li", {}, h("span", { dir: "auto" }, p.text), h("span.room-count", {}, ` ×${p.count}`))))) : null,
    s.poll ? pollView(s.poll) : null,
    s.sentence && s.sentence !== s.poll?.proposal ? h("blockquote.room-proposal.live-sentence", { dir: "auto" }, s.sentence) : null);
}

/** The committed purpose and vision, large, for the "why we are here" strip of every step;
 * but for the running statements step's own subject, which fills the screen above. */
export function whyHere(room) {
  const own = room.statements?.subject;
  return ["purpose", "vision"].filter((k) => room[k] && k !== own).map((k) => h("p.room-why-line", { dataset: { subject: k } },
    h("span.room-why-label", {}, k === "purpose" ? "Our purpose" : "Our vision"), h("span", { dir: "auto" }, room[k])));
}

// Steps with no topics (issue 15): the step's time-box, and the Elmos thrown on the step against the threshold.
function stepElmo(room) {
  const e = room.step_elmo;
  if (!e) return null;
  return h("div.room-elmo.room-step-elmo", { dataset: { moveOn: String(e.move_on) } },
    h("p.room-figure.room-step-elmo-figure", {}, elmoNeeded(e)),
    h("p", {}, elmoCall(e, e.percent)));
}

function stepBar(room) {
  return h("div.room-discuss-row.room-step-bar", {}, stepTimer(room.step, "Time left"), stepElmo(room));
}

const withStepBar = (view) => (room, facts) => h("div.room-with-step-bar", {}, stepBar(room), view(room, facts));

export const STEP_VIEWS = { lobby, collect, cluster, vote, discuss, decide: withStepBar(decide), summary, feedback: summary,
  statements: withStepBar(statements),
  pillars: pillarsView, okrs: okrsView };

/** Count every time-box on the screen down from its stored deadline. */
export function tickTimers(root, now) {
  for (const el of root.querySelectorAll(".room-timer")) {
    const face = timerFace(JSON.parse(el.dataset.timer), now);
    el.textContent = face.digits;
    el.dataset.state = face.state;
    el.nextElementSibling.textContent = face.label;
  }
}
