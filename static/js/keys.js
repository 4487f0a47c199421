// Facilitator keys this browser holds: localStorage "bowtie:key:<workshop id>", as control.js keeps them.
const PREFIX = "bowtie:key:";

export function heldKeys() {
  const keys = {};
  for (let i = 0; i < localStorage.length; i++) {
    const name = localStorage.key(i);
    if (name && name.startsWith(PREFIX)) keys[name.slice(PREFIX.length)] = localStorage.getItem(name);
  }
  return keys;
}

export function holdKey(workshopId, key) {
  localStorage.setItem(PREFIX + workshopId, key);
}

export function dropKey(workshopId) {
  localStorage.removeItem(PREFIX + workshopId);
}

export async function api(method, path, body) {
  const options = { method, headers: {}, credentials: "same-origin" };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const reply = await response.json().catch(() => ({ ok: false, error: { message: response.statusText } }));
  if (!reply.ok) {
    const error = new Error(reply.error?.message || "the server refused");
    error.code = reply.error?.code;
    throw error;
  }
  return reply;
}

// Prove the keys held here to the server, which remembers them in this browser's session.
export function unlock() {
  return api("POST", "/api/organise/unlock", { keys: heldKeys() });
}

export function when(stamp) {
  return stamp ? new Date(stamp * 1000).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "";
}
