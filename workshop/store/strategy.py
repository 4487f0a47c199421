"""Strategy on a page: purpose, vision, the pillars with their snippets, the OKRs
of each pillar, and the poll rounds that committed the pillars.

The model for the strategy page and for the summary's and exports' strategy
section. Purpose and vision are the sentences statements steps committed (None
until one does; every page keeps their place at the top).
"""
from __future__ import annotations

from ..domain import okrs as okr_rules
from ..domain import polls as poll_rules
from . import okrs, pillars, polls, statements
from .events import Tx
from .workshops import Workshop

# What the strategy shows of the objectives: what the room has seen (no drafts, nothing sent back).
SHOWN = (okr_rules.PRESENTED, okr_rules.ACCEPTED)


def _rounds(poll: dict | None) -> list[dict]:
    if poll is None:
        return []
    return [{"number": r["number"], "proposal": r["proposal"], "result": r["result"],
             "result_words": poll_rules.RESULT_WORDS.get(r["result"] or "", "open"), "answered": r["answered"],
             "closed_at": r["closed_at"]} for r in poll["rounds"]]


def strategy(tx: Tx, workshop_id: str) -> dict:
    by_poll = {p["id"]: p for p in polls.all_polls(tx, workshop_id)}
    objectives = [o for o in okrs.objectives(tx, workshop_id) if o["state"] in SHOWN]
    shown = []
    for pillar in pillars.pillars(tx, workshop_id):
        poll = by_poll.get(pillar["poll_id"] or "")
        shown.append({**pillar, "committed": bool(poll and poll["committed"]), "rounds": _rounds(poll),
                      "objectives": [o for o in objectives if o["pillar_id"] == pillar["id"]]})
    return {**statements.committed_sentences(tx, workshop_id), "pillars": shown}


def section(tx: Tx, workshop: Workshop, model: dict) -> dict:
    """The summary's part: ``strategy``."""
    return {"strategy": strategy(tx, workshop.id)}
