// Objectives and key results for each pillar. The room (or, with pillar teams,
// each group for its own pillar, in its own room) drafts an objective with two
// to five key results and presents it; the facilitator accepts it or sends it
// back with a note. The limits and horizons come from /facts.js; the server
// checks every key result (numbers, a due date to come, baseline ≠ target).
import { HORIZONS, OKR_LIMITS } from "/facts.js";
import { h, newId, syncList } from "../dom.js";
import { pillarsOf, runningOf } from "./pillars.js";

export const reducers = {
  "okr:changed"(state, { objective }) {
    const list = state.okrs.objectives;
    const i = list.findIndex((o) => o.id === objective.id);
    if (i >= 0) list[i] = objective;
    else list.push(objective);
  },
  "okr:teams"(state, { teams }) { state.okrs.teams = teams; },
};

// -- pure helpers (tests/js/okrs.test.js) -------------------------------------------

const STATE_WORDS = { draft: "Draft", presented: "Presented", accepted: "Accepted", sent_back: "Sent back" };
export const stateText = (o) => STATE_WORDS[o.state] || o.state;

/** The pillar a group is the team of, in this step (null: none, or no teams). */
export function teamPillar(state, step, groupId) {
  const team = (state.okrs?.teams || []).find((t) => t.step_id === step.id && t.group_id === groupId);
  return team ? team.pillar_id : null;
}

export const pillarTeams = (step) => step.settings?.scope === "groups";

// -- shared views -------------------------------------------------------------------

export function objectiveView(o) {
  const rows = o.key_results.map((kr) => h("tr", {},
    h("td", {}, kr.statement), h("td", {}, kr.metric), h("td.num", {}, kr.move),
    h("td", {}, kr.due), h("td", {}, kr.owner)));
  return h("article.objective", { dataset: { state: o.state } },
    h("header.row", {}, h("h4", {}, o.text), h("span.badge", {}, o.horizon_label),
      h("span.badge.okr-state", {}, stateText(o))),
    o.note ? h("p.okr-note", {}, `Note: ${o.note}`) : null,
    h("table.key-results", {}, h("caption.sr-only", {}, `Key results of ${o.text}`),
      h("thead", {}, h("tr", {}, ...["Key result", "Metric", "Baseline → target", "Due", "Owner"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...rows)));
}

// Hints, not values: a grey "Ann" or "10" in every row reads as already filled in.
const KR_FIELDS = [
  ["statement", "Key result", { maxlength: OKR_LIMITS.statement_max, placeholder: "e.g. Fewer interruptions" }],
  ["metric", "Metric", { maxlength: OKR_LIMITS.metric_max, placeholder: "e.g. Focus hours a week" }],
  ["unit", "Unit", { maxlength: OKR_LIMITS.unit_max, placeholder: "e.g. h" }],
  ["baseline", "Baseline", { inputmode: "decimal", placeholder: "today" }],
  ["target", "Target", { inputmode: "decimal", placeholder: "the aim" }],
  ["due", "Due", { type: "date" }],
  ["owner", "Owner", { maxlength: OKR_LIMITS.owner_max, placeholder: "a name" }],
];

function keyResultRow(n, kr = null) {
  const inputs = {};
  const cells = KR_FIELDS.map(([name, label, attrs]) => {
    const id = `kr-${n}-${name}-${newId().slice(0, 8)}`;
    inputs[name] = h("input", { id, name, ...attrs });
    if (kr) inputs[name].value = String(kr[name] ?? "");
    return h("div.kr-field", {}, h("label", { for: id }, `${label} ${n}`), inputs[name]);
  });
  const row = h("fieldset.kr-row", {}, h("legend", {}, `Key result ${n}`), ...cells);
  row.krId = kr?.id || newId();
  row.inputs = inputs;
  row.value = () => ({ id: row.krId, ...Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()])) });
  return row;
}

/** The input an error's ``field`` names ("text", "horizon", "key_results.1.target"), or null for the form. */
export function fieldFor(field, { text, horizon, rows }) {
  const [top, n, name] = String(field || "").split(".");
  if (top === "text") return text;
  if (top === "horizon") return horizon;
  if (top === "key_results" && n !== undefined) {
    const row = rows.children[Number(n)];
    return row ? (name && row.inputs[name]) || row.querySelector("input") : null;
  }
  return null;
}

/** Show a refusal next to the field it is about (the form's end if none), described by it for screen readers. */
function showError(form, fields, error) {
  for (const old of form.querySelectorAll(".field-error")) old.remove();
  for (const bad of form.querySelectorAll("[aria-invalid=true]")) {
    bad.removeAttribute("aria-invalid");
    bad.removeAttribute("aria-describedby");
  }
  if (!error) return;
  const input = fieldFor(error.field, fields);
  const id = `error-${newId().slice(0, 8)}`;
  const message = h("p.field-error", { id, role: "alert" }, error.message);
  if (input) {
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", id);
    input.after(message);
    input.focus();
  } else form.append(message);
}

/** The drafting form: an objective, its horizon and two to five key results. */
function draftForm(live, ui, choosePillar) {
  const text = h("input", { id: "okr-objective", maxlength: OKR_LIMITS.objective_max, placeholder: "e.g. Remarkable focus for everyone" });
  const horizon = h("select", { id: "okr-horizon" }, ...HORIZONS.map(([key, label]) => h("option", { value: key }, label)));
  const pillar = h("select", { id: "okr-pillar" });
  const pillarField = h("div.stack", {}, h("label", { for: "okr-pillar" }, "Pillar"), pillar);
  const rows = h("div.kr-rows");
  const more = h("button.button.secondary", { type: "button" }, "Add a key result");
  const save = h("button.button.secondary", { type: "submit", value: "save" }, "Save draft");
  const present = h("button.button", { type: "submit", value: "present" }, "Present to the room");
  const form = h("form.okr-form.stack", {}, h("h3", {}, "Draft an objective"), pillarField,
    h("label", { for: "okr-objective" }, "Objective"), text,
    h("label", { for: "okr-horizon" }, "Horizon"), horizon, rows, h("div.row", {}, more, save, present));
  let objectiveId = newId();
  const addRow = () => { rows.append(keyResultRow(rows.children.length + 1)); more.hidden = rows.children.length >= OKR_LIMITS.key_results_max; };
  const reset = () => {
    objectiveId = newId();
    text.value = "";
    rows.replaceChildren();
    for (let i = 0; i < OKR_LIMITS.key_results_min; i++) addRow();
  };
  reset();
  more.addEventListener("click", addRow);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const pillarId = choosePillar() || pillar.value;
    const ack = await live.act("okr:save", { id: objectiveId, pillar_id: pillarId, text: text.value, horizon: horizon.value,
      key_results: [...rows.children].map((r) => r.value()) });
    showError(form, { text, horizon, rows }, ack.ok ? null : ack.error);
    if (!ack.ok) return;
    if (e.submitter?.value === "present") {
      const shown = await live.act("okr:present", { objective_id: objectiveId });
      if (!shown.ok) return;
      ui.announce("Objective presented to the room");
      reset();
    } else {
      ui.announce("Draft saved");
    }
  });
  form.update = (pillars, fixed) => {
    pillarField.hidden = Boolean(fixed);
    syncList(pillar, pillars, (p) => p.id, (p) => h("option", { value: p.id }), (o, p) => { o.textContent = p.name; });
  };
  return form;
}

function pillarSection(p, objectives, { facilitator, live, review }) {
  const mine = objectives.filter((o) => o.pillar_id === p.id);
  return h("section.okr-pillar", {}, h("h3", {}, p.name),
    mine.length ? h("div.stack", {}, ...mine.map((o) => facilitator ? review(o) : objectiveView(o)))
      : h("p.muted", {}, "No objectives yet."));
}

/** The facilitator's editor of one objective (any team's, in any state: the server keeps its state). */
function objectiveEditor(o, live, ui, done) {
  const uid = o.id.slice(0, 8);
  const text = h("input", { id: `edit-text-${uid}`, maxlength: OKR_LIMITS.objective_max });
  text.value = o.text;
  const horizon = h("select", { id: `edit-horizon-${uid}` }, ...HORIZONS.map(([key, label]) => h("option", { value: key }, label)));
  horizon.value = o.horizon;
  const rows = h("div.kr-rows", {}, ...o.key_results.map((kr, i) => keyResultRow(i + 1, kr)));
  const more = h("button.button.secondary", { type: "button" }, "Add a key result");
  const cancel = h("button.button.secondary", { type: "button" }, "Cancel");
  const save = h("button.button", { type: "submit" }, "Save changes");
  const form = h("form.okr-form.okr-editor.stack", { "aria-label": `Edit ${o.text}` },
    h("h4", {}, `Editing “${o.text}”`),
    h("label", { for: text.id }, "Objective"), text, h("label", { for: horizon.id }, "Horizon"), horizon,
    rows, h("div.row", {}, more, cancel, save));
  const fields = { text, horizon, rows };
  more.hidden = rows.children.length >= OKR_LIMITS.key_results_max;
  more.addEventListener("click", () => {
    rows.append(keyResultRow(rows.children.length + 1));
    more.hidden = rows.children.length >= OKR_LIMITS.key_results_max;
  });
  cancel.addEventListener("click", () => done());
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const ack = await live.act("okr:save", { id: o.id, pillar_id: o.pillar_id, text: text.value, horizon: horizon.value,
      key_results: [...rows.children].map((r) => r.value()) });
    showError(form, fields, ack.ok ? null : ack.error);
    if (!ack.ok) return;
    ui.announce("Objective saved");
    done();
  });
  return form;
}

/** The facilitator's objectives: accept or send back a presented one, edit any; an open editor survives redraws. */
function reviewer(live, ui, redraw) {
  const editing = new Map();
  return (o) => {
    if (editing.has(o.id)) return editing.get(o.id);
    const view = objectiveView(o);
    const edit = h("button.button.secondary", { type: "button", "aria-label": `Edit ${o.text}` }, "Edit");
    edit.addEventListener("click", () => {
      editing.set(o.id, objectiveEditor(o, live, ui, () => { editing.delete(o.id); redraw(); }));
      redraw();
      editing.get(o.id).querySelector("input")?.focus();
    });
    const tools = h("div.row.okr-review", {}, edit);
    if (o.state === "presented") {
      const note = h("input", { id: `note-${o.id}`, maxlength: OKR_LIMITS.note_max, placeholder: "What to rework" });
      const accept = h("button.button", { type: "button" }, "Accept");
      const back = h("button.button.secondary", { type: "button" }, "Send back");
      accept.addEventListener("click", () => live.act("okr:accept", { objective_id: o.id }));
      back.addEventListener("click", () => live.act("okr:send_back", { objective_id: o.id, note: note.value }));
      tools.append(h("label.sr-only", { for: `note-${o.id}` }, `Note for ${o.text}`), note, back, accept);
    }
    view.append(tools);
    return view;
  };
}

/** Draw the objectives again only when they changed, so a typed note survives other updates. */
function redrawn(container, key, draw) {
  if (container.dataset.drawn === key) return;
  container.dataset.drawn = key;
  container.replaceChildren(...draw());
}

// -- participant ---------------------------------------------------------------------

export function board(root, live, ui) {
  const team = h("p.okr-team");
  let fixedPillar = null;
  const form = draftForm(live, ui, () => fixedPillar);
  const list = h("div.okr-list");
  root.append(h("h2", {}, "Objectives and key results"), team, form, list);
  return (state) => {
    const step = runningOf(state, "okrs");
    root.hidden = !step;
    if (!step) return;
    const pillars = pillarsOf(state, step.works_on);
    fixedPillar = pillarTeams(step) ? teamPillar(state, step, state.me?.group_id) : null;
    const ours = pillars.find((p) => p.id === fixedPillar);
    team.textContent = pillarTeams(step)
      ? (ours ? `Your group drafts the objectives of the pillar “${ours.name}”.` : "The facilitator assigns your group a pillar soon.")
      : "Draft objectives for any pillar; the facilitator accepts them.";
    form.hidden = pillarTeams(step) && !ours;
    form.update(pillars, fixedPillar);
    const shown = ours ? [ours] : pillars;
    redrawn(list, JSON.stringify([shown, state.okrs.objectives]), () =>
      shown.map((p) => pillarSection(p, state.okrs.objectives, { facilitator: false })));
  };
}

// -- facilitator ---------------------------------------------------------------------

function teamPicker(live) {
  const list = h("ul.okr-teams");
  list.update = (state, step, pillars) => {
    syncList(list, state.groups || [], (g) => g.id, (g) => {
      const id = `team-${g.id}`;
      const pick = h("select", { id });
      pick.addEventListener("change", () => live.act("okr:assign", { group_id: g.id, pillar_id: pick.value }));
      const node = h("li.row", {}, h("label", { for: id }), pick);
      node.pick = pick;
      return node;
    }, (node, g) => {
      node.firstChild.textContent = `${g.name} drafts`;
      const chosen = teamPillar(state, step, g.id) || "";
      syncList(node.pick, [{ id: "", name: "— no pillar —" }, ...pillars], (p) => p.id || "none",
        (p) => h("option", { value: p.id }), (o, p) => { o.textContent = p.name; });
      if (document.activeElement !== node.pick) node.pick.value = chosen;
    });
  };
  return list;
}

export function control(root, live, ui) {
  const teams = teamPicker(live);
  const teamBox = h("div.stack", {}, h("h3", {}, "Pillar teams"), teams);
  const form = draftForm(live, ui, () => null);
  const list = h("div.okr-list");
  const review = reviewer(live, ui, () => { list.dataset.drawn = ""; live.changed(); });
  root.append(h("header.panel-head", {}, h("h2", {}, "Objectives and key results")), teamBox, list, form);
  return (state) => {
    const step = runningOf(state, "okrs");
    root.hidden = !step;
    if (!step) return;
    const pillars = pillarsOf(state, step.works_on);
    teamBox.hidden = !pillarTeams(step);
    if (pillarTeams(step)) teams.update(state, step, pillars);
    form.update(pillars, null);
    redrawn(list, JSON.stringify([pillars, state.okrs.objectives]), () =>
      pillars.map((p) => pillarSection(p, state.okrs.objectives, { facilitator: true, review })));
  };
}
