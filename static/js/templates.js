// The rules of the template editor that the browser applies before asking: the
// limits and palette come from the server (/facts.js), never from a copy here.
import { PALETTE, TEMPLATE_LIMITS } from "/facts.js";

const COLOURS = new Map(PALETTE);

/** The paper colour of a palette name (grey for a name this server does not know). */
export function colourOf(name) {
  return COLOURS.get(name) ?? COLOURS.get("grey");
}

export function colourNames() {
  return PALETTE.map(([name]) => name);
}

/** The first palette colour no column has yet (the palette again once all are taken). */
export function nextColour(columns) {
  const used = new Set(columns.map((c) => c.colour));
  const names = colourNames();
  return names.find((name) => !used.has(name)) ?? names[columns.length % names.length];
}

export function blankColumn(columns) {
  return { title: "", prompt: "", colour: nextColour(columns) };
}

export const canAddColumn = (columns) => columns.length < TEMPLATE_LIMITS.max_columns;
export const canRemoveColumn = (columns) => columns.length > TEMPLATE_LIMITS.min_columns;

/** An editable copy of a template's columns (their keys kept: cards hold them). */
export function editableColumns(template) {
  return template.columns.map(({ key, title, prompt, colour }) => ({ key, title, prompt, colour }));
}

/** The request body of POST and PUT /api/card-templates: a new column has no key. */
export function templateBody(title, columns) {
  return {
    title: title.trim(),
    columns: columns.map(({ key, title: name, prompt, colour }) => ({
      ...(key ? { key } : {}), title: name.trim(), prompt: prompt.trim(), colour,
    })),
  };
}

/** What the agenda's first step of a kind sets for a switch (undefined without such a step). */
export function agendaSwitch(agenda, kind, setting) {
  const step = agenda?.steps.find((s) => s.kind === kind);
  return step ? step.settings[setting] : undefined;
}

/** "Lobby → Collect (15 min) → …": an agenda's steps in a line. */
export function stepLine(agenda) {
  return agenda.steps.map((s) => (s.planned_minutes ? `${s.title} (${s.planned_minutes} min)` : s.title));
}
