"""Which tables hold a workshop, declared once for delete, export and import.

Each area adds its tables here with one line, parents before children (the
order rows are inserted in; deletes run in reverse). A table either holds the
workshop's id itself (``key="workshop_id"``) or hangs off a parent table that
does (``key="poll_id", parent="polls"``). A test checks that every table of
the schema is declared here or knowingly left out.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from .events import Tx


def _nobody(settings: dict) -> frozenset[str]:
    return frozenset()


def _blind_authors(settings: dict) -> frozenset[str]:
    # With blind writing the workshop kept authors to themselves: exports keep only the group.
    return frozenset({"participant_id"}) if settings.get("blind_writing") else frozenset()


def _always(*columns: str) -> Callable[[dict], frozenset[str]]:
    return lambda settings: frozenset(columns)


def _unchanged(settings: dict, row: dict) -> dict:
    return row


def _ballot_authors(settings: dict, row: dict) -> dict:
    """A vote's ballot lists each item's authors (to stop voting for one's own);
    with blind writing those names of authors go, as the cards' do."""
    if not settings.get("blind_writing") or not row.get("items"):
        return row
    items = [{**item, "author_ids": []} for item in json.loads(row["items"])]
    return {**row, "items": json.dumps(items)}


@dataclass(frozen=True)
class WorkshopTable:
    name: str
    key: str = "workshop_id"
    parent: str | None = None
    # Columns exported as null, given the workshop's settings: what was anonymous stays so.
    anonymous: Callable[[dict], frozenset[str]] = _nobody
    # For what hides inside a column (JSON text): the row as it may be exported.
    scrub: Callable[[dict, dict], dict] = _unchanged


WORKSHOP_TABLES: list[WorkshopTable] = [
    WorkshopTable("steps"),
    WorkshopTable("groups"),
    WorkshopTable("participants"),
    WorkshopTable("cards", anonymous=_blind_authors),
    WorkshopTable("clusters"),
    WorkshopTable("cluster_cards"),
    WorkshopTable("votes", scrub=_ballot_authors),
    WorkshopTable("dots"),
    WorkshopTable("topics"),
    WorkshopTable("discussions"),
    WorkshopTable("elmos", anonymous=_always("participant_id")),  # the room never learns who threw one
    WorkshopTable("actions"),
    WorkshopTable("polls"),
    WorkshopTable("poll_rounds"),
    # Poll reasons are anonymous: no answer names its participant in an export.
    WorkshopTable("poll_answers", key="round_id", parent="poll_rounds", anonymous=_always("participant_id")),
    WorkshopTable("feedback", anonymous=_always("participant_id")),
    WorkshopTable("origins"),
    WorkshopTable("pillars"),
    WorkshopTable("pillar_links"),
    WorkshopTable("snippets"),
    WorkshopTable("snippet_adds", anonymous=_always("participant_id")),  # snippets are the room's, not a person's
    WorkshopTable("pillar_teams"),
    WorkshopTable("objectives"),
    WorkshopTable("key_results"),
    WorkshopTable("statement_steps"),
    WorkshopTable("statements"),
    # Who marked what stays unknown, in exports as on every screen.
    WorkshopTable("statement_marks", anonymous=_always("participant_id")),
    WorkshopTable("committed_sentences"),
    WorkshopTable("step_elmos", anonymous=_always("participant_id")),  # as the topic Elmos: never who threw one
    WorkshopTable("step_elmo_present"),
]

# Held elsewhere in the export or rebuilt on import: the workshop row itself, the
# event log (a live-sync aid that repeats what the tables hold), the schema's own
# record, the seat counts that triggers keep from the groups and participants, and
# the server's libraries of card and agenda templates (not one workshop's), and who was
# here in each step (live presence: its rows go with their participants, ON DELETE CASCADE).
NOT_EXPORTED = {"workshops", "events", "meta", "group_seats", "card_templates", "agenda_templates", "attendance"}
# Journeys span workshops: a workshop's export does not carry the journey it sits in (yet).
NOT_EXPORTED |= {"journeys", "journey_workshops", "journey_items"}
# Share links belong to a journey and are secrets: never in a workshop's export.
NOT_EXPORTED |= {"briefing_shares"}
# A journey's projects are in the journey's export (store/projects.py), not a workshop's.
NOT_EXPORTED |= {"journey_projects"}
# So are the readings of its key results (store/progress.py).
NOT_EXPORTED |= {"key_result_readings"}

_BY_NAME = {t.name: t for t in WORKSHOP_TABLES}


def declared(name: str) -> WorkshopTable:
    return _BY_NAME[name]


def selection(tx: Tx, table: WorkshopTable) -> str:
    """SQL (one ``?`` for the workshop id) choosing this table's rows of one workshop."""
    if table.parent is None:
        return f'SELECT rowid FROM "{table.name}" WHERE "{table.key}" = ?'
    parent = _BY_NAME[table.parent]
    (parent_key,) = tx.db.table(parent.name).pks  # a parent is referenced by a one-column key
    return (f'SELECT rowid FROM "{table.name}" WHERE "{table.key}" IN '
            f'(SELECT "{parent_key}" FROM "{parent.name}" WHERE rowid IN ({selection(tx, parent)}))')


def rows(tx: Tx, table: WorkshopTable, workshop_id: str) -> list[dict]:
    """Every row of this table that belongs to the workshop, in the order they were written.

    That is rowid order, which the selection yields without a sort (primary key order
    sorted a venue's 30,000 dots and 13,000 cards: ~40 ms of the JSON export's ~300), and
    which an import keeps, since it writes the rows in the file's order."""
    return tx.query(f'SELECT * FROM "{table.name}" WHERE rowid IN ({selection(tx, table)}) ORDER BY rowid',
                    [workshop_id])


def delete_workshop(tx: Tx, workshop_id: str) -> dict[str, int]:
    """Remove every row of one workshop, children first; return how many per table."""
    counts: dict[str, int] = {}
    for table in reversed(WORKSHOP_TABLES):
        counts[table.name] = tx.db.execute(
            f'DELETE FROM "{table.name}" WHERE rowid IN ({selection(tx, table)})', [workshop_id]).rowcount
    counts["events"] = tx.db.execute("DELETE FROM events WHERE workshop_id = ?", [workshop_id]).rowcount
    counts["workshops"] = tx.db.execute("DELETE FROM workshops WHERE id = ?", [workshop_id]).rowcount
    return counts
