"""Figures of one workshop, computed from its summary (plain dicts, no storage).

Each area contributes a function to ``FIGURES``: ``figure(summary) -> dict`` of
extra analytics keys, computed only from what the summary holds (so that an
export and the summary page always agree).
"""
from __future__ import annotations

from collections import Counter
from typing import Callable

from . import feedback
from .polls import COMMIT

Figure = Callable[[dict], dict]


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def participation(summary: dict) -> dict:
    people = summary.get("participants", [])
    # Contributing: wrote a card, placed a dot or answered a poll.
    contributors = sum(1 for p in people if p.get("contributions", 0) > 0)
    return {"participants": len(people), "contributors": contributors,
            "contribution_rate": percent(contributors, len(people))}


def cards(summary: dict) -> dict:
    cards = summary.get("cards", [])
    columns = summary["workshop"]["template"]["columns"]
    by_column = Counter(c["column"] for c in cards)
    # Counted in one pass each (not once per group: 60 groups × 10,000 cards took most of an export).
    per_cell = Counter((c["group_id"], c["column"]) for c in cards)
    per_group_cards = Counter(c["group_id"] for c in cards)
    members: dict = {}
    for p in summary.get("participants", []):
        members.setdefault(p["group_id"], []).append(p)
    per_group = []
    for group in summary.get("groups", []):
        mine = members.get(group["id"], [])
        per_group.append({
            "group": group["name"], "participants": len(mine),
            "contributors": sum(1 for p in mine if p.get("contributions", 0) > 0),
            "cards": per_group_cards[group["id"]],
            "columns": {col["key"]: per_cell[(group["id"], col["key"])] for col in columns},
        })
    return {
        "cards": len(cards),
        "cards_per_column": [{"column": col["key"], "title": col["title"], "cards": by_column[col["key"]]}
                             for col in columns],
        "cards_per_group": per_group,
    }


def closing_feedback(summary: dict) -> dict:
    answers = summary.get("feedback", [])
    per_group = []
    for group in summary.get("groups", []):
        scores = [a["score"] for a in answers if a["group_id"] == group["id"]]
        if scores:
            per_group.append({"group": group["name"], **feedback.figures(scores)})
    return {"feedback": {**feedback.figures(a["score"] for a in answers), "per_group": per_group}}


def dots(summary: dict) -> dict:
    votes = summary.get("votes", [])
    last = votes[-1] if votes else None
    return {"dots_cast": sum(v["dots_cast"] for v in votes), "voters": last["voters"] if last else 0,
            "dots_per_cluster": [{"cluster": c["name"], "dots": c["dots"] or 0, "rank": c["rank"]}
                                 for c in summary.get("clusters", [])]}


def time_boxes(summary: dict) -> dict:
    """Time planned versus spent per topic (seconds), and the Elmos thrown."""
    per_topic = [{"topic": t["title"], "planned": t["planned"], "spent": t["spent"],
                  "over": round(t["spent"] - t["planned"], 1), "elmos": t["elmos"]} for t in summary.get("topics", [])]
    return {"time_per_topic": per_topic,
            "time_planned": sum(t["planned"] for t in per_topic), "time_spent": round(sum(t["spent"] for t in per_topic), 1),
            # Elmos on steps with no topics (domain/step_elmo.py) count as the topics' do: one per person.
            "elmos": sum(t["elmos"] for t in per_topic) + sum(s["elmos"] for s in summary.get("step_elmos", []))}


def consensus(summary: dict) -> dict:
    """Poll rounds to commit: how many times a proposal was asked before the room committed."""
    per_poll: list[dict] = []
    for poll in summary.get("polls", []):
        committed = [r["number"] for r in poll["rounds"] if r["result"] == COMMIT]
        per_poll.append({"proposal": poll["rounds"][-1]["proposal"] if poll["rounds"] else "",
                         "rounds": len(poll["rounds"]), "committed": bool(committed),
                         "rounds_to_commit": committed[0] if committed else None})
    to_commit = [p["rounds_to_commit"] for p in per_poll if p["committed"]]
    return {"polls": len(per_poll), "decisions": len(to_commit), "poll_rounds": per_poll,
            "mean_rounds_to_commit": round(sum(to_commit) / len(to_commit), 1) if to_commit else None}


FIGURES: list[Figure] = [participation, cards, dots, time_boxes, consensus, closing_feedback]


def figures(summary: dict) -> dict:
    result: dict = {}
    for figure in FIGURES:
        result.update(figure(summary))
    return result
