// The template library on the home page: card templates (create, edit, delete)
// and agenda templates (to see, and to delete a saved one). Colours are painted
// from the server's palette (/facts.js) through the CSSOM, which the CSP allows.
import { CARD_INK, TEMPLATE_LIMITS } from "/facts.js";
import { api } from "./keys.js";
import { clear, h, toast } from "./dom.js";
import {
  blankColumn, canAddColumn, canRemoveColumn, colourNames, colourOf, editableColumns, stepLine, templateBody,
} from "./templates.js";

/** A small square of a palette colour (decorative: the colour's name is said next to it). */
export function swatch(name) {
  const box = h("span.swatch", { "aria-hidden": "true" });
  box.style.backgroundColor = colourOf(name);
  return box;
}

/** A template's columns as coloured chips. */
export function columnChips(columns) {
  return h("ul.column-chips", {}, columns.map((c) => {
    const chip = h("li.chip", { title: c.prompt || c.title }, c.title);
    chip.style.backgroundColor = colourOf(c.colour);
    chip.style.color = CARD_INK;
    return chip;
  }));
}

/**
 * Mount the library. ``changed(cards, agendas)`` is called after every load,
 * so the create form can offer what the library holds now.
 */
export function mountLibrary(changed) {
  const cardList = document.getElementById("card-templates");
  const agendaList = document.getElementById("agenda-templates");
  const editor = templateEditor(() => refresh());
  let mayChange = true;

  document.getElementById("new-template").addEventListener("click", () => editor.open());

  async function refresh() {
    try {
      const [cards, agendas] = await Promise.all([api("GET", "/api/card-templates"), api("GET", "/api/agenda-templates")]);
      mayChange = cards.may_change;
      document.getElementById("library-note").hidden = mayChange;
      clear(cardList).append(...cards.templates.map((t) => cardItem(t)));
      clear(agendaList).append(...agendas.templates.map((a) => agendaItem(a)));
      changed(cards.templates, agendas.templates);
    } catch (err) {
      toast(`Could not load the template library: ${err.message}`);
    }
  }

  function cardItem(template) {
    const actions = template.built_in || !mayChange ? [] : [
      h("button.link", { type: "button", onclick: () => editor.open(template) }, "Edit"),
      h("button.link.danger", { type: "button", onclick: () => remove("card-templates", template) }, "Delete"),
    ];
    return h("li.template-item", { dataset: { key: template.key } },
      h("div.template-head", {}, h("strong", {}, template.title), template.built_in ? h("span.badge", {}, "Built in") : null,
        actions.length ? h("span.actions", {}, actions) : null),
      columnChips(template.columns));
  }

  function agendaItem(agenda) {
    const actions = agenda.built_in || !mayChange ? null
      : h("span.actions", {}, h("button.link.danger", { type: "button", onclick: () => remove("agenda-templates", agenda) }, "Delete"));
    return h("li.template-item", { dataset: { key: agenda.key } },
      h("div.template-head", {}, h("strong", {}, agenda.title), agenda.built_in ? h("span.badge", {}, "Built in") : null, actions),
      agenda.description ? h("p.muted", {}, agenda.description) : null,
      h("ol.step-line", {}, stepLine(agenda).map((text) => h("li", {}, text))));
  }

  async function remove(kind, template) {
    if (!confirm(`Delete the template “${template.title}”? Workshops made from it keep their own copy.`)) return;
    try {
      await api("DELETE", `/api/${kind}/${encodeURIComponent(template.key)}`);
      toast(`Deleted “${template.title}”.`, "info");
      await refresh();
    } catch (err) {
      toast(err.message);
    }
  }

  refresh();
  return refresh;
}

/** The card template form: a title and 1–8 columns, each a title, a prompt and a colour. */
function templateEditor(saved) {
  const form = document.getElementById("template-editor");
  const heading = document.getElementById("editor-heading");
  const title = document.getElementById("template-title");
  const rows = document.getElementById("editor-columns");
  const add = document.getElementById("add-column");
  title.maxLength = TEMPLATE_LIMITS.title_max;
  let editing = null; // the template's key, or null for a new one
  let columns = [];

  function open(template = null) {
    editing = template ? template.key : null;
    heading.textContent = template ? `Edit “${template.title}”` : "New card template";
    title.value = template ? template.title : "";
    columns = template ? editableColumns(template) : [blankColumn([])];
    form.hidden = false;
    draw();
    title.focus();
  }

  function close() {
    form.hidden = true;
    editing = null;
    clear(rows);
  }

  function draw() {
    clear(rows).append(...columns.map((column, i) => columnRow(column, i)));
    add.disabled = !canAddColumn(columns);
  }

  function columnRow(column, i) {
    const id = (name) => `column-${i}-${name}`;
    const name = h("input", { id: id("title"), required: true, maxLength: TEMPLATE_LIMITS.column_title_max,
      value: column.title, oninput: (e) => { column.title = e.target.value; } });
    const prompt = h("input", { id: id("prompt"), maxLength: TEMPLATE_LIMITS.prompt_max, value: column.prompt,
      placeholder: "The question this column asks", oninput: (e) => { column.prompt = e.target.value; } });
    const preview = swatch(column.colour);
    const colour = h("select", { id: id("colour"), onchange: (e) => {
      column.colour = e.target.value;
      preview.style.backgroundColor = colourOf(column.colour);
    } }, colourNames().map((c) => h("option", { value: c, selected: c === column.colour }, c)));
    const remove = h("button.link.danger", { type: "button", disabled: !canRemoveColumn(columns),
      "aria-label": `Remove column ${i + 1}`, onclick: () => { columns.splice(i, 1); draw(); } }, "Remove");
    return h("li.editor-column", {},
      h("fieldset", {}, h("legend", {}, `Column ${i + 1}`),
        h("div.editor-fields", {},
          h("label", { for: id("title") }, "Title"), name,
          h("label", { for: id("prompt") }, "Prompt"), prompt,
          h("label", { for: id("colour") }, "Colour"), h("span.inline", {}, preview, colour, remove))));
  }

  add.addEventListener("click", () => {
    if (!canAddColumn(columns)) return;
    columns.push(blankColumn(columns));
    draw();
    rows.lastElementChild.querySelector("input").focus();
  });
  document.getElementById("cancel-edit").addEventListener("click", close);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = templateBody(title.value, columns);
    try {
      const reply = editing
        ? await api("PUT", `/api/card-templates/${encodeURIComponent(editing)}`, body)
        : await api("POST", "/api/card-templates", body);
      toast(`Saved “${reply.template.title}”.`, "info");
      close();
      await saved();
    } catch (err) {
      toast(err.message);
    }
  });
  return { open };
}
