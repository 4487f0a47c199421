"""A journey's readings of its key results as CSV: every figure recorded since the
offsite, for a spreadsheet's own charts.

One row per reading, key results in the strategy's order (as the journey page
shows them), each key result's readings oldest first. Cells are written as every
Bowtie CSV is (csv_zip.write: never a formula), in UTF-8 with a BOM.
"""
from __future__ import annotations

from .csv_zip import plain, write

COLUMNS = ("pillar", "key_result", "metric", "unit", "baseline", "target", "due", "taken_on", "value", "note", "id")


def render(groups: list[dict]) -> bytes:
    """``groups``: the board's (store/progress.board)."""
    rows = [{"pillar": group["pillar"]["name"], "key_result": kr["statement"], "metric": kr["metric"],
             "unit": kr["unit"], "baseline": plain(kr["baseline"]), "target": plain(kr["target"]), "due": kr["due"],
             "taken_on": reading["taken_on"], "value": plain(reading["value"]), "note": reading["note"],
             "id": reading["id"]}
            for group in groups for kr in group["key_results"] for reading in kr["readings"]]
    return write(COLUMNS, rows).encode("utf-8-sig")
