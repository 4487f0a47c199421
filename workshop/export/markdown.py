"""The Markdown report: the summary page, in the same order, as readable text.

Every value put into it goes through ``text``, ``inline``, ``item`` or ``table``, so that nothing typed
(or imported) can start a block, a link, an image, HTML or code: the export's structure is its own.
"""
from __future__ import annotations

import re
from typing import Callable

from ..domain.polls import AGREE, COMMIT, RESULT_WORDS
from ..domain.topics import NOTE_FIELDS
from . import agreement, clock, figure, minutes, when

Section = Callable[[dict], list[str]]

# CommonMark ends a line at LF, CR or CR LF, and nowhere else (not at U+2028 or a form feed).
_LINE_END = re.compile(r"\r\n|\r|\n")
# Characters that mean something anywhere in a line: backslash escapes, code spans, emphasis,
# strikethrough (GFM), links, images and reference definitions, autolinks and raw HTML, table cells.
_INLINE = re.compile(r"([\\`*_~\[\]<|])")
# An ampersand only matters where it starts an entity ("&lt;" would show as "<").
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)")
# What opens a block at the start of a line and is not escaped above already: headings (#), setext
# underlines (= -), thematic breaks, bullets (- +) and block quotes (>). Fences, HTML blocks, "*" and
# "_" breaks and reference definitions start with an inline character, escaped wherever it stands.
_BLOCK_START = re.compile(r"^([#=+\->])")
# An ordered list is digits then "." or ")": the delimiter is what needs the backslash ("\1." is a
# literal backslash before a digit, which is not an escape).
_ORDERED = re.compile(r"^([0-9]+)([.)])")
# A heading's closing sequence ("### Title ##") would eat trailing hashes of the title itself.
_CLOSING_HASHES = re.compile(r"(?<!\\)(#+)$")


def _lines(value: object) -> list[str]:
    """The text's lines, without blank ones and without the spaces around each.

    Leading spaces or a tab would make an indented code block (or nest a list), trailing spaces a hard
    break, and a blank line would end the paragraph (or loosen the list) the text sits in and let the
    next line start a block of its own. A Markdown viewer drops those spaces anyway.
    """
    lines = (line.strip(" \t") for line in _LINE_END.split("" if value is None else str(value)))
    return [line for line in lines if line]


def _escape_inline(line: str) -> str:
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))


def _line_start(line: str) -> str:
    return _ORDERED.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", line))


def text(value: object) -> str:
    """Typed text, shown literally in one paragraph or list item: every Markdown character escaped, lines kept."""
    return "\n".join(_line_start(_escape_inline(line)) for line in _lines(value))


def inline(value: object) -> str:
    """Typed text within a line (a heading, a table cell, after a label): line breaks become spaces."""
    return _CLOSING_HASHES.sub(r"\\\1", " ".join(_escape_inline(line) for line in _lines(value)))


def item(value: object, indent: str = "") -> str:
    """A list item; further lines of the text continue the item."""
    lines = text(value).split("\n")
    return "\n".join([f"{indent}- {lines[0]}"] + [f"{indent}  {line}" for line in lines[1:]])


def table(header: list[object], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(inline(h) for h in header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(inline(c) for c in row) + " |" for row in rows]
    return out + [""]


def _heading(summary: dict) -> list[str]:
    w = summary["workshop"]
    lines = [f"# {inline(w['title'])}", "",
             f"- Date: {inline(when(w['created_at']))}",
             f"- Join code: {inline(w['code'])}",
             f"- Phase reached: {inline(w['phase'])}",
             f"- Template: {inline(w['template']['title'])}"]
    if w.get("archived_at"):
        lines.append(f"- Archived: {inline(when(w['archived_at']))}")
    lines.append("")
    if w.get("context"):
        lines += [text(w["context"]), ""]
    return lines


def _at_a_glance(summary: dict) -> list[str]:
    a = summary["analytics"]
    lines = ["## At a glance", "",
             f"- Participants: {inline(a['participants'])}, of whom {inline(a['contributors'])} contributed"
             f" ({inline(figure(a['contribution_rate'], '%'))})",
             f"- Cards: {inline(a['cards'])}"]
    lines += [f"- {key}: {inline(value)}" for key, value in _extra_figures(a)]
    lines.append("")
    columns = [c["title"] for c in a["cards_per_column"]]
    if a["cards_per_group"]:
        lines += ["### Contributions per group", ""]
        lines += table(["Group", "Participants", "Contributed", "Cards", *columns], [
            [g["group"], g["participants"], g["contributors"], g["cards"],
             *[g["columns"][c["column"]] for c in a["cards_per_column"]]] for g in a["cards_per_group"]])
    lines += ["### Cards per column", ""]
    lines += table(["Column", "Cards"], [[c["title"], c["cards"]] for c in a["cards_per_column"]])
    return lines + _time_table(summary)


def _extra_figures(a: dict) -> list[tuple[str, object]]:
    """One-line figures of the later steps (dots, time-boxes, Elmos, polls)."""
    out: list[tuple[str, object]] = []
    if a.get("votes_held", True) and "dots_cast" in a:
        out.append(("Dots cast", f"{a['dots_cast']} (by {a['voters']} voters in the last vote)"))
    if a.get("time_per_topic"):
        out.append(("Time planned / spent", f"{minutes(a['time_planned'])} / {minutes(a['time_spent'])}"))
    if "elmos" in a:
        out.append(("Elmos thrown", a["elmos"]))
    if a.get("polls"):
        out.append(("Decisions", f"{a['decisions']} of {a['polls']} polls committed"
                                  f" (rounds to commit, on average: {figure(a['mean_rounds_to_commit'])})"))
    return out


def _time_table(summary: dict) -> list[str]:
    topics = summary["analytics"].get("time_per_topic") or []
    if not topics:
        return []
    return ["### Time planned and spent per topic", ""] + table(
        ["Topic", "Planned", "Spent", "Over (+) / under (−)", "Elmos"],
        [[t["topic"], minutes(t["planned"]), minutes(t["spent"]), minutes(t["over"], signed=True), t["elmos"]]
         for t in topics])


def _clusters(summary: dict) -> list[str]:
    clusters = summary.get("clusters") or []
    if not clusters:
        return []
    lines = ["## Clusters, ranked by dots", ""]
    for c in clusters:
        dots = f"{inline(c['dots'])} dot{'s' if c['dots'] != 1 else ''}"
        ranked = f"{inline(c['rank'])}. {inline(c['name'])} — {dots}" if c["rank"] is not None \
            else f"{inline(c['name'])} (not voted on)"
        lines += [f"### {ranked}", ""]
        if c.get("origin"):
            o = c["origin"]
            lines += [text(f"Carried from {o['source_title']} (ranked {o['rank']} there, {o['dots']} dots)"), ""]
        lines += [item(f"{card['text']} ({_source(card)})") for card in c["cards"]] or ["(no cards)"]
        lines.append("")
    return lines


def _topics(summary: dict) -> list[str]:
    topics = summary.get("topics") or []
    if not topics:
        return []
    lines = ["## Discussion", ""]
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
            lines += [_action(a, "  ") for a in t["actions"]]
        lines.append("")
    return lines


def _action(a: dict, indent: str = "") -> str:
    owner = f" — {a['owner']}" if a["owner"] else ""
    due = f", due {a['due']}" if a["due"] else ""
    return f"{indent}- [{'x' if a['done'] else ' '}] " + text(f"{a['text']}{owner}{due}").replace("\n", "\n  " + indent)


def _decisions(summary: dict) -> list[str]:
    polls = summary.get("polls") or []
    if not polls:
        return []
    lines = [f"## Decisions ({AGREE}% agree, 100% commit)", ""]
    for poll in polls:
        last = poll["rounds"][-1]
        state = next((f"committed in round {r['number']}" for r in poll["rounds"] if r["result"] == COMMIT),
                     "not committed")
        lines += [f"### {inline(last['proposal'])} — {inline(state)}", ""]
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


def _actions(summary: dict) -> list[str]:
    actions = summary.get("actions") or []
    if not actions:
        return []
    return ["## Actions", ""] + [_action(a) for a in actions] + [""]


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
            lines += [f"### {inline(column['title'])}", ""]
            lines += [item(f"{c['text']} ({_source(c)}{_dots(c)})") for c in mine]
            lines.append("")
    return lines


def _source(card: dict) -> str:
    origin = card.get("origin")
    if origin:
        where = origin["source_title"] + (f", {origin['source_cluster']}" if origin["source_cluster"] else "")
        return f"from {where}"
    return card["group"] or "no group"


def _dots(card: dict) -> str:
    dots = card.get("dots")
    return f", {dots} dot{'s' if dots != 1 else ''}" if dots else ""


def _feedback(summary: dict) -> list[str]:
    f = summary["analytics"]["feedback"]
    if not f["responses"]:
        return []
    lines = ["## Closing feedback", "",
             f"- Answers: {inline(f['responses'])}",
             "- " + inline(f"Net promoter score: {figure(f['nps'])} (promoters {f['promoters']},"
                         f" passives {f['passives']}, detractors {f['detractors']})"),
             f"- Satisfaction: {inline(figure(f['satisfaction']))} / 10", ""]
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
            lines += [f"### {inline(group['name'])}", ""]
            lines += [item(p["name"] + (f" ({p['role']})" if p["role"] else "")) for p in members]
            lines.append("")
    loose = [p for p in summary.get("participants", []) if not p["group_id"]]
    if loose:
        lines += ["### Not in a group", ""] + [item(p["name"]) for p in loose] + [""]
    return lines


# The summary page's order.
MARKDOWN_SECTIONS: list[Section] = [_heading, _at_a_glance, _carried_from, _clusters, _cards, _topics, _decisions,
                                    _actions, _feedback, _people]


def render(summary: dict) -> str:
    lines: list[str] = []
    for section in MARKDOWN_SECTIONS:
        lines += section(summary)
    return "\n".join(lines).rstrip("\n") + "\n"
