// A journey page asked for its organiser key: from the URL fragment (#key=…) or this browser's store.
import { holdJourneyKey, unlockJourneys } from "./journey_keys.js";

const journeyId = document.getElementById("main").dataset.journeyId;
const message = document.getElementById("unlock-message");
const fromFragment = new URLSearchParams(location.hash.slice(1)).get("key");
if (fromFragment) holdJourneyKey(journeyId, fromFragment);

unlockJourneys().then((reply) => {
  if (reply.opened.includes(journeyId)) {
    history.replaceState(null, "", location.pathname);
    location.reload();
  } else {
    message.textContent = "This browser does not hold this journey's organiser key. Open it with its journey link.";
  }
}).catch((err) => {
  message.textContent = err.message;
});
