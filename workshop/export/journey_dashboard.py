"""The journey dashboard as charts, a table of figures and a CSV: from the KPIs alone."""
from __future__ import annotations

import csv
import io

from . import charts

STAGE_TITLES = {"start": "Start broad", "narrow": "Narrow down", "formulate": "Formulate", "carry": "Carry back"}


def _or_dash(value: object) -> object:
    return "–" if value is None else value


def _known(figures) -> list[tuple[str, float]]:
    """The sessions that have this figure: one with no answers is left out, not drawn as a 0."""
    return [(title, value) for title, value in figures if value is not None]


def rows(kpis: dict) -> list[dict]:
    """One row per session, then the whole journey: the figures every chart draws."""
    def row(title: str, stage: str, team: str, k: dict) -> dict:
        return {"title": title, "stage": STAGE_TITLES.get(stage, stage), "team": team,
                "participants": k["participants"], "cards": k["cards"], "cards_per_person": k["cards_per_person"],
                "voices_carried": k["voices"]["carried"], "voices_writers": k["voices"]["writers"],
                "voices_percent": k["voices"]["percent"], "responses": k["feedback"]["responses"],
                "nps": k["feedback"]["nps"], "satisfaction": k["feedback"]["satisfaction"],
                "decisions": k["decisions"]["committed"], "polls": k["decisions"]["polls"],
                "mean_rounds": k["decisions"]["mean_rounds"], "adherence_percent": k["adherence"]["percent"],
                "topics_within": k["adherence"]["within"], "topics_timed": k["adherence"]["timed"],
                "elmos": k["elmos"]}
    found = [row(s["title"], s["stage"], s["team"], s) for s in kpis["sessions"]]
    return found + [row("Whole journey", "", "", kpis["whole"])]


COLUMNS = [("title", "Session"), ("stage", "Stage"), ("team", "Team"), ("participants", "People"),
           ("cards", "Cards"), ("cards_per_person", "Cards per person"), ("voices_carried", "Voices carried"),
           ("voices_writers", "Writers"), ("voices_percent", "Share of voices %"), ("responses", "Feedback answers"),
           ("nps", "NPS"), ("satisfaction", "Satisfaction"), ("decisions", "Decisions"), ("polls", "Polls"),
           ("mean_rounds", "Rounds to commit (mean)"), ("adherence_percent", "Time-box adherence %"),
           ("elmos", "Elmos")]


def context(kpis: dict) -> dict:
    sessions = kpis["sessions"]
    reach = kpis["reach"]
    chart_list = [
        charts.horizontal("reach", "Reach: people against expected, by team (%)",
                          [(t["team"], t["percent"] or 0) for t in reach["per_team"] if t["expected"]], "%"),
        charts.horizontal("cards-per-person", "Cards per person",
                          _known((s["title"], s["cards_per_person"]) for s in sessions)),
        charts.horizontal("voices", "Share of voices carried on (%)",
                          _known((s["title"], s["voices"]["percent"]) for s in sessions), "%"),
        charts.horizontal("satisfaction", "Satisfaction (out of 10)",
                          _known((s["title"], s["feedback"]["satisfaction"]) for s in sessions)),
    ]
    return {"charts": chart_list, "rows": rows(kpis), "columns": COLUMNS, "reach": reach,
            "whole": kpis["whole"], "sessions": sessions, "journey": kpis["journey"]}


def compare(kpis: dict, first: str, second: str) -> list[tuple[str, object, object]] | None:
    """Two sessions side by side, figure by figure; None unless both are the journey's."""
    by_id = {s["id"]: r for s, r in zip(kpis["sessions"], rows(kpis))}
    if first not in by_id or second not in by_id:
        return None
    a, b = by_id[first], by_id[second]
    return [(label, _or_dash(a[key]), _or_dash(b[key])) for key, label in COLUMNS]


def render_csv(kpis: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([label for _, label in COLUMNS])
    for row in rows(kpis):
        # A spreadsheet runs a cell that starts with = + - @ as a formula: titles are user text.
        writer.writerow([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else ("" if v is None else v)
                         for v in (row[key] for key, _ in COLUMNS)])
    return out.getvalue().encode("utf-8-sig")
