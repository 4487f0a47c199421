// The agenda timeline's editors: one step's settings and what it works on, and
// "save as a template" for the agenda and for the columns cards are written in.
//
// The settings form is built from the kind's own description in /facts.js
// (STEP_KINDS[].settings: name, type, label, help, bounds), never from a copy; the
// server checks every change (a setting locked once the step holds data, a step
// that may not work on that one) and a refusal puts the field back as it was.
import { STEP_KINDS } from "/facts.js";
import { h } from "./dom.js";
import { api } from "./keys.js";

const kindOf = (key) => STEP_KINDS.find((k) => k.key === key);

/** The value a settings field sends: a number field left empty is "none" when the setting is optional. */
export function fieldValue(field, raw) {
  if (field.type === "flag") return Boolean(raw);
  if (field.type === "number") return raw === "" ? (field.optional ? null : NaN) : Number(raw);
  return raw;
}

/** The earlier steps a step may work on: those of a kind it may take, nearest first. */
export function sourcesFor(step, agenda) {
  const kinds = kindOf(step.kind)?.works_on || [];
  const earlier = agenda.steps.slice(0, agenda.steps.findIndex((s) => s.id === step.id));
  return earlier.filter((s) => kinds.includes(s.kind)).reverse();
}

let cardTemplates = null; // the server's library, asked for once per page
function libraryTemplates() {
  cardTemplates ??= api("GET", "/api/card-templates").then((r) => r.templates).catch(() => []);
  return cardTemplates;
}

/** A step's settings and works-on, as a disclosure under its row of the timeline. */
export function stepSettings(step, live) {
  const kind = kindOf(step.kind);
  const fields = (kind?.settings || []).map((field) => settingField(field, step, live));
  const worksOn = worksOnField(step, live);
  const body = h("div.step-settings-fields", {}, ...fields.map((f) => f.node), worksOn.node);
  const node = h("details.step-settings", {},
    h("summary", {}, "Settings", h("span.sr-only", {}, ` of ${step.title}`)), body);
  node.hidden = !fields.length && !worksOn.used;
  node.update = (s, agenda) => {
    node.querySelector("summary .sr-only").textContent = ` of ${s.title}`;
    for (const f of fields) f.update(s);
    worksOn.update(s, agenda);
  };
  return node;
}

function settingField(field, step, live) {
  const id = `setting-${step.id}-${field.name}`;
  const help = field.help ? h("span.field-help", {}, field.help) : null;
  let input;
  if (field.type === "flag") input = h("input", { type: "checkbox", id });
  else if (field.type === "number") {
    input = h("input.step-number", { type: "number", id, min: field.min, max: field.max, step: 1,
      inputmode: "numeric", placeholder: field.optional ? "none" : "" });
  } else if (field.type === "text") input = h("input", { type: "text", id, maxlength: field.max });
  else input = h("select", { id }, ...(field.options || []).map((o) => h("option", { value: o }, o)));
  if (field.type === "key") fillTemplates(input);
  const label = h("label", { for: id }, field.label[0].toUpperCase() + field.label.slice(1));
  const node = field.type === "flag"
    ? h("div.step-field.flag", {}, input, label, help)
    : h("div.step-field", {}, label, input, help);
  let current = step;
  const show = () => {
    const value = current.settings[field.name];
    if (document.activeElement === input) return;
    if (field.type === "flag") input.checked = Boolean(value);
    else if (field.type === "key" && value && ![...input.options].some((o) => o.value === value)) {
      input.append(h("option", { value }, value));
      input.value = value;
    } else input.value = value ?? "";
  };
  input.addEventListener("change", async () => {
    const value = fieldValue(field, field.type === "flag" ? input.checked : input.value);
    const ack = await live.act("agenda:settings", { step_id: current.id, settings: { [field.name]: value } });
    if (!ack.ok) { input.blur(); show(); }
  });
  show();
  return { node, update(s) { current = s; show(); } };
}

/** Every card template of the library as an option (appending options keeps the one chosen). */
async function fillTemplates(select) {
  for (const t of await libraryTemplates()) {
    const known = [...select.options].find((o) => o.value === t.key);
    if (known) known.textContent = t.title;
    else select.append(h("option", { value: t.key }, t.title));
  }
}

function worksOnField(step, live) {
  const id = `works-on-${step.id}`;
  const select = h("select", { id });
  const node = h("div.step-field", {}, h("label", { for: id }, "Works on"), select);
  let current = step;
  const result = {
    node, used: (kindOf(step.kind)?.works_on || []).length > 0,
    update(s, agenda) {
      current = s;
      const sources = sourcesFor(s, agenda);
      node.hidden = !sources.length && !s.works_on;
      if (document.activeElement === select) return;
      select.replaceChildren(...(s.works_on ? [] : [h("option", { value: "" }, "—")]),
        ...sources.map((src) => h("option", { value: src.id }, `${agenda.steps.indexOf(src) + 1}. ${src.title}`)));
      select.value = s.works_on || "";
    },
  };
  select.addEventListener("change", async () => {
    if (!select.value) return;
    const ack = await live.act("agenda:works_on", { step_id: current.id, works_on: select.value });
    if (!ack.ok) { select.blur(); result.update(current, live.state.agenda); }
  });
  return result;
}

/** "Save this agenda as a template" and "Save these columns as a template", into the server's library. */
export function saveAsTemplates(live, ui) {
  const one = (id, label, event, done) => {
    const title = h("input", { id, type: "text", required: true, maxlength: 80, placeholder: "Template title" });
    const form = h("form.template-save", {}, h("label", { for: id }, label), title,
      h("button.button.secondary", { type: "submit" }, "Save"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const ack = await live.act(event, { title: title.value.trim() });
      if (!ack.ok) return;
      title.value = "";
      cardTemplates = null; // the library has one more
      ui.toast(done(ack.template), "info");
    });
    return form;
  };
  return h("div.template-saves", {},
    one("save-agenda-template", "Save this agenda as a template", "agenda_template:save",
      (t) => `Saved the agenda as “${t.title}” in the template library`),
    one("save-card-template", "Save these columns as a template", "card_template:save",
      (t) => `Saved the columns as “${t.title}” in the template library`));
}
