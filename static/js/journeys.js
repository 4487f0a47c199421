// Journeys: the ones whose organiser key this browser holds (all, for the admin), and a new one.
import { api, when } from "./keys.js";
import { holdJourneyKey, unlockJourneys } from "./journey_keys.js";
import { parseTeams } from "./journey_teams.js";

const message = document.getElementById("message");

function say(text) {
  message.textContent = text;
}

async function load() {
  await unlockJourneys().catch(() => null);
  const reply = await api("GET", "/api/journeys");
  const body = document.querySelector("#journeys tbody");
  body.replaceChildren();
  for (const j of reply.journeys) {
    const row = body.insertRow();
    const link = document.createElement("a");
    link.href = `/journeys/${j.id}`;
    link.textContent = j.title;
    row.insertCell().append(link);
    row.insertCell().textContent = when(j.created_at);
    row.insertCell().textContent = String(j.workshops);
  }
  document.getElementById("empty").hidden = reply.journeys.length > 0;
}

document.getElementById("new-journey").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    const made = await api("POST", "/api/journeys", {
      title: form.title.value, purpose: form.purpose.value, teams: parseTeams(form.teams.value),
    });
    holdJourneyKey(made.id, made.organiser_key);
    location.assign(`/journeys/${made.id}`);
  } catch (err) {
    say(err.message);
  }
});

load().catch((err) => say(err.message));
