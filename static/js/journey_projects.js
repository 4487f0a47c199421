// Projects by pillar on the journey page: add one, move it up or down within its
// pillar, give it another pillar, remove it. Each change is stored, then the page reloads.
import { newId } from "./dom.js";
import { api } from "./keys.js";

const journeyId = document.getElementById("main").dataset.journeyId;
const base = `/api/journeys/${journeyId}/projects`;
const message = document.getElementById("message");
const form = document.getElementById("add-project");

async function store(work) {
  try {
    await work();
    location.reload();
  } catch (err) {
    message.textContent = err.message;
  }
}

form?.addEventListener("submit", (event) => {
  event.preventDefault();
  store(() => api("POST", base, {
    id: newId(), title: form.title.value, team: form.team.value, pillar_id: form.pillar.value,
  }));
});

for (const item of document.querySelectorAll(".project[data-project-id]")) {
  const url = `${base}/${item.dataset.projectId}`;
  for (const button of item.querySelectorAll("[data-move]")) {
    button.addEventListener("click", () => store(() => api("PATCH", url,
      { position: Number(item.dataset.position) + Number(button.dataset.move) })));
  }
  const pillar = item.querySelector("[data-pillar]");
  pillar.addEventListener("change", () => store(() => api("PATCH", url, { pillar_id: pillar.value })));
  item.querySelector("[data-remove]").addEventListener("click", () => store(() => api("DELETE", url)));
}
