"""The facts the browser shares with the server, served as an ES module (``/facts.js``).

Each fact is defined once, where its rule lives (the domain's limits and
vocabularies, the event log's resync kinds); this module only gathers them, so a
screen never keeps its own copy of a number the server enforces. A new fact, such
as a new step kind's limits, is one more entry in ``facts()``.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, request

from .domain import (
    agenda_templates,
    card_templates,
    cards,
    legacy_phases,
    moderation,
    okrs,
    pillars,
    polls,
    similarity,
    statements,
    steps,
    topics,
)
from .domain import workshop as rules
from .store.events import RESYNC_KINDS

bp = Blueprint("facts", __name__)


def facts() -> dict[str, object]:
    """Name -> value, as the browser imports them (``import { CARD_MAX } from "/facts.js"``)."""
    return {
        "PHASES": [[phase, rules.PHASE_TITLES[phase]] for phase in rules.PHASES],
        "GROUP_PHASES": [phase for phase in rules.PHASES if phase in rules.GROUP_PHASES],
        "CARD_MAX": cards.CARD_MAX,
        "AGREE": polls.AGREE,
        "LEVELS": list(polls.LEVELS),
        "COMMIT": polls.COMMIT,
        "STATEMENTS": {"statement_max": statements.STATEMENT_MAX, "sentence_max": statements.SENTENCE_MAX,
                       "marks_per_person": statements.MARKS_PER_PERSON},
        "NOTE_FIELDS": [[key, label] for key, label in topics.NOTE_FIELDS.items()],
        "RESYNC": sorted(RESYNC_KINDS),
        "STEP_KINDS": steps.catalogue()["kinds"],
        "PHASE_OF_KIND": {kind: legacy_phases.stands_for(kind) for kind in sorted(steps.KINDS)},
        "CAPABILITIES": steps.catalogue()["capabilities"],
        "JOIN_BURST": {"joins": moderation.BURST_JOINS, "seconds": moderation.BURST_SECONDS},
        "REMOVE_AT_ONCE": moderation.REMOVE_AT_ONCE,
        "THEME_MIN": similarity.THEME_MIN,
        "PALETTE": [[name, colour] for name, colour in card_templates.PALETTE.items()],
        "CARD_INK": card_templates.INK,
        "TEMPLATE_LIMITS": {
            "min_columns": card_templates.MIN_COLUMNS, "max_columns": card_templates.MAX_COLUMNS,
            "title_max": card_templates.TITLE_MAX, "column_title_max": card_templates.COLUMN_TITLE_MAX,
            "prompt_max": card_templates.PROMPT_MAX, "agenda_title_max": agenda_templates.TITLE_MAX,
            "agenda_description_max": agenda_templates.DESCRIPTION_MAX,
        },
        "PILLAR_LIMITS": {"min": pillars.PILLARS_MIN, "max": pillars.PILLARS_MAX, "name_max": pillars.NAME_MAX,
                          "description_max": pillars.DESCRIPTION_MAX, "snippet_max": pillars.SNIPPET_MAX},
        "HORIZONS": [[key, label] for key, label in okrs.HORIZONS.items()],
        "OKR_LIMITS": {"key_results_min": okrs.KEY_RESULTS_MIN, "key_results_max": okrs.KEY_RESULTS_MAX,
                       "objective_max": okrs.OBJECTIVE_MAX, "statement_max": okrs.STATEMENT_MAX,
                       "metric_max": okrs.METRIC_MAX, "unit_max": okrs.UNIT_MAX, "owner_max": okrs.OWNER_MAX,
                       "note_max": okrs.NOTE_MAX},
    }


def script() -> str:
    """The ES module: one frozen export per fact."""
    lines = ["// The facts this server enforces, from workshop/facts.py. Import them; never copy them."]
    lines += [f"export const {name} = Object.freeze({json.dumps(value, ensure_ascii=False)});"
              if isinstance(value, (list, dict)) else f"export const {name} = {json.dumps(value)};"
              for name, value in facts().items()]
    return "\n".join(lines) + "\n"


@bp.get("/facts.js")
def module():
    # Revalidated on every load (an ETag makes that a 304): after an upgrade no
    # page may run with the old server's facts.
    response = Response(script(), mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    return response.make_conditional(request)
