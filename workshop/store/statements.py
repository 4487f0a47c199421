"""The statements step: statements, marks, the combined sentence and its commit.

Statements stay with their author (or group) and the facilitators until the
facilitator shows them; then everyone reads them, never with a name. Marks are
counted, never attributed: facilitators see the heat map and ranked phrases
live, participants once the facilitator shows them. The combined sentence has
a version, so that an edit typed over an older version is refused, not applied.
"""
from __future__ import annotations

import time
from typing import Any

from ..domain import audiences
from ..domain import statements as rules
from ..domain.agenda import Step
from ..domain.cards import client_id
from ..domain.errors import Conflict, InvalidInput, NotFound, WrongPhase
from ..domain.polls import COMMIT
from ..domain.steps.statements import StatementsSettings
from ..domain.viewer import Viewer
from . import polls
from .agenda import record_data
from .events import Tx
from .steps import agenda_of, running_step, step_of
from .workshops import Workshop

KIND = "statements"
_DEFAULTS = {"writing_open": 1, "statements_shown": 0, "marks_shown": 0, "sentence": "", "version": 0,
             "poll_id": None, "committed": 0}


# -- loading ---------------------------------------------------------------------------

def _running(tx: Tx, workshop: Workshop) -> Step:
    step = running_step(tx, workshop.id)
    if step is None or step.kind != KIND:
        raise WrongPhase("no statements step is running")
    return step


def _settings(step: Step) -> StatementsSettings:
    assert isinstance(step.settings, StatementsSettings)  # every caller holds a statements step
    return step.settings


def _state(tx: Tx, step_id: str) -> dict:
    row = tx.one("SELECT * FROM statement_steps WHERE step_id = ?", [step_id])
    return row or {"step_id": step_id, **_DEFAULTS}


def _update(tx: Tx, workshop: Workshop, step_id: str, **changes: Any) -> dict:
    state = {**_state(tx, step_id), **changes, "workshop_id": workshop.id}
    tx.db.table("statement_steps").upsert(state, pk="step_id")
    return state


def _statement_rows(tx: Tx, step_id: str) -> list[dict]:
    return tx.query("SELECT * FROM statements WHERE step_id = ? ORDER BY written_at, id", [step_id])


def _marks(tx: Tx, where: str, params: list) -> list[rules.Mark]:
    return [rules.Mark(r["id"], r["statement_id"], r["participant_id"], r["start"], r["end"])
            for r in tx.query(f'SELECT id, statement_id, participant_id, start, "end" FROM statement_marks WHERE {where}',
                              params)]


def _owner(step: Step, person: dict) -> tuple[str, str]:
    """Who a statement belongs to, as a key and as the audience that may read it before it is shown."""
    if _settings(step).scope == "groups":
        if not person["group_id"]:
            raise WrongPhase("your group writes one statement together; you are in no group yet")
        return f"group:{person['group_id']}", audiences.group(person["group_id"])
    return f"participant:{person['id']}", audiences.participant(person["id"])


def public(row: dict, *, mine: bool | None = None) -> dict:
    """A statement as anyone may read it: its text and, in groups, its group; never its author."""
    out = {"id": row["id"], "text": row["text"], "group_id": row["group_id"] if row["owner"].startswith("group:")
           else None}
    return out if mine is None else {**out, "mine": mine}


# -- writing ------------------------------------------------------------------------------

def write(tx: Tx, workshop: Workshop, person: dict, statement_id: object, text: object) -> dict:
    """Write one's statement, or edit it (same id) while writing is open."""
    step = _running(tx, workshop)
    step.require("write_statements", doing="write a statement")
    sid = client_id(statement_id)
    body = rules.statement(text)
    rules.require_writing(bool(_state(tx, step.id)["writing_open"]))
    owner, audience = _owner(step, person)
    existing = tx.one("SELECT * FROM statements WHERE step_id = ? AND owner = ?", [step.id, owner])
    taken = tx.one("SELECT workshop_id, owner FROM statements WHERE id = ?", [sid])
    if taken and (taken["workshop_id"], taken["owner"]) != (workshop.id, owner):
        raise Conflict("that statement id is already taken")
    if existing and existing["id"] != sid:
        raise Conflict("you have written your statement already; edit it instead")
    if existing and existing["text"] == body:
        return public(existing, mine=True)  # a retry
    now = time.time()
    row = {"id": sid, "workshop_id": workshop.id, "step_id": step.id, "owner": owner, "participant_id": person["id"],
           "group_id": person["group_id"], "text": body, "written_at": existing["written_at"] if existing else now,
           "edited_at": now if existing else None}
    tx.db.table("statements").upsert(row, pk="id")
    record_data(tx, workshop.id, step.id)
    _publish_written(tx, workshop, step, row, audience)
    if existing:
        _carry_marks(tx, workshop, step, existing["text"], row)
    return public(row, mine=True)


def _publish_written(tx: Tx, workshop: Workshop, step: Step, row: dict, audience: str) -> None:
    written = tx.row("SELECT COUNT(*) AS n FROM statements WHERE step_id = ?", [step.id])["n"]
    data = {"step_id": step.id, "statement": public(row), "written": written}
    if _state(tx, step.id)["statements_shown"]:
        tx.publish(workshop.id, "statements:written", data)
        return
    tx.publish(workshop.id, "statements:written", data, audience=audience)
    if not audience.startswith(audiences.GROUP):  # a group's events reach the facilitators already
        tx.publish(workshop.id, "statements:written", data, audience=audiences.FACILITATORS)


def _carry_marks(tx: Tx, workshop: Workshop, step: Step, old: str, row: dict) -> None:
    """An edited statement keeps the marks whose words it still holds, and drops the rest."""
    marks = _marks(tx, "statement_id = ?", [row["id"]])
    if not marks:
        return
    touched: dict[str, list[dict]] = {}
    for m in marks:
        landed = rules.carried(old, row["text"], m.start, m.end)
        if landed is None:
            tx.db.execute("DELETE FROM statement_marks WHERE id = ?", [m.id])
        else:
            tx.db.execute('UPDATE statement_marks SET start = ?, "end" = ? WHERE id = ?', [*landed, m.id])
        if m.participant_id:
            touched.setdefault(m.participant_id, [])
    for participant_id in touched:
        mine = [_mark_json(x) for x in _marks(tx, "statement_id = ? AND participant_id = ?", [row["id"], participant_id])]
        tx.publish(workshop.id, "statements:my_marks", {"step_id": step.id, "statement_id": row["id"], "marks": mine},
                   audience=audiences.participant(participant_id))


# -- the facilitator's switches --------------------------------------------------------------

def set_writing(tx: Tx, workshop: Workshop, open_: object) -> dict:
    step = _running(tx, workshop)
    step.require("run_statements", facilitator=True, doing="open or close writing")
    if not isinstance(open_, bool):
        raise InvalidInput("open must be true or false")
    if bool(_state(tx, step.id)["writing_open"]) != open_:
        _update(tx, workshop, step.id, writing_open=int(open_))
        tx.publish(workshop.id, "statements:writing_changed", {"step_id": step.id, "open": open_})
    return {"step_id": step.id, "open": open_}


def show(tx: Tx, workshop: Workshop, what: object) -> dict:
    """Show the statements (side by side, without names) or the marks (heat map and ranking) to everyone."""
    step = _running(tx, workshop)
    step.require("run_statements", facilitator=True, doing="show statements or marks")
    if what not in ("statements", "marks"):
        raise InvalidInput("show either statements or marks")
    state = _state(tx, step.id)
    if what == "marks" and not state["statements_shown"]:
        raise WrongPhase("show the statements before their marks")
    if state[f"{what}_shown"]:
        return {"step_id": step.id, "shown": what}  # a retry
    _update(tx, workshop, step.id, **{f"{what}_shown": 1})
    if what == "statements":
        shown = [public(r) for r in _statement_rows(tx, step.id)]
        tx.publish(workshop.id, "statements:shown", {"step_id": step.id, "statements": shown})
    else:
        tx.publish(workshop.id, "statements:marks_shown", {"step_id": step.id, **_marks_of_step(tx, step.id)})
    return {"step_id": step.id, "shown": what}


# -- marks ---------------------------------------------------------------------------------

def _mark_json(m: rules.Mark) -> dict:
    return {"id": m.id, "statement_id": m.statement_id, "start": m.start, "end": m.end}


def mark(tx: Tx, workshop: Workshop, person: dict, mark_id: object, statement_id: object, start: object,
         end: object) -> dict:
    """Keep a phrase of a shown statement; the span is widened to whole words."""
    step = _running(tx, workshop)
    step.require("mark_statements", doing="mark phrases")
    mid = client_id(mark_id)
    done = tx.one('SELECT id, statement_id, participant_id, start, "end", workshop_id FROM statement_marks '
                  'WHERE id = ?', [mid])
    if done:
        if (done["workshop_id"], done["participant_id"]) != (workshop.id, person["id"]):
            raise Conflict("that mark id is already taken")
        return _mark_json(rules.Mark(done["id"], done["statement_id"], done["participant_id"], done["start"],
                                     done["end"]))  # a retry
    if not _state(tx, step.id)["statements_shown"]:
        raise rules.NotShownYet("the statements are not shown yet")
    row = tx.one("SELECT id, text FROM statements WHERE id = ? AND step_id = ?", [statement_id, step.id]) \
        if isinstance(statement_id, str) else None
    if row is None:
        raise NotFound("no such statement in this step")
    span = rules.snap(row["text"], start, end)
    rules.require_room_for_mark(tx.row("SELECT COUNT(*) AS n FROM statement_marks WHERE step_id = ? AND "
                                       "participant_id = ?", [step.id, person["id"]])["n"])
    kept = rules.Mark(mid, row["id"], person["id"], *span)
    tx.db.execute('INSERT INTO statement_marks (id, workshop_id, step_id, statement_id, participant_id, start, "end",'
                  ' marked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                  [mid, workshop.id, step.id, row["id"], person["id"], kept.start, kept.end, time.time()])
    return _mark_json(kept)


def unmark(tx: Tx, workshop: Workshop, person: dict, mark_id: object) -> dict:
    """Take a mark back (taking back one already gone is a retry)."""
    step = _running(tx, workshop)
    step.require("mark_statements", doing="take back a mark")
    mid = client_id(mark_id)
    row = tx.one("SELECT statement_id, participant_id FROM statement_marks WHERE id = ? AND workshop_id = ?",
                 [mid, workshop.id])
    if row is None:
        return {"id": mid}
    if row["participant_id"] != person["id"]:
        raise NotFound("no such mark of yours")
    tx.db.execute("DELETE FROM statement_marks WHERE id = ?", [mid])
    return {"id": mid}


def _marks_of_step(tx: Tx, step_id: str) -> dict:
    """The heat map of every statement and the ranking of phrases: counts only."""
    texts = {r["id"]: r["text"] for r in _statement_rows(tx, step_id)}
    by_statement: dict[str, list[rules.Mark]] = {sid: [] for sid in texts}
    for m in _marks(tx, "step_id = ?", [step_id]):
        by_statement.setdefault(m.statement_id, []).append(m)
    return {"heat": {sid: rules.heat(len(texts[sid]), marks) for sid, marks in by_statement.items() if sid in texts},
            "ranking": [p.public() for p in rules.ranking({sid: (texts[sid], by_statement[sid]) for sid in texts})]}


def marks_now(tx: Tx, workshop_id: str) -> dict | None:
    """The running statements step's heat map and ranking, and whether everyone may see
    them (``statements:marked``, paced by the transport); None when no such step runs."""
    step = running_step(tx, workshop_id)
    if step is None or step.kind != KIND:
        return None
    state = _state(tx, step.id)
    if not state["statements_shown"]:
        return None
    return {"step_id": step.id, "shown": bool(state["marks_shown"]), **_marks_of_step(tx, step.id)}


# -- the combined sentence -----------------------------------------------------------------------

def draft(tx: Tx, workshop: Workshop, text: object, version: object) -> dict:
    """Type the combined sentence over ``version``; every screen follows it live."""
    step = _running(tx, workshop)
    step.require("run_statements", facilitator=True, doing="draft the sentence")
    state = _state(tx, step.id)
    words = rules.sentence(text)
    if words == state["sentence"] and version == state["version"] - 1:
        return {"step_id": step.id, "text": words, "version": state["version"]}  # a retry of the last edit
    rules.check_version(version, state["version"], state["sentence"], committed=bool(state["committed"]))
    if words == state["sentence"]:
        return {"step_id": step.id, "text": words, "version": state["version"]}
    state = _update(tx, workshop, step.id, sentence=words, version=state["version"] + 1)
    out = {"step_id": step.id, "text": words, "version": state["version"]}
    tx.publish(workshop.id, "statements:drafted", out)
    return out


def put_to_poll(tx: Tx, workshop: Workshop, poll_id: object) -> dict:
    """Ask the room about the sentence as it stands: the step's poll, or a new round of it."""
    step = _running(tx, workshop)
    step.require("run_statements", facilitator=True, doing="put the sentence to a poll")
    state = _state(tx, step.id)
    if state["committed"]:
        raise rules.SentenceCommitted("the room has committed to this sentence already")
    if not state["sentence"]:
        raise InvalidInput("write the combined sentence before asking the room")
    if state["poll_id"]:
        return polls.reword(tx, workshop, state["poll_id"], state["sentence"])
    poll = polls.open_poll(tx, workshop, poll_id, state["sentence"])
    _update(tx, workshop, step.id, poll_id=poll["id"])
    tx.publish(workshop.id, "statements:polled", {"step_id": step.id, "poll_id": poll["id"]})
    return poll


def poll_closed(tx: Tx, workshop: Workshop, poll: dict, closed: dict) -> None:
    """Called by ``polls.close``: a committed round of a step's poll makes its sentence
    the workshop's purpose or vision (the words the room agreed to, not later edits)."""
    if closed["result"] != COMMIT:
        return
    state = tx.one("SELECT * FROM statement_steps WHERE poll_id = ?", [poll["id"]])
    if state is None:
        return
    row = tx.one("SELECT * FROM steps WHERE id = ?", [state["step_id"]])
    subject = _settings(step_of(row)).subject if row else "vision"
    _update(tx, workshop, state["step_id"], committed=1, sentence=closed["proposal"])
    tx.db.table("committed_sentences").upsert({
        "workshop_id": workshop.id, "subject": subject, "text": closed["proposal"], "step_id": state["step_id"],
        "poll_id": poll["id"], "round_id": closed["id"], "committed_at": time.time()},
        pk=("workshop_id", "subject"))
    tx.publish(workshop.id, "statements:committed",
               {"step_id": state["step_id"], "subject": subject, "text": closed["proposal"]})


def committed_sentences(tx_or_db: Any, workshop_id: str) -> dict[str, str | None]:
    """The workshop's purpose and vision as the room committed to them (None: not yet)."""
    rows = tx_or_db.query("SELECT subject, text FROM committed_sentences WHERE workshop_id = ?", [workshop_id])
    found = {r["subject"]: r["text"] for r in rows}  # a Tx and a sqlite-utils Database both answer dicts
    return {"purpose": found.get("purpose"), "vision": found.get("vision")}


# -- the snapshot ------------------------------------------------------------------------------

def step_section(tx: Tx, step: Step, viewer: Viewer) -> dict:
    """One statements step as this viewer may see it now."""
    state = _state(tx, step.id)
    rows = _statement_rows(tx, step.id)
    me = tx.one("SELECT id, group_id FROM participants WHERE id = ?", [viewer.participant_id]) \
        if viewer.participant_id else None

    def mine(row: dict) -> bool:
        if me is None:
            return False
        return row["owner"] in (f"participant:{me['id']}", f"group:{me['group_id']}")
    visible = rows if viewer.facilitator or state["statements_shown"] else [r for r in rows if mine(r)]
    out = {"step_id": step.id, "subject": _settings(step).subject, "prompt": _settings(step).prompt,
           "writing_open": bool(state["writing_open"]), "statements_shown": bool(state["statements_shown"]),
           "marks_shown": bool(state["marks_shown"]), "written": len(rows),
           "statements": [public(r, mine=mine(r)) for r in visible],
           "sentence": {"text": state["sentence"], "version": state["version"]},
           "poll_id": state["poll_id"], "committed": bool(state["committed"])}
    if viewer.facilitator or state["marks_shown"]:
        out.update(_marks_of_step(tx, step.id))
    if viewer.participant_id:
        out["my_marks"] = [_mark_json(m) for m in _marks(tx, "step_id = ? AND participant_id = ?",
                                                          [step.id, viewer.participant_id])]
    return out


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """Snapshot: every statements step of the agenda, and what the workshop committed to."""
    steps = [s for s in agenda_of(tx, workshop.id).steps if s.kind == KIND]
    return {"statements": {s.id: step_section(tx, s, viewer) for s in steps},
            **committed_sentences(tx, workshop.id)}
