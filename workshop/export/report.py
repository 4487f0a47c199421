"""The printable report: what the template needs besides the summary (its charts)."""
from __future__ import annotations

from typing import Callable

from . import charts

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


# Later areas add theirs: dots per cluster, agreement distribution per poll.
CHARTS: list[Chart] = [_contributions_per_group, _cards_per_column, _feedback_scores]


def context(summary: dict) -> dict:
    return {"summary": summary, "charts": [c for c in (chart(summary) for chart in CHARTS) if c]}
