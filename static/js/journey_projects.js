// Projects by pillar on the journey page: add one, move it up or down within its
// pillar, rename it, give it another pillar or the key result it moves, remove it. Each change is stored, then
// the page reloads (reload_after.js).
import { newId } from "./dom.js";
import { api } from "./keys.js";
import { reloader } from "./reload_after.js";

const journeyId = document.getElementById("main").dataset.journeyId;
const base = `/api/journeys/${journeyId}/projects`;
const message = document.getElementById("message");
const form = document.getElementById("add-project");
const { store, refocus } = reloader(`bowtie:projects-focus:${journeyId}`, message);

form?.addEventListener("submit", (event) => {
  event.preventDefault();
  store(() => api("POST", base, {
    id: newId(), title: form.title.value, team: form.team.value, pillar_id: form.pillar.value,
    key_result_id: form.key_result?.value ?? "",
  }), "#add-project [name=title]");
});

// A key result belongs to one pillar: picking it picks its pillar, and another pillar lets it go.
form?.key_result?.addEventListener("change", () => {
  const pillar = form.key_result.selectedOptions[0]?.dataset.pillar;
  if (pillar) form.pillar.value = pillar;
});
form?.pillar.addEventListener("change", () => {
  const measure = form.key_result;
  if (measure && measure.selectedOptions[0]?.dataset.pillar !== form.pillar.value) measure.value = "";
});

for (const item of document.querySelectorAll(".project[data-project-id]")) {
  const id = item.dataset.projectId;
  const url = `${base}/${id}`;
  const here = `.project[data-project-id="${id}"]`;
  const title = item.querySelector(".project-title").textContent;
  for (const button of item.querySelectorAll("[data-move]")) {
    const other = -Number(button.dataset.move);
    button.addEventListener("click", () => store(() => api("PATCH", url,
      { position: Number(item.dataset.position) + Number(button.dataset.move) }),
    `${here} [data-move="${button.dataset.move}"]`, `${here} [data-move="${other}"]`));
  }
  const pillar = item.querySelector("[data-pillar]");
  pillar.addEventListener("change", () => store(() => api("PATCH", url, { pillar_id: pillar.value }),
    `${here} [data-pillar]`));
  const measure = item.querySelector("[data-key-result]");
  measure?.addEventListener("change", () => store(() => api("PATCH", url, { key_result_id: measure.value }),
    `${here} [data-key-result]`));
  item.querySelector("[data-rename]").addEventListener("click", () => {
    const renamed = prompt(`Rename “${title}”`, title);
    if (renamed !== null && renamed.trim() && renamed !== title) {
      store(() => api("PATCH", url, { title: renamed }), `${here} [data-rename]`);
    }
  });
  item.querySelector("[data-remove]").addEventListener("click", () => {
    if (confirm(`Remove the project “${title}”?`)) store(() => api("DELETE", url), "#add-project [name=title]");
  });
}

refocus();
