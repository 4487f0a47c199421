"""The Markdown export's agenda: the table of steps, then one section per step, in agenda order,
with what that step made (cards, clusters, the ranking, topics, polls). Removed steps that held
data follow the agenda, and anything made outside any step comes last."""
from __future__ import annotations

from ..domain.polls import AGREE, COMMIT, RESULT_WORDS
from ..domain.topics import NOTE_FIELDS
from . import agreement, by_step, clock, minutes, step_minutes
from .markdown_text import inline, item, table, text

STATE_WORDS = {"planned": "not run", "running": "running", "done": "done"}


def actual(step: dict) -> str:
    shown = step_minutes(step["actual_minutes"])
    return f"{shown} so far" if shown and step["state"] == "running" else shown


def state(step: dict) -> str:
    return "removed" if step["removed"] else STATE_WORDS.get(step["state"], step["state"])


def agenda(summary: dict) -> list[str]:
    plan = summary.get("agenda")
    if not plan or not (plan["steps"] or plan["removed"]):
        return []
    rows = [[s["position"] or "", s["title"], s["kind_title"], step_minutes(s["planned_minutes"]), actual(s), state(s)]
            for s in (*plan["steps"], *plan["removed"])]
    rows.append(["", "Total", "", step_minutes(plan["planned_minutes"]), step_minutes(plan["actual_minutes"]), ""])
    return ["## Agenda", ""] + table(["No.", "Step", "Kind", "Planned", "Actual", "State"], rows)


def steps(summary: dict) -> list[str]:
    lines: list[str] = []
    for section in by_step(summary):
        lines += _heading(section["step"])
        lines += _cards(section["columns"])
        lines += _clusters(section["clusters"])
        lines += _votes(section["votes"])
        lines += _topics(section["topics"])
        lines += _polls(section["polls"])
    return lines


def _heading(step: dict | None) -> list[str]:
    if step is None:
        return ["## Made outside any step", ""]
    title = f"## Removed step: {inline(step['title'])}" if step["removed"] \
        else f"## Step {inline(step['position'])}: {inline(step['title'])}"
    timing = [step["kind_title"], f"planned {step_minutes(step['planned_minutes'])}"]
    if step["actual_minutes"] is not None:
        timing.append(f"actual {actual(step)}")
    timing.append(state(step) + (" (it held data, so it is kept here)" if step["removed"] else ""))
    return [title, "", item(" · ".join(timing)), ""]


def _cards(columns: list[dict]) -> list[str]:
    lines = []
    for column in columns:
        lines += [f"### {inline(column['title'])}", ""] + [item(f"{c['text']} ({source(c)})") for c in column["cards"]]
        lines.append("")
    return lines


def source(card: dict) -> str:
    origin = card.get("origin")
    if origin:
        where = origin["source_title"] + (f", {origin['source_cluster']}" if origin["source_cluster"] else "")
        return f"from {where}"
    return card["group"] or "no group"


def _clusters(clusters: list[dict]) -> list[str]:
    """Clusters with their cards, ranked by the last closed vote (as the summary model orders them)."""
    lines = []
    for c in clusters:
        dots = f"{inline(c['dots'])} dot{'s' if c['dots'] != 1 else ''}"
        ranked = f"{inline(c['rank'])}. {inline(c['name'])} — {dots}" if c["rank"] is not None \
            else f"{inline(c['name'])} (not voted on)"
        lines += [f"### {ranked}", ""]
        if c.get("origin"):
            o = c["origin"]
            lines += [text(f"Carried from {o['source_title']} (ranked {o['rank']} there, {o['dots']} dots)"), ""]
        lines += [item(f"{card['text']} ({source(card)})") for card in c["cards"]] or ["(no cards)"]
        lines.append("")
    return lines


def _votes(votes: list[dict]) -> list[str]:
    lines = []
    for n, v in enumerate(votes, 1):
        if len(votes) > 1:
            lines += [f"### Vote {n}", ""]
        lines += [text(f"{v['dots_cast']} dots by {v['voters']} voters ({v['dots_per_participant']} each, at most "
                       f"{v['max_per_item']} per item); the vote is {v['status']}."), ""]
        if v["ranking"]:
            lines += table(["Rank", "Item", "Dots"], [[i["rank"], ("Card: " if i["kind"] == "card" else "") + i["name"],
                                                     i["dots"]] for i in v["ranking"]])
    return lines


def _topics(topics: list[dict]) -> list[str]:
    if not topics:
        return []
    lines = ["### Time planned and spent per topic", ""] + table(
        ["Topic", "Planned", "Spent", "Over (+) / under (−)", "Elmos"],
        [[t["title"], minutes(t["planned"]), minutes(t["spent"]), minutes(t["spent"] - t["planned"], signed=True),
          t["elmos"]] for t in topics])
    for t in topics:
        lines += [f"### {inline(t['title'])}", ""]
        if t["cluster"]:
            lines.append(f"- Cluster: {inline(t['cluster'])}")
        lines.append("- " + inline(f"Time-box: planned {minutes(t['planned'])}, spent {minutes(t['spent'])}"
                                 f" ({minutes(t['spent'] - t['planned'], signed=True)})"))
        thrown = [clock(e["thrown_at"]) + (" (taken back)" if e["withdrawn_at"] else "") for e in t["elmo_log"]]
        at = f" — at {', '.join(thrown)} UTC" if thrown else ""
        lines.append("- " + inline(f"Elmos thrown: {t['elmos']}{at}"))
        for key, label in NOTE_FIELDS.items():
            if t["notes"][key]:
                lines.append(item(f"{label}: {t['notes'][key]}"))
        if t["actions"]:
            lines.append("- Actions:")
            lines += [action(a, "  ") for a in t["actions"]]
        lines.append("")
    return lines


def action(a: dict, indent: str = "") -> str:
    owner = f" — {a['owner']}" if a["owner"] else ""
    due = f", due {a['due']}" if a["due"] else ""
    return f"{indent}- [{'x' if a['done'] else ' '}] " + text(f"{a['text']}{owner}{due}").replace("\n", "\n  " + indent)


def outcome(poll: dict) -> str:
    return next((f"committed in round {r['number']}" for r in poll["rounds"] if r["result"] == COMMIT),
                "not committed")


def _polls(polls: list[dict]) -> list[str]:
    lines = []
    for poll in polls:
        lines += [f"### {inline(poll['rounds'][-1]['proposal'])} — {inline(outcome(poll))}", ""]
        if poll["topic"]:
            lines += [text(f"Topic: {poll['topic']}"), ""]
        lines += table(["Round", "Proposal", "Result", "Answered", f"At {AGREE}% or more", "Agreement levels"],
                       [_round_row(r) for r in poll["rounds"]])
        for r in poll["rounds"]:
            if r.get("sticking"):
                lines += [text(f"Sticking points in round {r['number']}:"), ""]
                lines += [item(f"{s['level']}%" + (f" ({s['name']})" if s.get("name") else "") +
                               (f": {s['reason']}" if s.get("reason") else "")) for s in r["sticking"]]
                lines.append("")
    return lines


def _round_row(r: dict) -> list[object]:
    if r.get("open"):
        return [r["number"], r["proposal"], "open", r["answered"], "", ""]
    agreed = agreement(r)
    result = RESULT_WORDS.get(r["result"], r["result"] or "")
    return [r["number"], r["proposal"], result, f"{r['answered']} of {r['present']} present",
            agreed["agree"], agreed["text"]]
