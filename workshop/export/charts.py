"""Bar charts as geometry for SVG templates: no JavaScript, no library, prints as vectors.

A chart is a plain dict (title, size, bars and their labels with every
coordinate); the Jinja template (templates/_charts.html) only draws it, escaping
every label, and static/css/report.css colours it with the page's tokens.
"""
from __future__ import annotations

import datetime as dt

WIDTH = 640
LABEL_WIDTH = 220
ROW = 26
BAR = 18
COLUMN_HEIGHT = 160
TOP = 20      # room above the tallest column for its figure
MARGIN = 10   # between a label and its bar, and at the ends of the baseline
# A label's characters, at the widest a 13 px sans-serif draws them (the report's
# .doc-chart text): a label never reaches past the chart's left edge, it wraps onto
# a second line instead ("earning from customers (10)" was clipped, issue 14).
CHAR_WIDTH = 8.0
LINE = 15
LABEL_LINES = 2


def label_lines(label: str, width: float = LABEL_WIDTH - MARGIN) -> list[str]:
    """The label in lines that fit ``width``: wrapped at spaces, at most LABEL_LINES, the last cut with "…"."""
    fits = int(width // CHAR_WIDTH)
    lines: list[str] = []
    for word in label.split():
        while len(word) > fits:  # a word longer than a line is cut where the line ends
            lines.append(word[:fits])
            word = word[fits:]
        if lines and len(lines[-1]) + 1 + len(word) <= fits:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > LABEL_LINES:
        last = " ".join(lines[LABEL_LINES - 1:])
        lines = lines[:LABEL_LINES - 1] + [last[:fits - 1].rstrip() + "…"]
    return lines or [""]


def horizontal(key: str, title: str, items: list[tuple[str, float]], unit: str = "", full: float | None = None) -> dict:
    """One bar per item, longest for the largest value (or, given ``full``, as long as the chart
    for ``full`` and more: a share of a whole; none for less than 0, its figure saying it); labels
    on the left, wrapped to fit."""
    top = full or max((v for _, v in items), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 60
    bars: list[dict] = []
    y = 0.0
    for label, value in items:
        lines = label_lines(label)
        extra = (len(lines) - 1) * LINE
        bar_y = y + 4 + extra / 2
        middle = bar_y + BAR * 0.7
        width = round(room * max(0, min(value, top)) / top, 1)
        bars.append({"label": label, "value": value, "text": f"{_num(value)}{unit}",
                     "x": LABEL_WIDTH, "y": bar_y, "width": width, "height": BAR,
                     "label_x": LABEL_WIDTH - MARGIN, "label_y": middle, "text_x": LABEL_WIDTH + width + 6,
                     "lines": [{"text": text, "y": round(middle + (i - (len(lines) - 1) / 2) * LINE, 1)}
                               for i, text in enumerate(lines)]})
        y += ROW + extra
    return {"key": key, "kind": "horizontal", "title": title, "width": WIDTH,
            "height": max(y, ROW) + 8, "bars": bars, "empty": not any(v for _, v in items)}


def vertical(key: str, title: str, items: list[tuple[str, float]], unit: str = "") -> dict:
    """A distribution: one column per item, left to right (e.g. scores 0–10)."""
    top = max((v for _, v in items), default=0) or 1
    step = (WIDTH - 40) / max(len(items), 1)
    bars = []
    for i, (label, value) in enumerate(items):
        height = round(COLUMN_HEIGHT * value / top, 1)
        x = TOP + i * step
        bars.append({"label": label, "value": value, "text": f"{_num(value)}{unit}", "x": round(x + step * 0.15, 1),
                     "width": round(step * 0.7, 1), "y": round(TOP + COLUMN_HEIGHT - height, 1), "height": height,
                     "label_x": round(x + step / 2, 1), "label_y": COLUMN_HEIGHT + 38,
                     "text_y": round(TOP + COLUMN_HEIGHT - height - 4, 1)})
    baseline = {"x1": MARGIN, "x2": WIDTH - MARGIN, "y": TOP + COLUMN_HEIGHT}
    return {"key": key, "kind": "vertical", "title": title, "width": WIDTH, "height": COLUMN_HEIGHT + 48,
            "bars": bars, "baseline": baseline, "empty": not any(v for _, v in items)}


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


TREND_WIDTH, TREND_HEIGHT, TREND_PAD = 240, 48, 5
TREND_LABELS = 90  # right of the line: "target 20 h", "baseline 10 h"


def trend(title: str, readings: list[tuple[str, float, str]], baseline: float, target: float,
          labels: tuple[str, str] = ("baseline", "target")) -> dict:
    """A key result's readings as a small line from the first day to the last (x by date, or
    evenly when all share one day), against dashed lines at its baseline and target; y spans
    baseline, target and every reading, each line named on its right (``labels``). ``readings``:
    (ISO day, value, shown), oldest first."""
    days = [dt.date.fromisoformat(day).toordinal() for day, _, _ in readings]
    first, span = days[0], days[-1] - days[0]
    values = [value for _, value, _ in readings]
    low, high = min(values + [baseline, target]), max(values + [baseline, target])
    width, height = TREND_WIDTH - 2 * TREND_PAD, TREND_HEIGHT - 2 * TREND_PAD

    def x(i: int) -> float:
        share = (days[i] - first) / span if span else (i / (len(days) - 1) if len(days) > 1 else 0.5)
        return round(TREND_PAD + width * share, 1)

    def y(value: float) -> float:
        return round(TREND_PAD + height * (high - value) / (high - low), 1)

    dots = [{"x": x(i), "y": y(value), "title": f"{day}: {shown}"} for i, (day, value, shown) in enumerate(readings)]
    return {"title": title, "width": TREND_WIDTH + TREND_LABELS, "height": TREND_HEIGHT, "dots": dots,
            "points": " ".join(f"{d['x']},{d['y']}" for d in dots),
            "baseline_y": y(baseline), "target_y": y(target), "x1": TREND_PAD, "x2": TREND_WIDTH - TREND_PAD,
            "label_x": TREND_WIDTH, "baseline_label": labels[0], "target_label": labels[1]}
