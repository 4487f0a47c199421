// Summary page: create the next stage of the bowtie from this workshop.
import { api, holdKey } from "./keys.js";

const workshopId = document.getElementById("main").dataset.workshopId;
const form = document.getElementById("next-stage");
const result = document.getElementById("next-result");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  try {
    const made = await api("POST", "/api/workshops/next",
      { title: data.get("title"), top: Number(data.get("top")), from: [workshopId] });
    holdKey(made.id, made.facilitator_key);
    result.textContent = `Created "${made.code}" with ${made.carried_cards} cards. `;
    const link = document.createElement("a");
    link.href = made.control_url;
    link.textContent = "Open its control screen";
    result.append(link);
  } catch (err) {
    result.textContent = err.message;
  }
});
