// Share back on the journey page: publish a briefing link (its secret shown once), revoke one.
import { api } from "./keys.js";

const journeyId = document.getElementById("main").dataset.journeyId;
const base = `/api/journeys/${journeyId}/briefings`;
const message = document.getElementById("message");
const form = document.getElementById("publish-briefing");

function fail(err) {
  message.textContent = err.message;
}

form?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const days = form.days.value ? Number(form.days.value) : null;
  document.getElementById("new-share-url").value = "";  // one link shown at a time, never the last one's
  try {
    const made = await api("POST", base, { kind: form.kind.value, expires_in_days: days });
    document.getElementById("new-share-url").value = made.share.url;
    document.getElementById("new-share").hidden = false;
    message.textContent = `${made.share.title} published; the list shows it after a reload.`;
  } catch (err) {
    fail(err);
  }
});

for (const button of document.querySelectorAll("[data-revoke]")) {
  button.addEventListener("click", async () => {
    try {
      await api("DELETE", `${base}/${button.dataset.revoke}`);
      location.reload();
    } catch (err) {
      fail(err);
    }
  });
}
