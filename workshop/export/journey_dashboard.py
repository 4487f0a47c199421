"""The journey dashboard as charts, a table of figures and a CSV: from the KPIs alone."""
from __future__ import annotations

import csv
import io

from ..domain.journey_compare import GROUP_RULES
from . import charts
from .csv_zip import plain

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
    reach_charts = [
        charts.horizontal("reach-role", "People of the broad stage by role",
                          [(r["name"], r["people"]) for r in reach["by_role"]]),
        charts.horizontal("reach-experience", "People of the broad stage by experience",
                          [(r["name"], r["people"]) for r in reach["by_experience"]]),
    ]
    return {"charts": chart_list, "reach_charts": reach_charts, "rows": rows(kpis), "columns": COLUMNS, "reach": reach,
            "whole": kpis["whole"], "sessions": sessions, "journey": kpis["journey"], "choices": choices(kpis)}


def projects_context(portfolio: dict) -> dict:
    """The strategy in the teams' projects: the share serving a pillar, and a bar per pillar."""
    adoption = portfolio["adoption"]
    return {"adoption": adoption,
            "projects_chart": charts.horizontal("projects-per-pillar", "Projects per pillar",
                                                adoption["per_pillar"])}


def progress_context(measures: dict) -> dict:
    """The strategy's measures: how many key results stand where, and a bar per measured key
    result for the way it has made, the whole chart's width being the target (a bar stops at 0 and
    at the target; its figure says how far below or past)."""
    standings = [(g["pillar"]["name"], kr) for g in measures["groups"] for kr in g["key_results"]]
    measured = [(kr["statement"], kr["way_percent"]) for _, kr in standings if kr["way_percent"] is not None]
    return {"measures": measures, "standings": standings,
            "progress_chart": charts.horizontal("key-results-way", "Way made to each key result's target (%)",
                                                measured, "%", full=100)}


def trends(measures: dict) -> dict[str, dict]:
    """A small line of each key result's readings, by its id, once it has two or more to join."""
    return {kr["id"]: charts.trend(f"{kr['statement']}: its readings against its baseline and its target ({kr['move']})",
                                   [(r["taken_on"], r["value"], r["shown"]) for r in kr["readings"]],
                                   kr["baseline"], kr["target"],
                                   (f"baseline {kr['baseline_shown']}", f"target {kr['target_shown']}"))
            for g in measures["groups"] for kr in g["key_results"] if len(kr["readings"]) >= 2}


PROGRESS_COLUMNS: list[object] = ["Pillar", "Key result", "Metric", "Unit", "Baseline", "Target", "Due", "Latest",
                                  "Latest on", "Way made %", "Time gone %", "Status"]


def _progress_lines(measures: dict) -> list[list[object]]:
    return [[g["pillar"]["name"], kr["statement"], kr["metric"], kr["unit"], plain(kr["baseline"]),
             plain(kr["target"]), kr["due"], plain(kr["latest"]), kr["latest_on"], kr["way_percent"],
             kr["time_percent"], kr["status_label"]]
            for g in measures["groups"] for kr in g["key_results"]]


def choices(kpis: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """What the compare form offers, by kind: (heading, [(value, label)])."""
    teams = [t["name"] for t in kpis["journey"]["teams"]]
    return [
        ("Sessions", [(f"session:{s['id']}", s["title"]) for s in kpis["sessions"]]),
        ("A team's sessions", [(f"team:{t}", f"Sessions of {t}") for t in teams]),
        ("Groups", [(f"groups:{rule}", label) for rule, label in GROUP_RULES.items()]
         + [(f"groups:team:{t}", f"Groups of {t}") for t in teams]),
    ]


# Figures drawn side by side: the ones that are never negative (NPS can be: it stays in the table).
CHARTED = ("participants", "cards_per_person", "voices_percent", "satisfaction", "elmos")
PERCENT = ("voices_percent", "adherence_percent")


def comparison_context(compared: dict) -> dict:
    """Both sides as a small chart per figure (two bars each: one scale per figure) and the table."""
    chart_list = [charts.horizontal(f"compare-{r['key']}", r["label"],
                                    [(compared["a"], r["a"]), (compared["b"], r["b"])],
                                    "%" if r["key"] in PERCENT else "")
                  for r in compared["rows"] if r["key"] in CHARTED and r["a"] is not None and r["b"] is not None]
    table = [(r["label"], _or_dash(r["a"]), _or_dash(r["b"]), _or_dash(r["difference"])) for r in compared["rows"]]
    return {"charts": chart_list, "table": table, "a": compared["a"], "b": compared["b"],
            "unavailable": compared["unavailable"]}


def _cell(value: object) -> object:
    # A spreadsheet runs a cell that starts with = + - @ as a formula: titles are user text.
    if isinstance(value, str) and value[:1] in "=+-@":
        return f"'{value}"
    return "" if value is None else value


def _csv(lines: list[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in lines:
        writer.writerow([_cell(v) for v in line])
    return out.getvalue().encode("utf-8-sig")


def render_csv(kpis: dict, adoption: dict | None = None, measures: dict | None = None) -> bytes:
    """The figures per session and the whole journey; below, after an empty line each,
    the broad stage's people by role and by experience, then the projects per pillar
    and, once the offsite has key results, the projects moving each and where each stands."""
    lines: list[list[object]] = [[label for _, label in COLUMNS]]
    lines += [[row[key] for key, _ in COLUMNS] for row in rows(kpis)]
    for heading, found in (("Role", kpis["reach"]["by_role"]), ("Experience", kpis["reach"]["by_experience"])):
        lines += [[], [heading, "People", "Share %"]]
        lines += [[r["name"], r["people"], r["percent"]] for r in found]
    if adoption is not None:
        lines += [[], ["Pillar", "Projects"]]
        lines += [[name, count] for name, count in adoption["per_pillar"]]
        lines += [["(no pillar)", adoption["projects"] - adoption["on_a_pillar"]]]
        if adoption["per_key_result"]:
            lines += [[], ["Pillar", "Key result", "Projects moving it"]]
            lines += [list(measure) for measure in adoption["per_key_result"]]
    if measures is not None and measures["groups"]:
        lines += [[], PROGRESS_COLUMNS, *_progress_lines(measures)]
    return _csv(lines)


def render_comparison_csv(compared: dict) -> bytes:
    lines: list[list[object]] = [["Figure", compared["a"], compared["b"], "Difference"]]
    lines += [[r["label"], r["a"], r["b"], r["difference"]] for r in compared["rows"]]
    if compared["unavailable"]:
        lines += [[], ["Not told for a set of groups", "Why"]]
        lines += [[u["figure"], u["why"]] for u in compared["unavailable"]]
    return _csv(lines)
