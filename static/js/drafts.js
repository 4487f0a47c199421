// Half-typed text kept in the browser's storage until it is sent, so that a reload
// (or a browser that closed by accident) does not lose it. One draft per workshop and box.
const keyOf = (workshopId, box) => `bowtie:draft:${workshopId}:${box}`;

function stored(key, value) {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch (err) {
    // Storage full or refused (a private window): the draft lives in the page only.
  }
}

/** Fill `input` with its saved draft and save it as it is typed; returns `sent()` to forget it. */
export function keepDraft(input, workshopId, box) {
  const key = keyOf(workshopId, box);
  try {
    if (!input.value) input.value = localStorage.getItem(key) || "";
  } catch (err) {
    // No storage: nothing was kept.
  }
  input.addEventListener("input", () => stored(key, input.value));
  return { sent: () => stored(key, "") };
}
