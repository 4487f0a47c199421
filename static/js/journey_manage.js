// Renaming a journey (its page) and deleting it (its confirm page, which asks for the title first).
import { api } from "./keys.js";
import { dropJourneyKey } from "./journey_keys.js";
import { parseTeams } from "./journey_teams.js";

const main = document.getElementById("main");
const base = `/api/journeys/${main.dataset.journeyId}`;

function say(id, text) {
  document.getElementById(id).textContent = text;
}

const renaming = document.getElementById("rename-journey");
renaming?.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await api("PATCH", base, { title: renaming.title.value, purpose: renaming.purpose.value,
      teams: parseTeams(renaming.teams.value) });
    location.reload();
  } catch (err) {
    say("rename-message", err.message);
  }
});

const deleting = document.getElementById("delete-journey");
deleting?.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await api("DELETE", base, { confirm: deleting.confirm.value });
    // The organiser key held here opens nothing any more.
    dropJourneyKey(main.dataset.journeyId);
    location.assign("/journeys");
  } catch (err) {
    say("delete-message", err.message);
  }
});
