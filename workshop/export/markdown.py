"""The Markdown report: the summary page, in the same order, as readable text."""
from __future__ import annotations

import re
from typing import Callable

from . import figure, when

Section = Callable[[dict], list[str]]

# Characters that would turn typed text into Markdown syntax (emphasis, links, HTML, tables).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+\.)", re.MULTILINE)


def text(value: str) -> str:
    """Typed text, shown literally: Markdown characters escaped, lines kept."""
    escaped = _SPECIAL.sub(r"\\\1", value or "")
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def item(value: str, indent: str = "") -> str:
    """A list item; further lines of the text continue the item."""
    lines = text(value).split("\n")
    return "\n".join([f"{indent}- {lines[0]}"] + [f"{indent}  {line}" for line in lines[1:]])


def table(header: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(_SPECIAL.sub(r"\\\1", str(c)).replace("\n", " ") for c in row) + " |" for row in rows]
    return out + [""]


def _heading(summary: dict) -> list[str]:
    w = summary["workshop"]
    lines = [f"# {text(w['title'])}", "",
             f"- Date: {when(w['created_at'])}",
             f"- Join code: {w['code']}",
             f"- Phase reached: {w['phase']}",
             f"- Template: {text(w['template']['title'])}"]
    if w.get("archived_at"):
        lines.append(f"- Archived: {when(w['archived_at'])}")
    lines.append("")
    if w.get("context"):
        lines += [text(w["context"]), ""]
    return lines


def _at_a_glance(summary: dict) -> list[str]:
    a = summary["analytics"]
    lines = ["## At a glance", "",
             f"- Participants: {a['participants']}, of whom {a['contributors']} contributed"
             f" ({figure(a['contribution_rate'], '%')})",
             f"- Cards: {a['cards']}"]
    lines += [f"- {key}: {value}" for key, value in _extra_figures(a)]
    lines.append("")
    columns = [c["title"] for c in a["cards_per_column"]]
    if a["cards_per_group"]:
        lines += ["### Contributions per group", ""]
        lines += table(["Group", "Participants", "Contributed", "Cards", *columns], [
            [g["group"], g["participants"], g["contributors"], g["cards"],
             *[g["columns"][c["column"]] for c in a["cards_per_column"]]] for g in a["cards_per_group"]])
    lines += ["### Cards per column", ""]
    lines += table(["Column", "Cards"], [[c["title"], c["cards"]] for c in a["cards_per_column"]])
    return lines


def _extra_figures(analytics: dict) -> list[tuple[str, object]]:
    """One-line figures that later areas add (dots cast, Elmos thrown, ...)."""
    labels = {"dots_cast": "Dots cast", "elmos": "Elmos thrown"}
    return [(label, analytics[key]) for key, label in labels.items() if key in analytics]


def _carried_from(summary: dict) -> list[str]:
    sources = summary.get("carried_from") or []
    if not sources:
        return []
    lines = ["## Carried from earlier workshops", ""]
    lines += [item(f"{s['source_title']} ({s['cards']} cards)") for s in sources]
    return lines + [""]


def _cards(summary: dict) -> list[str]:
    cards = [c for c in summary.get("cards", []) if not c.get("cluster_id")]
    if not cards:
        return []
    title = "## Cards not in a cluster" if summary.get("clusters") else "## Cards"
    lines = [title, ""]
    for column in summary["workshop"]["template"]["columns"]:
        mine = [c for c in cards if c["column"] == column["key"]]
        if mine:
            lines += [f"### {text(column['title'])}", ""]
            lines += [item(f"{c['text']} ({_source(c)})") for c in mine]
            lines.append("")
    return lines


def _source(card: dict) -> str:
    origin = card.get("origin")
    if origin:
        where = origin["source_title"] + (f", {origin['source_cluster']}" if origin["source_cluster"] else "")
        return f"from {where}"
    return card["group"] or "no group"


def _feedback(summary: dict) -> list[str]:
    f = summary["analytics"]["feedback"]
    if not f["responses"]:
        return []
    lines = ["## Closing feedback", "",
             f"- Answers: {f['responses']}",
             f"- Net promoter score: {figure(f['nps'])} (promoters {f['promoters']}, passives {f['passives']},"
             f" detractors {f['detractors']})",
             f"- Satisfaction: {figure(f['satisfaction'])} / 10", ""]
    if f["per_group"]:
        lines += table(["Group", "Answers", "NPS", "Satisfaction"],
                       [[g["group"], g["responses"], figure(g["nps"]), figure(g["satisfaction"])] for g in f["per_group"]])
    for key, title in (("worked", "What worked"), ("did_not_work", "What did not work")):
        said = [a[key] for a in summary["feedback"] if a[key]]
        if said:
            lines += [f"### {title}", ""] + [item(s) for s in said] + [""]
    return lines


def _people(summary: dict) -> list[str]:
    lines = ["## Who took part", ""]
    for group in summary.get("groups", []):
        members = [p for p in summary["participants"] if p["group_id"] == group["id"]]
        if members:
            lines += [f"### {text(group['name'])}", ""]
            lines += [item(p["name"] + (f" ({p['role']})" if p["role"] else "")) for p in members]
            lines.append("")
    loose = [p for p in summary.get("participants", []) if not p["group_id"]]
    if loose:
        lines += ["### Not in a group", ""] + [item(p["name"]) for p in loose] + [""]
    return lines


# The summary page's order. Later areas insert theirs (clusters after the glance, then
# topics, decisions, notes and actions) where they belong.
MARKDOWN_SECTIONS: list[Section] = [_heading, _at_a_glance, _carried_from, _cards, _feedback, _people]


def render(summary: dict) -> str:
    lines: list[str] = []
    for section in MARKDOWN_SECTIONS:
        lines += section(summary)
    return "\n".join(lines).rstrip("\n") + "\n"
