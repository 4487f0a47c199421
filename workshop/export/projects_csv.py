"""A journey's projects by pillar as CSV: the teams' plans, for a spreadsheet.

One row per project, pillars in the strategy's order and each pillar's projects
in priority order (1 first), then those serving no pillar yet. Cells are written
as every Bowtie CSV is (csv_zip.write: never a formula), in UTF-8 with a BOM.
"""
from __future__ import annotations

from .csv_zip import write

COLUMNS = ("pillar", "priority", "project", "team", "key_result", "id")


def render(groups: list[dict]) -> bytes:
    """``groups``: the portfolio's (store/projects.portfolio)."""
    rows = [{"pillar": group["pillar"]["name"] if group["pillar"] else "", "priority": rank,
             "project": project["title"], "team": project["team"], "key_result": project["key_result"] or "",
             "id": project["id"]}
            for group in groups for rank, project in enumerate(group["projects"], start=1)]
    return write(COLUMNS, rows).encode("utf-8-sig")
