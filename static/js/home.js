// The home page: create a workshop, or join one by its code.
import { toast } from "./dom.js";

const create = document.getElementById("create-form");
const join = document.getElementById("join-form");

create.addEventListener("submit", async (e) => {
  e.preventDefault();
  const data = new FormData(create);
  const button = create.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const response = await fetch("/api/workshops", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        title: data.get("title"),
        context: data.get("context"),
        template: data.get("template"),
        blind_writing: data.get("blind_writing") === "on",
        group_size: Number(data.get("group_size")),
      }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : "Could not create the workshop.");
    localStorage.setItem(`bowtie:key:${body.id}`, body.facilitator_key);
    location.assign(body.control_url);
  } catch (err) {
    toast(err.message);
    button.disabled = false;
  }
});

join.addEventListener("submit", (e) => {
  e.preventDefault();
  const code = new FormData(join).get("code").replace(/[^0-9a-z]/gi, "").toUpperCase();
  if (code.length !== 6) return toast("A join code has 6 letters and digits.");
  location.assign(`/j/${code}`);
});
