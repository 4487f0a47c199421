"""What an imported workshop may hold: the rules of live input, column by column.

An export is data from outside: a file someone edited, or wrote from scratch.
Every row of it passes the same rules as what people type live (ids, join
codes, lengths, enumerations, times), so that nothing imported can break a
summary, an export or a page that live input could not (issue 13, item 16).
A refusal names the first bad field: ``cards[3].text: …``.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any, Callable

from . import (
    agenda,
    card_templates,
    cards,
    clusters,
    feedback,
    okrs,
    participants,
    pillars,
    polls,
    statements,
    steps,
    text,
    topics,
)
from . import workshop as rules
from .errors import InvalidInput
from .workshop import Template

Rule = Callable[[Any], None]

# Live ids are UUIDs (32 hex digits, or dashed). An imported id may be any word
# of letters, digits, - and _ : safe in a URL path and a confirmation dialog,
# where "../workshops/<id>" or a padded code once pointed at another workshop.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
# Times are seconds since 1970; later than the year 5000 is not a time but a mistake.
_LATEST = 95_617_584_000.0
# JSON kept inside a column (a vote's items, a round's spread): generous, but bounded.
_JSON_MAX = 2_000_000


def _need(ok: bool, message: str) -> None:
    if not ok:
        raise InvalidInput(message)


def identifier(value: Any) -> None:
    _need(value is None or isinstance(value, str) and _ID.fullmatch(value) is not None,
          "must be an id: letters, digits, - and _ (at most 64)")


def whole(low: int, high: int, *, optional: bool = True) -> Rule:
    def rule(value: Any) -> None:
        if value is None and optional:
            return
        _need(isinstance(value, int) and not isinstance(value, bool) and low <= value <= high,
              f"must be a whole number from {low} to {high}")
    return rule


def number(low: float, high: float) -> Rule:
    def rule(value: Any) -> None:
        if value is None:
            return
        _need(isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
              and low <= value <= high, f"must be a number from {low:g} to {high:g}")
    return rule


moment = number(0, _LATEST)
seconds = number(0, 366 * 24 * 3600)


def words(max_len: int, *, required: bool = False, multiline: bool = False) -> Rule:
    """Text as live input would have stored it: already clean, so cleaning changes nothing."""
    def rule(value: Any) -> None:
        if value is None and not required:
            return
        cleaned = text.clean(value, field="text", min_len=1 if required else 0, max_len=max_len,
                             multiline=multiline)
        _need(cleaned == value, "holds control characters or spaces that live input never keeps")
    return rule


def one_of(*allowed: object) -> Rule:
    def rule(value: Any) -> None:
        _need(value in allowed, f"must be one of {', '.join(repr(a) for a in allowed if a is not None)}")
    return rule


def json_text(value: Any) -> None:
    if value is None:
        return
    _need(isinstance(value, str) and len(value) <= _JSON_MAX, f"must be JSON text of at most {_JSON_MAX} characters")
    try:
        json.loads(value)
    except (ValueError, RecursionError):
        raise InvalidInput("must be JSON text") from None


def due(value: Any) -> None:
    _need(value is None or topics.due_date(value) == value, "must be a date as YYYY-MM-DD")


def step_ref(value: Any) -> None:
    """A step's id, or a row's step: what the agenda accepts as a step id, already clean."""
    _need(value is None or agenda.step_id(value) == value, "must be a step id as the agenda writes it")


def step_kind(value: Any) -> None:
    _need(steps.kind(value).key == value, "must be a kind of step")


def statement_owner(value: Any) -> None:
    """Whose statement: ``participant:<id>`` or ``group:<id>``."""
    kind, _, who = value.partition(":") if isinstance(value, str) else ("", "", "")
    _need(kind in ("participant", "group") and _ID.fullmatch(who) is not None,
          "must be participant:<id> or group:<id>")


def flag(value: Any) -> None:
    _need(value is None or type(value) is int and value in (0, 1), "must be 0 or 1")


TEXT_MAX = 4000  # the longest text anyone types live (a note, a workshop's context)
NAME = words(40, required=True)

# Every column an export may carry, table by table. A column missing here is refused.
COLUMNS: dict[str, dict[str, Rule]] = {
    "workshops": {
        "id": identifier, "code": lambda v: _need(rules.normalise_code(v) == v, "must be a join code as issued"),
        "title": words(120, required=True), "context": words(TEXT_MAX, multiline=True),
        "template": lambda v: _need(card_templates.is_key(v), "must be a template's key"),
        "card_template": lambda v: None,  # the columns, checked as a card template by the import itself
        "phase": lambda v: _need(rules.check_phase(v) == v, "must be a phase"),
        "settings": lambda v: None,  # checked as Settings by the import itself
        "facilitator_key_hash": lambda v: _need(isinstance(v, str) and 0 < len(v) <= 200, "must be a key hash"),
        "created_at": moment, "archived_at": moment,
    },
    "groups": {"id": identifier, "workshop_id": identifier, "name": words(40, required=True),
               "position": whole(0, 100_000), "revealed": flag},
    "participants": {"id": identifier, "workshop_id": identifier, "name": NAME, "role": words(40),
                     "experience": one_of(None, *participants.EXPERIENCE_LEVELS), "group_id": identifier,
                     "joined_at": moment, "removed_at": moment},
    "cards": {"step_id": step_ref, "id": identifier, "workshop_id": identifier, "participant_id": identifier, "group_id": identifier,
              "column": words(40, required=True), "text": words(cards.CARD_MAX, required=True, multiline=True),
              "created_at": moment, "updated_at": moment},
    "clusters": {"step_id": step_ref, "id": identifier, "workshop_id": identifier, "name": words(clusters.NAME_MAX, required=True),
                 "position": whole(0, 100_000), "created_at": moment, "group_id": identifier},
    "cluster_cards": {"card_id": identifier, "cluster_id": identifier, "workshop_id": identifier, "added_at": moment},
    "votes": {"step_id": step_ref, "id": identifier, "workshop_id": identifier, "status": one_of("open", "closed"),
              "dots_per_participant": whole(1, 100), "max_per_item": whole(1, 100), "own_items": flag,
              "items": json_text, "ranking": json_text, "opened_at": moment, "closed_at": moment,
              "group_id": identifier},
    "dots": {"id": identifier, "vote_id": identifier, "workshop_id": identifier, "participant_id": identifier,
             "item_id": identifier, "placed_at": moment},
    "topics": {"step_id": step_ref, "id": identifier, "workshop_id": identifier, "title": words(topics.TITLE_MAX, required=True),
               "cluster_id": identifier, "position": whole(0, 100_000), "planned": whole(0, 24 * 3600), "fixed": flag,
               "elmo_threshold": whole(0, 100_000), "present": whole(0, 100_000),
               "timer_state": one_of("idle", "running", "paused", "stopped"), "timer_length": whole(0, 24 * 3600),
               "timer_deadline": moment, "timer_remaining": seconds, "timer_spent": seconds, "timer_since": moment,
               "situation": words(topics.NOTE_MAX, multiline=True), "desired": words(topics.NOTE_MAX, multiline=True),
               "obstacles": words(topics.NOTE_MAX, multiline=True), "created_at": moment},
    "discussions": {"workshop_id": identifier, "topic_id": identifier},
    "elmos": {"id": whole(1, 2**53), "workshop_id": identifier, "topic_id": identifier, "participant_id": identifier,
              "thrown_at": moment, "withdrawn_at": moment},
    "actions": {"id": identifier, "workshop_id": identifier, "topic_id": identifier,
                "text": words(topics.ACTION_MAX, required=True, multiline=True),
                "owner": words(topics.OWNER_MAX), "due": due, "done": flag,
                "created_at": moment, "updated_at": moment},
    "polls": {"step_id": step_ref, "id": identifier, "workshop_id": identifier, "topic_id": identifier, "cluster_id": identifier,
              "quorum": number(0, 1), "anonymous": flag, "created_at": moment},
    "poll_rounds": {"id": identifier, "workshop_id": identifier, "poll_id": identifier, "number": whole(1, 10_000),
                    "proposal": words(polls.PROPOSAL_MAX, required=True, multiline=True),
                    "opened_at": moment, "closed_at": moment, "result": one_of(None, polls.COMMIT, polls.NOT_YET),
                    "answered": whole(0, 100_000), "present": whole(0, 100_000), "needed": whole(0, 100_000),
                    "distribution": json_text, "sticking": json_text},
    "poll_answers": {"round_id": identifier, "participant_id": identifier, "level": one_of(*polls.LEVELS),
                     "reason": words(polls.REASON_MAX, multiline=True), "answered_at": moment},
    "feedback": {"id": identifier, "workshop_id": identifier, "participant_id": identifier, "group_id": identifier,
                 "score": whole(0, 10, optional=False), "worked": words(feedback.LINE_MAX),
                 "did_not_work": words(feedback.LINE_MAX), "given_at": moment},
    "steps": {"id": step_ref, "workshop_id": identifier, "position": whole(0, 100_000), "kind": step_kind,
              "title": words(agenda.TITLE_MAX, required=True),
              "planned_minutes": whole(0, agenda.MINUTES_MAX, optional=False), "settings": json_text,
              "works_on": step_ref, "state": one_of(*agenda.STATES), "started_at": moment, "ended_at": moment,
              "has_data": flag, "removed": flag},
    "origins": {"item_id": identifier, "workshop_id": identifier, "kind": one_of("card", "cluster"),
                "source_workshop_id": identifier, "source_title": words(120), "source_item_id": identifier,
                "source_cluster": words(clusters.NAME_MAX), "source_group": words(40),
                "dots": whole(0, 1_000_000), "rank": whole(0, 1_000_000)},
    "pillars": {"id": identifier, "workshop_id": identifier, "step_id": step_ref,
                "name": words(pillars.NAME_MAX, required=True),
                "description": words(pillars.DESCRIPTION_MAX, multiline=True), "position": whole(0, 100_000),
                "poll_id": identifier, "created_at": moment},
    "pillar_links": {"pillar_id": identifier, "workshop_id": identifier, "source_kind": one_of(*pillars.SOURCE_KINDS),
                     "source_id": identifier},
    # A snippet's key is its text casefolded, which may be longer ("ß" is "ss").
    "snippets": {"id": identifier, "workshop_id": identifier, "pillar_id": identifier,
                 "key": words(3 * pillars.SNIPPET_MAX, required=True), "text": words(pillars.SNIPPET_MAX, required=True),
                 "count": whole(1, 10_000_000, optional=False), "created_at": moment},
    "snippet_adds": {"id": identifier, "workshop_id": identifier, "snippet_id": identifier,
                     "participant_id": identifier, "added_at": moment},
    "pillar_teams": {"step_id": step_ref, "group_id": identifier, "workshop_id": identifier, "pillar_id": identifier},
    "objectives": {"id": identifier, "workshop_id": identifier, "step_id": step_ref, "pillar_id": identifier,
                   "group_id": identifier, "text": words(okrs.OBJECTIVE_MAX, required=True),
                   "horizon": one_of(*okrs.HORIZONS), "state": one_of(*okrs.STATES),
                   "note": words(okrs.NOTE_MAX, multiline=True), "created_at": moment, "updated_at": moment},
    "key_results": {"id": identifier, "workshop_id": identifier, "objective_id": identifier, "position": whole(0, 100),
                    "statement": words(okrs.STATEMENT_MAX, required=True), "metric": words(okrs.METRIC_MAX, required=True),
                    "unit": words(okrs.UNIT_MAX), "baseline": number(-1e15, 1e15), "target": number(-1e15, 1e15),
                    "due": due, "owner": words(okrs.OWNER_MAX, required=True)},
    "statement_steps": {"step_id": step_ref, "workshop_id": identifier, "writing_open": flag, "statements_shown": flag,
                        "marks_shown": flag, "sentence": words(statements.SENTENCE_MAX), "version": whole(0, 2**53),
                        "poll_id": identifier, "committed": flag},
    "statements": {"id": identifier, "workshop_id": identifier, "step_id": step_ref, "owner": statement_owner,
                   "participant_id": identifier, "group_id": identifier,
                   "text": words(statements.STATEMENT_MAX, required=True, multiline=True),
                   "written_at": moment, "edited_at": moment},
    "statement_marks": {"id": identifier, "workshop_id": identifier, "step_id": step_ref, "statement_id": identifier,
                        "participant_id": identifier, "start": whole(0, statements.STATEMENT_MAX, optional=False),
                        "end": whole(1, statements.STATEMENT_MAX, optional=False), "marked_at": moment},
    "committed_sentences": {"workshop_id": identifier, "subject": one_of("purpose", "vision"),
                            "text": words(polls.PROPOSAL_MAX, required=True, multiline=True), "step_id": step_ref,
                            "poll_id": identifier, "round_id": identifier, "committed_at": moment},
    "step_elmos": {"id": whole(1, 2**53), "workshop_id": identifier, "step_id": step_ref, "participant_id": identifier,
                   "thrown_at": moment, "withdrawn_at": moment},
    "step_elmo_present": {"step_id": step_ref, "workshop_id": identifier, "present": whole(0, 1_000_000, optional=False)},
}


def check_row(table: str, index: int, row: dict) -> None:
    """Refuse the first column of ``row`` that live input could not have written."""
    allowed = COLUMNS.get(table)
    if allowed is None:
        raise InvalidInput(f"unknown table {table!r} in the export")
    for column, value in row.items():
        where = f"{table}[{index}].{column}" if table != "workshops" else f"workshop.{column}"
        rule = allowed.get(column)
        if rule is None:
            raise InvalidInput(f"{where}: unknown column")
        try:
            rule(value)
        except InvalidInput as bad:
            raise InvalidInput(f"{where}: {bad.message}") from None


def check_card_column(template: Template, index: int, column: object) -> None:
    """A card sits in one of its workshop's template's columns, as when it was written."""
    if column not in template.column_keys:
        raise InvalidInput(f"cards[{index}].column: not a column of the {template.key!r} template")


def check_unique(table: str, rows: list[dict], key: tuple[str, ...]) -> None:
    """Two rows with one id would make the import fail half-way; name the second."""
    seen: set[tuple] = set()
    for index, row in enumerate(rows):
        value = tuple(row.get(k) for k in key)
        if None in value:  # an anonymous answer's emptied participant: the rest of its key differs
            continue
        if value in seen:
            raise InvalidInput(f"{table}[{index}].{'/'.join(key)}: the same id appears twice in this export")
        seen.add(value)
