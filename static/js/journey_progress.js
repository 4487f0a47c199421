// Key results, measured, on the journey page: record a key result's figure on a day,
// or remove a reading made by mistake. Each change is stored, then the page reloads
// (reload_after.js) to show where the key result now stands.
import { newId } from "./dom.js";
import { api } from "./keys.js";
import { reloader } from "./reload_after.js";

const journeyId = document.getElementById("main").dataset.journeyId;
const message = document.getElementById("message");
const { store, refocus } = reloader(`bowtie:progress-focus:${journeyId}`, message);

for (const form of document.querySelectorAll(".reading-form[data-key-result]")) {
  const here = `.reading-form[data-key-result="${form.dataset.keyResult}"]`;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const field = (name) => form.elements.namedItem(name).value;
    store(() => api("POST", `/api/journeys/${journeyId}/readings`, {
      id: newId(), key_result_id: form.dataset.keyResult, value: field("value"),
      taken_on: field("taken_on"), note: field("note"),
    }), `${here} [name=value]`);
  });
}

for (const button of document.querySelectorAll(".reading [data-remove-reading]")) {
  const reading = button.closest(".reading");
  const item = button.closest(".progress-item");
  button.addEventListener("click", () => {
    if (!confirm(`${button.getAttribute("aria-label")}?`)) return;
    store(() => api("DELETE", `/api/journeys/${journeyId}/readings/${reading.dataset.readingId}`),
      `.progress-item[data-key-result-id="${item.dataset.keyResultId}"] [name=value]`);
  });
}

refocus();
