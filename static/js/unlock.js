// A summary page asked for a key: take it from the URL fragment (#key=…) or this browser's store.
import { holdKey, unlock } from "./keys.js";

const workshopId = document.getElementById("main").dataset.workshopId;
const fromFragment = new URLSearchParams(location.hash.slice(1)).get("key");
if (fromFragment) holdKey(workshopId, fromFragment);

unlock().then((reply) => {
  if (reply.opened.includes(workshopId)) {
    history.replaceState(null, "", location.pathname);
    location.reload();
  } else {
    document.getElementById("unlock-message").textContent =
      "This browser does not hold this workshop's facilitator key. Open it with its control link.";
  }
}).catch((err) => {
  document.getElementById("unlock-message").textContent = err.message;
});
