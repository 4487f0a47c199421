"""The report's bar charts: charts.py places every mark, the template only draws them."""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from workshop.export import charts

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def draw(chart: dict) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    return env.from_string('{% from "_charts.html" import chart %}{{ chart(c) }}').render(c=chart)


def numbers(svg: str, tag: str, attribute: str) -> list[float]:
    return [float(v) for v in re.findall(rf'<{tag}\b[^>]*\b{attribute}="([-\d.]+)"', svg)]


def test_a_label_ends_where_charts_py_says_left_of_its_bar():
    chart = charts.horizontal("k", "Cards per group", [("Owls", 3), ("Larks", 5)])
    svg = draw(chart)
    assert numbers(svg, "text", "x")[0::2] == [b["label_x"] for b in chart["bars"]]
    assert all(b["label_x"] < b["x"] for b in chart["bars"])


def test_the_baseline_of_a_distribution_runs_under_its_columns():
    chart = charts.vertical("k", "Agreement", [("0%", 1), ("100%", 4)])
    svg = draw(chart)
    line = re.search(r'<line[^>]*y1="([\d.]+)"', svg)
    assert line and float(line.group(1)) == max(b["y"] + b["height"] for b in chart["bars"])


def test_the_template_holds_no_position_or_colour_of_its_own():
    template = (TEMPLATES / "_charts.html").read_text()
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", template), "colours come from the CSS tokens"
    assert not re.search(r'\b(?:x|y|x1|x2|y1|y2)="\{\{ \d', template), "positions come from charts.py"
    assert not re.search(r'\b(?:fill|stroke|font-size)="', template), "style comes from static/css/report.css"


def test_a_long_label_wraps_instead_of_running_off_the_left_edge():
    chart = charts.horizontal("k", "Minutes per topic", [("Learning from customers (10)", 8), ("Onboarding (5)", 4)])
    first, second = chart["bars"]
    assert [line["text"] for line in first["lines"]] == ["Learning from customers", "(10)"]
    assert [line["text"] for line in second["lines"]] == ["Onboarding (5)"]
    for bar in chart["bars"]:
        for line in bar["lines"]:
            assert len(line["text"]) * charts.CHAR_WIDTH <= bar["label_x"], line  # ends at label_x, starts at 0 or later
    assert second["y"] >= first["y"] + charts.BAR  # the wrapped row makes room; rows never overlap
    svg = draw(chart)
    assert numbers(svg, "text", "y")[:2] == [line["y"] for line in first["lines"]]


def test_a_label_of_more_than_two_lines_ends_with_an_ellipsis():
    lines = charts.label_lines("A very long cluster name about how we onboard and train every new hire in the team")
    assert len(lines) == charts.LABEL_LINES and lines[-1].endswith("…")
    assert all(len(line) * charts.CHAR_WIDTH <= charts.LABEL_WIDTH - charts.MARGIN for line in lines)


def test_shares_of_a_whole_are_drawn_against_the_whole_and_no_bar_runs_past_it():
    shares = charts.horizontal("k", "Way made (%)", [("Demos", 50), ("NPS", 150), ("Churn", -20)], "%", full=100)
    half, past, below = shares["bars"]
    assert (below["width"], below["text"]) == (0, "-20%")
    assert half["width"] * 2 == past["width"] == charts.WIDTH - charts.LABEL_WIDTH - 60
    assert (half["text"], past["text"]) == ("50%", "150%")
    largest = charts.horizontal("k", "Cards", [("Owls", 50), ("Larks", 100)])
    assert largest["bars"][1]["width"] == past["width"]  # without a whole: the largest runs the width


def test_a_trend_runs_by_date_between_its_baseline_and_target_lines():
    line = charts.trend("Demos held", [("2027-01-01", 1, "1"), ("2027-01-03", 3, "3"), ("2027-01-11", 2, "2")], 0, 4)
    xs = [d["x"] for d in line["dots"]]
    assert xs[0] == charts.TREND_PAD and xs[-1] == charts.TREND_WIDTH - charts.TREND_PAD
    assert round((xs[1] - xs[0]) * 5, 1) == round(xs[2] - xs[0], 1)  # 2 days of 10: a fifth of the way
    assert line["baseline_y"] == charts.TREND_HEIGHT - charts.TREND_PAD and line["target_y"] == charts.TREND_PAD
    ys = [d["y"] for d in line["dots"]]
    assert ys[1] < ys[2] < ys[0]  # higher figures stand higher
    assert [d["title"] for d in line["dots"]] == ["2027-01-01: 1", "2027-01-03: 3", "2027-01-11: 2"]
    assert line["points"] == " ".join(f"{d['x']},{d['y']}" for d in line["dots"])


def test_a_trend_of_one_day_spreads_its_readings_and_one_past_the_target_stays_inside():
    line = charts.trend("NPS", [("2027-01-01", 30, "30"), ("2027-01-01", 50, "50")], 20, 40)
    assert [d["x"] for d in line["dots"]] == [charts.TREND_PAD, charts.TREND_WIDTH - charts.TREND_PAD]
    assert min(d["y"] for d in line["dots"]) == charts.TREND_PAD  # 50, past the target of 40, at the top
    assert line["baseline_y"] == charts.TREND_HEIGHT - charts.TREND_PAD
    svg = draw_trend(charts.trend("NPS", [("2027-01-01", 30, "30"), ("2027-01-01", 50, "50")], 20, 40,
                                  ("baseline 20", "target 40")))
    assert svg.count("<circle") == 2 and 'aria-label="NPS"' in svg and "<title>2027-01-01: 50</title>" in svg
    assert ">baseline 20</text>" in svg and ">target 40</text>" in svg


def draw_trend(line: dict) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    return env.from_string('{% from "_charts.html" import trend %}{{ trend(t) }}').render(t=line)
