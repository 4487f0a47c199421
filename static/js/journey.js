// The journey page: add or attach workshops to a stage, take them out, delete, feed the next stage.
import { api, holdKey, dropKey } from "./keys.js";

const journeyId = document.getElementById("main").dataset.journeyId;
const message = document.getElementById("message");
const base = `/api/journeys/${journeyId}`;

function say(text) {
  message.textContent = text;
}

async function act(work) {
  try {
    await work();
  } catch (err) {
    say(err.message);
  }
}

for (const form of document.querySelectorAll("form.add-new")) {
  form.addEventListener("submit", (event) => act(async () => {
    event.preventDefault();
    const made = await api("POST", `${base}/workshops`,
      { stage: form.dataset.stage, title: form.title.value, team: form.team?.value || null });
    holdKey(made.id, made.facilitator_key);
    location.reload();
  }));
}

for (const form of document.querySelectorAll("form.attach")) {
  form.addEventListener("submit", (event) => act(async () => {
    event.preventDefault();
    const url = new URL(form.link.value);
    const id = url.pathname.split("/").filter(Boolean).pop();
    const key = new URLSearchParams(url.hash.slice(1)).get("key");
    if (!id || !key) throw new Error("paste the whole control link, with its #key=… part");
    await api("POST", `${base}/workshops/attach`, { stage: form.dataset.stage, workshop_id: id, facilitator_key: key });
    holdKey(id, key);
    location.reload();
  }));
}

for (const button of document.querySelectorAll("[data-detach]")) {
  button.addEventListener("click", () => act(async () => {
    if (!window.confirm(`Take "${button.dataset.title}" out of this journey? The workshop itself stays.`)) return;
    await api("DELETE", `${base}/workshops/${button.dataset.detach}`);
    location.reload();
  }));
}

for (const button of document.querySelectorAll("[data-delete]")) {
  button.addEventListener("click", () => act(async () => {
    const { title, code } = button.dataset;
    const typed = window.prompt(
      `Delete "${title}" and everything in it? It leaves this journey too, and cannot be undone.\n` +
      `Type its join code (${code}) to confirm.`);
    if (typed === null) return;
    await api("DELETE", `/api/workshops/${button.dataset.delete}`,
      { confirm: typed.trim().toUpperCase(), leave_journey: true });
    dropKey(button.dataset.delete);
    location.reload();
  }));
}

function ticked(form) {
  const stage = form.closest(".stage");
  return [...stage.querySelectorAll(".feed-pick:checked")].map((c) => c.value);
}

function feedBody(form) {
  const from = ticked(form);
  if (!from.length) throw new Error("tick one or more finished workshops of this stage first");
  const merges = [...form.querySelectorAll(".merge-pick:checked")].map((c) => JSON.parse(c.value));
  return { stage: form.dataset.stage, from, top: Number(form.top.value), title: form.title.value, merges };
}

function count(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function showPreview(form, preview) {
  const box = form.querySelector(".feed-preview");
  box.replaceChildren();
  const list = document.createElement("ul");
  for (const item of preview.items) {
    const li = document.createElement("li");
    li.textContent = `${item.title} — ${item.source_title} (${count(item.cards, "card")}, ` +
      `raised by ${count(item.people, "person", "people")})`;
    list.append(li);
  }
  const heading = document.createElement("p");
  heading.textContent = `${count(preview.items.length, "item")} would be carried.`;
  box.append(heading, list);
  for (const merge of preview.merges) {
    const label = document.createElement("label");
    label.className = "choice";
    const pick = document.createElement("input");
    pick.type = "checkbox";
    pick.className = "merge-pick";
    pick.checked = true;
    pick.value = JSON.stringify(merge.keys);
    label.append(pick, ` Merge as one: ${merge.titles.join(" + ")}`);
    box.append(label);
  }
  box.hidden = false;
}

for (const form of document.querySelectorAll("form.feed")) {
  form.querySelector("[data-preview]").addEventListener("click", () => act(async () => {
    showPreview(form, (await api("POST", `${base}/feed/preview`, feedBody(form))).preview);
  }));
  form.addEventListener("submit", (event) => act(async () => {
    event.preventDefault();
    const made = await api("POST", `${base}/feed`, feedBody(form));
    holdKey(made.id, made.facilitator_key);
    location.reload();
  }));
}
