"""The Markdown report: the summary page, in the same order, as readable text.

Every value put into it goes through ``text``, ``inline``, ``item`` or ``table`` (``markdown_text``), so
that nothing typed (or imported) can start a block, a link, an image, HTML or code: the export's
structure is its own. The agenda and the section of each step are ``markdown_steps``.
"""
from __future__ import annotations

from typing import Callable

from ..domain.polls import AGREE
from . import figure, minutes, when
from .markdown_steps import action, agenda, outcome, steps
from .markdown_text import inline, item, table, text
from .strategy import markdown as strategy

__all__ = ["inline", "item", "render", "table", "text"]

Section = Callable[[dict], list[str]]


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
    return lines


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














def _decisions_and_actions(summary: dict) -> list[str]:
    """What the workshop decided and will do, in one place near the top (each in full under its step)."""
    polls, actions = summary.get("polls") or [], summary.get("actions") or []
    if not polls and not actions:
        return []
    lines = ["## Decisions and actions", ""]
    if polls:
        lines += [f"### Decisions ({AGREE}% agree, 100% commit)", ""]
        lines += [item(f"{p['rounds'][-1]['proposal']} — {outcome(p)}" + (f" (topic: {p['topic']})" if p["topic"] else ""))
                  for p in polls] + [""]
    if actions:
        lines += ["### Actions", ""] + [action(a) for a in actions] + [""]
    return lines


def _carried_from(summary: dict) -> list[str]:
    sources = summary.get("carried_from") or []
    if not sources:
        return []
    lines = ["## Carried from earlier workshops", ""]
    lines += [item(f"{s['source_title']} ({s['cards']} cards)") for s in sources]
    return lines + [""]








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
    members_of: dict[str | None, list[dict]] = {}
    for person in summary.get("participants", []):  # one pass, not one per group (600 × 3,000 at a venue)
        members_of.setdefault(person["group_id"], []).append(person)
    for group in summary.get("groups", []):
        members = members_of.get(group["id"], [])
        if members:
            lines += [f"### {inline(group['name'])}", ""]
            lines += [item(p["name"] + (f" ({p['role']})" if p["role"] else "")) for p in members]
            lines.append("")
    loose = [p for p in summary.get("participants", []) if not p["group_id"]]
    if loose:
        lines += ["### Not in a group", ""] + [item(p["name"]) for p in loose] + [""]
    return lines


# The summary page's order: the agenda, then one section per step.
MARKDOWN_SECTIONS: list[Section] = [_heading, _at_a_glance, agenda, _decisions_and_actions, _carried_from, steps,
                                    strategy, _feedback, _people]


def render(summary: dict) -> str:
    lines: list[str] = []
    for section in MARKDOWN_SECTIONS:
        lines += section(summary)
    return "\n".join(lines).rstrip("\n") + "\n"
