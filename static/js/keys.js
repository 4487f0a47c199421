// Facilitator keys this browser holds, by workshop id (localStorage "bowtie.facilitatorKeys").
const STORE = "bowtie.facilitatorKeys";

export function heldKeys() {
  try {
    const keys = JSON.parse(localStorage.getItem(STORE) || "{}");
    return keys && typeof keys === "object" ? keys : {};
  } catch {
    return {};
  }
}

export function holdKey(workshopId, key) {
  localStorage.setItem(STORE, JSON.stringify({ ...heldKeys(), [workshopId]: key }));
}

export function dropKey(workshopId) {
  const keys = heldKeys();
  delete keys[workshopId];
  localStorage.setItem(STORE, JSON.stringify(keys));
}

export async function api(method, path, body) {
  const options = { method, headers: {}, credentials: "same-origin" };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const reply = await response.json().catch(() => ({ ok: false, error: { message: response.statusText } }));
  if (!reply.ok) throw new Error(reply.error?.message || "the server refused");
  return reply;
}

// Prove the keys held here to the server, which remembers them in this browser's session.
export function unlock() {
  return api("POST", "/api/organise/unlock", { keys: heldKeys() });
}

export function when(stamp) {
  return stamp ? new Date(stamp * 1000).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "";
}
