"""CSV files, one per kind, zipped: for spreadsheets and scripts.

Column names are stable (scripts depend on them). Text people typed is quoted
as RFC 4180 asks (commas, quotes, new lines) and neutralised for spreadsheets:
a cell that starts with = + - @ (or a tab or carriage return) would be read as
a formula, so it gets a leading apostrophe (OWASP's "CSV injection" advice).
Files are UTF-8 with a byte-order mark, which spreadsheet programs need to
read names and cards in any language; scripts read them with ``utf-8-sig``.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from typing import Callable

from . import when

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value: object) -> object:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, bool):
        return int(value)
    return "" if value is None else value


@dataclass(frozen=True)
class CsvFile:
    name: str
    columns: tuple[str, ...]
    rows: Callable[[dict], list[dict] | None]  # None: this workshop has no such kind


def write(columns: tuple[str, ...], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe(row.get(c)) for c in columns])
    return out.getvalue()


def _workshop(summary: dict) -> list[dict]:
    w = summary["workshop"]
    return [{"id": w["id"], "code": w["code"], "title": w["title"], "context": w["context"], "phase": w["phase"],
             "template": w["template"]["key"], "created": when(w["created_at"]), "archived": when(w["archived_at"])}]


def _cards(summary: dict) -> list[dict]:
    return [{"card_id": c["id"], "group": c["group"], "column": c["column"], "text": c["text"],
             "cluster": c.get("cluster", ""), "created": when(c["created_at"]),
             "carried_from": (c["origin"] or {}).get("source_title", ""),
             "carried_cluster": (c["origin"] or {}).get("source_cluster", "")} for c in summary.get("cards", [])]


def _participants(summary: dict) -> list[dict]:
    return [{"name": p["name"], "role": p["role"], "experience": p["experience"], "group": p["group"],
             "cards": p["cards"], "contributed": int(p["contributions"] > 0)} for p in summary.get("participants", [])]


def _feedback(summary: dict) -> list[dict]:
    return [{"group": f["group"], "score": f["score"], "worked": f["worked"], "did_not_work": f["did_not_work"]}
            for f in summary.get("feedback", [])]


def _analytics(summary: dict) -> list[dict]:
    """The figures as (scope, figure, value) rows: one shape for any figure an area adds."""
    a = summary["analytics"]
    rows = [{"scope": "workshop", "figure": k, "value": a[k]} for k in sorted(a) if not isinstance(a[k], (dict, list))]
    for column in a["cards_per_column"]:
        rows.append({"scope": f"column:{column['column']}", "figure": "cards", "value": column["cards"]})
    for group in a["cards_per_group"]:
        for key in ("participants", "contributors", "cards"):
            rows.append({"scope": f"group:{group['group']}", "figure": key, "value": group[key]})
    f = a["feedback"]
    for key in ("responses", "promoters", "passives", "detractors", "nps", "satisfaction"):
        rows.append({"scope": "feedback", "figure": key, "value": f[key]})
    for group in f["per_group"]:
        for key in ("responses", "nps", "satisfaction"):
            rows.append({"scope": f"feedback:{group['group']}", "figure": key, "value": group[key]})
    return rows


# Later areas (clusters, votes, polls and answers, topics, actions) append their files.
CSV_FILES: list[CsvFile] = [
    CsvFile("workshop.csv", ("id", "code", "title", "context", "phase", "template", "created", "archived"), _workshop),
    CsvFile("cards.csv", ("card_id", "group", "column", "text", "cluster", "created", "carried_from",
                          "carried_cluster"), _cards),
    CsvFile("participants.csv", ("name", "role", "experience", "group", "cards", "contributed"), _participants),
    CsvFile("feedback.csv", ("group", "score", "worked", "did_not_work"), _feedback),
    CsvFile("analytics.csv", ("scope", "figure", "value"), _analytics),
]


def files(summary: dict) -> dict[str, str]:
    """Each kind's CSV text, by file name, for the kinds this workshop has."""
    out = {}
    for spec in CSV_FILES:
        rows = spec.rows(summary)
        if rows is not None:
            out[spec.name] = write(spec.columns, rows)
    return out


def render(summary: dict) -> bytes:
    buffer = io.BytesIO()
    # A fixed timestamp inside the zip: the same workshop gives the same bytes.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files(summary).items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, "\ufeff" + content)
    return buffer.getvalue()
