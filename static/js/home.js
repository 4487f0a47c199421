// The home page: create a workshop from a card template and an agenda template,
// keep the template library, or join a workshop by its code.
import { clear, h, toast } from "./dom.js";
import { columnChips, mountLibrary } from "./library.js";
import { agendaSwitch, stepLine } from "./templates.js";

const create = document.getElementById("create-form");
const join = document.getElementById("join-form");
const agendaChoices = document.getElementById("agenda-choices");
const templateChoices = document.getElementById("template-choices");
let agendas = [];

/** Redraw a fieldset of radio choices, keeping the one picked if it is still there. */
function choices(fieldset, legend, name, items, fallback, describe) {
  const picked = new FormData(create).get(name);
  const keep = items.some((item) => item.key === picked) ? picked : fallback;
  clear(fieldset).append(h("legend", {}, legend), ...items.map((item) => h("label.choice", {},
    h("input", { type: "radio", name, value: item.key, checked: item.key === keep }),
    h("span", {}, h("strong", {}, item.title), " ", describe(item)))));
}

function offer(cards, agendaTemplates) {
  agendas = agendaTemplates;
  choices(agendaChoices, "Agenda", "agenda", agendas, "team-retrospective",
    (a) => h("span.muted", {}, stepLine(a).join(" → ")));
  choices(templateChoices, "Card template", "template", cards, cards[0]?.key, (t) => columnChips(t.columns));
}

// The blind-writing box shows what the chosen agenda's collect step does; what it says is sent.
agendaChoices.addEventListener("change", () => {
  const chosen = agendas.find((a) => a.key === new FormData(create).get("agenda"));
  const blind = agendaSwitch(chosen, "collect", "blind_writing");
  if (blind !== undefined) create.elements.blind_writing.checked = blind;
});

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
        agenda: data.get("agenda"),
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

mountLibrary(offer);
