// Organiser keys of journeys this browser holds: localStorage "bowtie:journey:<journey id>".
import { api } from "./keys.js";

const PREFIX = "bowtie:journey:";

export function heldJourneyKeys() {
  const keys = {};
  for (let i = 0; i < localStorage.length; i++) {
    const name = localStorage.key(i);
    if (name && name.startsWith(PREFIX)) keys[name.slice(PREFIX.length)] = localStorage.getItem(name);
  }
  return keys;
}

export function holdJourneyKey(journeyId, key) {
  localStorage.setItem(PREFIX + journeyId, key);
}

export function dropJourneyKey(journeyId) {
  localStorage.removeItem(PREFIX + journeyId);
}

// Prove the organiser keys held here to the server, which remembers them in this browser's session.
export function unlockJourneys() {
  const keys = heldJourneyKeys();
  if (!Object.keys(keys).length) return Promise.resolve({ ok: true, opened: [], refused: [] });
  return api("POST", "/api/journeys/unlock", { keys });
}
