// Journey page panels store a change, then reload the page to show it as the server
// renders it; the keyboard's place is kept across the reload.

/** A panel's `store(work, ...focus)`: run `work`, then reload with focus on the first of the
 * `focus` selectors that can take it; a refusal shows in `message` and nothing reloads. */
export function reloader(key, message) {
  const store = async (work, ...focus) => {
    try {
      await work();
      sessionStorage.setItem(key, JSON.stringify(focus));
      location.reload();
    } catch (err) {
      message.textContent = err.message;
    }
  };
  const refocus = () => {
    const wanted = JSON.parse(sessionStorage.getItem(key) || "[]");
    sessionStorage.removeItem(key);
    const target = wanted.map((s) => document.querySelector(s)).find((el) => el && !el.disabled);
    target?.focus();
  };
  return { store, refocus };
}
