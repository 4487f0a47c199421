// People and groups: who is here, who sits where, who is online.
import { GROUP_PHASES, REMOVE_AT_ONCE } from "/facts.js";
import { h, syncList } from "../dom.js";
import { screenPhase } from "../steps.js";

export const reducers = {
  "participant:joined"(state, { participant }) {
    if (state.role === "facilitator") {
      if (!state.participants.some((p) => p.id === participant.id)) state.participants.push(participant);
    } else if (state.group && participant.group_id === state.group.id) {
      if (!state.group.members.some((p) => p.id === participant.id)) state.group.members.push(participant);
    }
  },
  "group:created"(state, { group }) {
    if (state.groups && !state.groups.some((g) => g.id === group.id)) state.groups.push(group);
  },
  "group:renamed"(state, { group }) {
    if (state.groups) state.groups = state.groups.map((g) => (g.id === group.id ? { ...g, name: group.name } : g));
    if (state.group && state.group.id === group.id) state.group.name = group.name;
  },
};

// A word's first character as a person sees it: an emoji or an accented letter is one
// grapheme of several code units, and w[0] would cut it in half.
const segmenter = globalThis.Intl?.Segmenter ? new Intl.Segmenter() : null;
const firstGrapheme = (word) => (segmenter ? segmenter.segment(word)[Symbol.iterator]().next().value.segment : Array.from(word)[0]);
export const initials = (name) => name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => firstGrapheme(w).toUpperCase()).join("");

export function personChip(person, online, extra = null, label = person.name) {
  return h("li.person", { dataset: { online: online ? "yes" : "no" }, title: online ? "online" : "offline" },
    h("span.avatar", { "aria-hidden": "true" }, initials(person.name)),
    h("span.person-name", { dir: "auto" }, label),
    person.role ? h("span.person-role", { dir: "auto" }, person.role) : null,
    h("span.sr-only", {}, online ? "(online)" : "(offline)"),
    extra);
}

// Participant: my group and its members, in the top bar.
export function board(root, live) {
  const name = h("strong.group-name");
  const list = h("ul.people.compact", { "aria-label": "Your group" });
  root.append(h("div.group-strip", {}, h("span.label", {}, "Your group"), name, list));
  return (state) => {
    root.hidden = !state.group;
    if (!state.group) return;
    name.textContent = state.group.name;
    const online = new Set(state.online || []);
    syncList(list, state.group.members, (p) => `${p.id}:${online.has(p.id)}:${p.id === state.me.id}`,
      (p) => personChip(p, online.has(p.id), null, p.id === state.me.id ? `${p.name} (you)` : p.name));
  };
}

// Facilitator: groups with their members; rename, move, form, reveal, remove.
export function control(root, live) {
  const grid = h("div.group-grid");
  const count = h("span.count");
  const form = (method, label) => h("button.button.secondary", {
    type: "button",
    onclick: async () => {
      if (confirm(`Re-form all groups ${label.toLowerCase()}? Everyone may change group.`)) {
        await live.act("groups:form", { method });
      }
    },
  }, label);
  root.append(
    h("header.panel-head", {}, h("h2", {}, "Groups ", count),
      h("div.actions", {}, form("random", "At random"), form("balanced", "Balanced by role"),
        h("button.button.secondary", { type: "button", onclick: () => live.act("cards:reveal", {}) }, "Reveal all cards"))),
    grid,
  );
  return (state) => {
    // Groups matter while people arrive and write; later phases need the room for clusters.
    root.hidden = !GROUP_PHASES.includes(screenPhase(state));
    const online = new Set(state.online || []);
    const people = state.participants || [];
    count.textContent = `· ${people.length} ${people.length === 1 ? "person" : "people"}, ${online.size} online`;
    const groups = state.groups || [];
    const byGroup = Object.fromEntries(groups.map((g) => [g.id, []]));
    for (const p of people) (byGroup[p.group_id] ||= []).push(p);
    syncList(grid, groups, (g) => g.id, (g) => groupCard(g, live), (node, g) =>
      node.update(g, byGroup[g.id] || [], online, groups, state.workshop.settings.blind_writing));
  };
}

function groupCard(group, live) {
  const title = h("input.group-title", {
    "aria-label": "Group name", maxlength: 40,
    onchange: (e) => live.act("group:rename", { group_id: group.id, name: e.target.value }),
  });
  const reveal = h("button.link", { type: "button", onclick: () => live.act("cards:reveal", { group_id: group.id }) }, "Reveal cards");
  const members = h("ul.people");
  const node = h("section.group-card", {}, h("header", {}, title, reveal), members);
  node.update = (g, people, online, groups, blind) => {
    if (document.activeElement !== title) title.value = g.name;
    reveal.hidden = !blind || Boolean(g.revealed);
    syncList(members, people, (p) => `${p.id}:${online.has(p.id)}:${groups.map((x) => x.id).join()}`,
      (p) => personChip(p, online.has(p.id), memberMenu(p, g, groups, live)));
  };
  return node;
}

function memberMenu(person, group, groups, live) {
  const select = h("select.move", { "aria-label": `Move ${person.name} to another group` },
    h("option", { value: "" }, "Move to…"),
    ...groups.filter((g) => g.id !== group.id).map((g) => h("option", { value: g.id }, g.name)),
    h("option", { value: "new" }, "A new group"));
  select.addEventListener("change", async () => {
    const target = select.value;
    select.value = "";
    if (target) await live.act("participant:move", { participant_id: person.id, group_id: target === "new" ? null : target });
  });
  const remove = h("button.icon", {
    type: "button", title: `Remove ${person.name}`, "aria-label": `Remove ${person.name} from the workshop`,
    onclick: () => removePeople([person], live),
  }, "×");
  return h("span.member-actions", {}, select, remove);
}


/** Remove people after asking, and whether their cards go too (two questions: confirm() has two buttons). */
export async function removePeople(people, live) {
  const who = people.length === 1 ? people[0].name : `these ${people.length} people`;
  if (!confirm(`Remove ${who} from the workshop? This browser of theirs cannot join again.`)) return null;
  const withCards = confirm(`Also take down every card ${who} wrote? (OK: hide them from every screen and export; Cancel: keep them.)`);
  if (people.length === 1) return live.act("participant:remove", { participant_id: people[0].id, with_cards: withCards });
  let ack = null;
  for (let i = 0; i < people.length; i += REMOVE_AT_ONCE) {
    const ids = people.slice(i, i + REMOVE_AT_ONCE).map((p) => p.id);
    ack = await live.act("participants:remove", { participant_ids: ids, with_cards: withCards });
    if (!ack.ok) break;
  }
  return ack;
}
