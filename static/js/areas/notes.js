// Notes of the topic under discussion, in the briefing shape (current situation,
// desired state, potential obstacles), and its action items with owners.
// Edited live on the control screen, and by participants when the facilitator allows.
import { NOTE_FIELDS } from "/facts.js";
import { h, newId, syncList } from "../dom.js";
import { current } from "./discuss.js";

const SAVE_AFTER_MS = 600;

export const reducers = {
  "notes:changed"(state, { topic_id, notes }) {
    const topic = state.discussion.topics.find((t) => t.id === topic_id);
    if (topic) topic.notes = notes;
  },
  "action:saved"(state, { action }) {
    const list = state.discussion.actions;
    const i = list.findIndex((a) => a.id === action.id);
    if (i >= 0) list[i] = action;
    else list.push(action);
  },
  "action:deleted"(state, { action_id }) {
    state.discussion.actions = state.discussion.actions.filter((a) => a.id !== action_id);
  },
};

const shown = (state) => state.workshop.phase === "discuss" && current(state);

export function board(root, live) {
  return view(root, live, (state) => Boolean(state.workshop.settings.participants_edit_notes));
}

export function control(root, live) {
  return view(root, live, () => true);
}

function view(root, live, mayEdit) {
  let topic = null;
  const boxes = NOTE_FIELDS.map(([key, label]) => noteBox(key, label, live, () => topic));
  const items = h("ul.action-items");
  const actionsHead = h("h3", {}, "Actions");
  const form = actionForm(live, () => topic);
  root.append(h("h2", {}, "Notes"), h("div.notes-grid", {}, ...boxes),
    actionsHead, items, form);
  return (state) => {
    root.hidden = !shown(state);
    if (root.hidden) return;
    topic = current(state);
    const editable = mayEdit(state);
    for (const box of boxes) box.update(topic, editable);
    form.hidden = !editable;
    const mine = state.discussion.actions.filter((a) => a.topic_id === topic.id);
    // Participants who may not edit see the notes once there is something to read.
    root.hidden = !editable && !mine.length && NOTE_FIELDS.every(([key]) => !topic.notes[key]);
    if (root.hidden) return;
    actionsHead.hidden = !editable && !mine.length;
    syncList(items, mine, (a) => a.id, (a) => actionItem(a, live), (node, a) => node.update(a, editable));
  };
}

function noteBox(key, label, live, topicNow) {
  const id = `note-${key}`;
  const area = h("textarea", { id, dir: "auto", rows: 4, maxlength: 4000 });
  const saved = h("span.muted.saved", { "aria-live": "polite" });
  let timer = null;
  let topicId = null;
  const save = async () => {
    clearTimeout(timer);
    timer = null;
    const topic = topicNow();
    if (!topic || topic.id !== topicId || area.value === topic.notes[key]) return;
    const ack = await live.act("notes:edit", { topic_id: topic.id, notes: { [key]: area.value } });
    saved.textContent = ack.ok ? "Saved" : "";
  };
  area.addEventListener("input", () => {
    saved.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  });
  area.addEventListener("blur", save);
  const node = h("div.note", {}, h("label", { for: id }, label, " ", saved), area);
  node.update = (topic, editable) => {
    area.readOnly = !editable;
    // Never overwrite what someone is typing; a switch of topic always refreshes.
    if (topic.id !== topicId || (document.activeElement !== area && timer === null)) area.value = topic.notes[key];
    if (topic.id !== topicId) saved.textContent = ""; // "Saved" was the last topic's
    topicId = topic.id;
  };
  return node;
}

function actionItem(action, live) {
  const done = h("input", { type: "checkbox", "aria-label": "Done" });
  const text = h("span.action-text");
  const meta = h("span.muted");
  const remove = h("button.icon", { type: "button", "aria-label": "Delete action" }, "×");
  let item = action;
  done.addEventListener("change", () => live.act("action:save", { ...pick(item), done: done.checked }));
  remove.addEventListener("click", () => live.act("action:delete", { id: item.id }));
  const node = h("li.action-item", {}, done, text, meta, remove);
  node.update = (a, editable) => {
    item = a;
    done.checked = a.done;
    done.disabled = !editable;
    remove.hidden = !editable;
    node.dataset.done = a.done ? "yes" : "no";
    text.textContent = a.text;
    meta.textContent = ` — ${a.owner}${a.due ? `, by ${a.due}` : ""}`;
  };
  return node;
}

const pick = (a) => ({ id: a.id, topic_id: a.topic_id, text: a.text, owner: a.owner, due: a.due, done: a.done });

function actionForm(live, topicNow) {
  const text = h("input", { name: "text", maxlength: 500, placeholder: "Action", "aria-label": "New action" });
  const owner = h("input", { name: "owner", maxlength: 80, placeholder: "Owner", "aria-label": "Owner" });
  const due = h("input", { name: "due", type: "date", "aria-label": "Due date (optional)" });
  const form = h("form.action-form", {}, text, owner, due, h("button.button.secondary", { type: "submit" }, "Add action"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!text.value.trim()) return text.focus();
    if (!owner.value.trim()) return owner.focus();
    const ack = await live.act("action:save", { id: newId(), topic_id: topicNow().id, text: text.value,
      owner: owner.value, due: due.value || null });
    if (ack.ok) { text.value = ""; due.value = ""; text.focus(); }
  });
  return form;
}
