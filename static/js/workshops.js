// Past workshops: the ones whose facilitator key this browser holds (all, for the admin).
import { api, dropKey, holdKey, unlock, when } from "./keys.js";

const table = document.querySelector("#workshops tbody");
const message = document.getElementById("message");
const showArchived = document.getElementById("show-archived");
let listed = [];

function say(text) {
  message.textContent = text;
}

function cell(row, content) {
  const td = row.insertCell();
  if (content instanceof Node) td.append(content);
  else td.textContent = content ?? "";
  return td;
}

function button(label, onClick, danger = false) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = danger ? "link danger" : "link";
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

function render() {
  table.replaceChildren();
  const shown = listed.filter((w) => showArchived.checked || !w.archived_at);
  document.getElementById("empty").hidden = shown.length > 0;
  for (const w of shown) {
    const row = table.insertRow();
    row.dataset.workshopId = w.id;
    row.dataset.archived = w.archived_at ? "yes" : "no";
    const pick = document.createElement("input");
    pick.type = "checkbox";
    pick.value = w.id;
    pick.setAttribute("aria-label", `Select ${w.title}`);
    cell(row, pick);
    const link = document.createElement("a");
    link.href = `/summary/${w.id}`;
    link.textContent = w.title;
    cell(row, link);
    cell(row, when(w.created_at));
    cell(row, w.archived_at ? `${w.phase} (archived)` : w.phase);
    cell(row, String(w.participants));
    cell(row, String(w.cards));
    const actions = cell(row, button(w.archived_at ? "Unarchive" : "Archive", () => archive(w)));
    actions.append(" · ", button("Delete…", () => remove(w), true));
  }
}

async function load() {
  await unlock().catch(() => null);
  const reply = await api("GET", "/api/organise/workshops");
  document.getElementById("who").textContent = reply.admin ? "Admin: every workshop" : "Your workshops";
  listed = reply.workshops;
  render();
}

async function archive(w) {
  try {
    await api("POST", `/api/workshops/${w.id}/archive`, { archived: !w.archived_at });
    await load();
  } catch (err) {
    say(err.message);
  }
}

async function remove(w) {
  const typed = window.prompt(
    `Delete "${w.title}" and everything in it (cards, votes, polls, feedback)? This cannot be undone.\n` +
    `Type its join code (${w.code}) to confirm.`);
  if (typed === null) return;
  try {
    const asked = { confirm: typed.trim().toUpperCase() };
    await api("DELETE", `/api/workshops/${w.id}`, asked).catch((err) => {
      // A workshop of a journey leaves it when deleted: the server asks, naming the journey, so do we.
      if (err.code !== "confirm_leaving_journey" || !window.confirm(`${err.message}. Delete it anyway?`)) throw err;
      return api("DELETE", `/api/workshops/${w.id}`, { ...asked, leave_journey: true });
    });
    dropKey(w.id);
    say(`Deleted "${w.title}".`);
    await load();
  } catch (err) {
    say(err.message);
  }
}

showArchived.addEventListener("change", render);

document.getElementById("add-key").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    const url = new URL(form.link.value);
    const id = url.pathname.split("/").filter(Boolean).pop();
    const key = new URLSearchParams(url.hash.slice(1)).get("key");
    if (!id || !key) throw new Error("paste the whole control link, with its #key=… part");
    holdKey(id, key);
    const reply = await unlock();
    if (!reply.opened.includes(id)) {
      dropKey(id);
      throw new Error("that link's key does not open a workshop on this server");
    }
    form.reset();
    await load();
  } catch (err) {
    say(err.message);
  }
});

document.getElementById("next-stage").addEventListener("submit", async (event) => {
  event.preventDefault();
  const from = [...table.querySelectorAll("input[type=checkbox]:checked")].map((c) => c.value);
  if (!from.length) return say("Select one or more workshops first.");
  const form = event.target;
  try {
    const made = await api("POST", "/api/workshops/next",
      { title: form.title.value, top: Number(form.top.value), from });
    holdKey(made.id, made.facilitator_key);
    say(`Created "${form.title.value}" (code ${made.code}) with ${made.carried_cards} cards from ${from.length} workshop(s).`);
    await load();
  } catch (err) {
    say(err.message);
  }
});

const FIGURES = [
  ["Participants", (a) => a.participants], ["Contributed", (a) => a.contributors], ["Cards", (a) => a.cards],
  ["Dots cast", (a) => a.dots_cast], ["Elmos thrown", (a) => a.elmos],
  ["Minutes planned / spent", (a) => a.time_per_topic?.length ? `${Math.round(a.time_planned / 60)} / ${Math.round(a.time_spent / 60)}` : null],
  ["Decisions / polls", (a) => a.polls ? `${a.decisions} / ${a.polls}` : null],
  ["Rounds to commit (mean)", (a) => a.mean_rounds_to_commit], ["NPS", (a) => a.feedback.nps],
  ["Satisfaction", (a) => a.feedback.satisfaction],
];

document.getElementById("compare").addEventListener("click", async () => {
  const reply = await api("GET", "/api/organise/workshops?compare=1");
  const comparison = document.getElementById("comparison");
  const head = comparison.tHead;
  head.replaceChildren();
  const top = head.insertRow();
  cell(top, "Figure");
  for (const w of reply.workshops) cell(top, w.title);
  const body = comparison.tBodies[0];
  body.replaceChildren();
  for (const [label, pick] of FIGURES) {
    const row = body.insertRow();
    cell(row, label);
    for (const w of reply.workshops) cell(row, String(pick(w.analytics) ?? "–"));
  }
  comparison.hidden = false;
  compareGroups(reply.workshops);
});

function compareGroups(workshops) {
  const table = document.getElementById("group-comparison");
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const w of workshops) {
    const feedback = Object.fromEntries(w.analytics.feedback.per_group.map((g) => [g.group, g]));
    for (const g of w.analytics.cards_per_group) {
      const row = body.insertRow();
      const f = feedback[g.group] || {};
      for (const value of [w.title, g.group, g.participants, g.contributors, g.cards, f.nps, f.satisfaction]) {
        cell(row, String(value ?? "–"));
      }
    }
  }
  table.hidden = body.rows.length === 0;
}

document.getElementById("import").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = event.target.file.files[0];
  if (!file) return;
  try {
    const made = await api("POST", "/api/workshops/import", await file.text());
    say(`Imported "${made.title}".`);
    await load();
  } catch (err) {
    say(err.message);
  }
});

document.getElementById("admin")?.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await api("POST", "/api/organise/admin", { token: event.target.token.value });
    event.target.reset();
    await load();
  } catch (err) {
    say(err.message);
  }
});

load().catch((err) => say(err.message));
