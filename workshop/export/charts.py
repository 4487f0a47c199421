"""Bar charts as geometry for SVG templates: no JavaScript, no library, prints as vectors.

A chart is a plain dict (title, size, bars and their labels with every
coordinate); the Jinja template (templates/_charts.html) only draws it, escaping
every label, and static/css/report.css colours it with the page's tokens.
"""
from __future__ import annotations

WIDTH = 640
LABEL_WIDTH = 180
ROW = 26
BAR = 18
COLUMN_HEIGHT = 160
TOP = 20      # room above the tallest column for its figure
MARGIN = 10   # between a label and its bar, and at the ends of the baseline


def horizontal(key: str, title: str, items: list[tuple[str, float]], unit: str = "") -> dict:
    """One bar per item, longest for the largest value; labels on the left."""
    top = max((v for _, v in items), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 60
    bars: list[dict] = [{"label": label, "value": value, "text": f"{_num(value)}{unit}",
             "x": LABEL_WIDTH, "y": i * ROW + 4, "width": round(room * value / top, 1), "height": BAR,
             "label_x": LABEL_WIDTH - MARGIN, "label_y": i * ROW + 4 + BAR * 0.7}
            for i, (label, value) in enumerate(items)]
    for bar in bars:
        bar["text_x"] = bar["x"] + bar["width"] + 6
    return {"key": key, "kind": "horizontal", "title": title, "width": WIDTH,
            "height": max(len(bars), 1) * ROW + 8, "bars": bars, "empty": not any(v for _, v in items)}


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
