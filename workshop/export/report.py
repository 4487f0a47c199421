"""The printable report: what the template needs besides the summary (its charts)."""
from __future__ import annotations

from typing import Callable

from ..domain import polls, topics
from . import agreement, by_step, charts, step_minutes
from .markdown_steps import actual, outcome, state

Chart = Callable[[dict], dict | None]


def _contributions_per_group(summary: dict) -> dict | None:
    groups = summary["analytics"]["cards_per_group"]
    if not groups:
        return None
    return charts.horizontal("contributions", "Cards per group", [(g["group"], g["cards"]) for g in groups])


def _cards_per_column(summary: dict) -> dict | None:
    return charts.horizontal("columns", "Cards per column",
                             [(c["title"], c["cards"]) for c in summary["analytics"]["cards_per_column"]])


def _feedback_scores(summary: dict) -> dict | None:
    answers = summary.get("feedback", [])
    if not answers:
        return None
    return charts.vertical("feedback", "How likely to recommend (0–10)",
                           [(str(s), sum(1 for a in answers if a["score"] == s)) for s in range(11)])


def _dots_per_cluster(summary: dict) -> dict | None:
    clusters = [c for c in summary.get("clusters", []) if c["rank"] is not None]
    if not clusters:
        return None
    return charts.horizontal("dots", "Dots per cluster", [(c["name"], c["dots"]) for c in clusters])


def _time_per_topic(summary: dict) -> dict | None:
    topics = summary.get("topics") or []
    if not topics:
        return None
    return charts.horizontal("time", "Minutes spent per topic (planned in brackets)",
                             [(f"{t['title']} ({round(t['planned'] / 60)})", round(t["spent"] / 60, 1)) for t in topics])


CHARTS: list[Chart] = [_contributions_per_group, _cards_per_column, _dots_per_cluster, _time_per_topic,
                       _feedback_scores]


def poll_charts(summary: dict) -> dict[str, list[dict]]:
    """The agreement distribution of every closed round, by poll id."""
    out = {}
    for poll in summary.get("polls", []):
        out[poll["id"]] = [charts.vertical(f"poll-{poll['id']}-{r['number']}", f"Round {r['number']}: agreement",
                                           [(f"{level}%", agreement(r)["levels"].get(level, 0)) for level in polls.LEVELS])
                           for r in poll["rounds"] if not r.get("open")]
    return out


def context(summary: dict) -> dict:
    return {"summary": summary, "charts": [c for c in (chart(summary) for chart in CHARTS) if c],
            "poll_charts": poll_charts(summary), "agree": polls.AGREE, "commit": polls.COMMIT,
            "result_words": polls.RESULT_WORDS, "note_fields": topics.NOTE_FIELDS,
            # The agenda, one section per step, worded as the Markdown export words it.
            "steps": by_step(summary), "step_minutes": step_minutes, "step_actual": actual, "step_state": state,
            "outcome": outcome}
