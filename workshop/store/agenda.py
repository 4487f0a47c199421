"""The agenda: a workshop's steps, one row each, edited and run through the domain.

Every change reads: load the agenda, ask the domain (``workshop.domain.agenda``),
write the steps, publish ``agenda:changed`` with the whole agenda (at most 40
steps: smaller than any diff a client would have to apply correctly). Going to a
step also moves the workshop's phase to the step's, so every rule and client
that reads phases follows the agenda.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable

from ..domain.agenda import Agenda
from ..domain.card_templates import CardTemplate
from ..domain.errors import NotFound
from ..domain.legacy_phases import phase_of, step_for_phase
from ..domain.timeplan import timeline
from ..domain.viewer import Viewer
from . import card_templates, clusters, polls, step_elmos, topic_plan, topics, votes
from .events import Tx
from .steps import agenda_of, insert_steps
from .workshops import Workshop, set_phase, template_json


def load(tx: Tx, workshop_id: str) -> Agenda:
    return agenda_of(tx, workshop_id)


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """The snapshot's part: the whole agenda, for every viewer (it holds nobody's words)."""
    return {"agenda": public(tx, workshop, load(tx, workshop.id))}


def public(tx: Tx, workshop: Workshop, agenda: Agenda) -> dict:
    """The agenda as screens get it, with the columns cards are written in now
    (``card_template``): the running collect step's, not always the workshop's."""
    try:
        columns = columns_in(tx, workshop, agenda)
    except NotFound:
        columns = workshop.template  # still shown; writing into it is refused
    return {**agenda.public(), "card_template": template_json(columns)}


def columns_now(tx: Tx, workshop: Workshop) -> CardTemplate:
    """The card template cards are written in now (``Agenda.card_template_now``)."""
    return columns_in(tx, workshop, load(tx, workshop.id))


def columns_in(tx: Tx, workshop: Workshop, agenda: Agenda) -> CardTemplate:
    key = agenda.card_template_now()
    template = card_templates.in_workshop(tx, workshop.template, key)
    if template is None:
        raise NotFound(f"this step's card template {key!r} is no longer on this server; "
                       "choose another in the step's settings")
    return template


def timeline_now(tx: Tx, workshop: Workshop) -> dict:
    """The agenda's timeline at the server's clock: asked for, not broadcast, since
    it changes by the minute while a step runs over, and only the facilitator reads it."""
    return timeline(load(tx, workshop.id), time.time()).public()


def save(tx: Tx, workshop_id: str, agenda: Agenda) -> None:
    """Write the whole agenda: a few dozen rows at most, in the change's transaction."""
    tx.db.execute("DELETE FROM steps WHERE workshop_id = ?", [workshop_id])
    insert_steps(tx.db.conn, workshop_id, agenda)


def _publish(tx: Tx, workshop: Workshop, agenda: Agenda) -> dict:
    shown = public(tx, workshop, agenda)
    tx.publish(workshop.id, "agenda:changed", {"agenda": shown})
    return shown


def edit(tx: Tx, workshop: Workshop, change: Callable[[Agenda], Agenda]) -> dict:
    """Apply one editing operation of the domain's ``Agenda``; unchanged: no event."""
    # The workshop's own template counts even once the library's is deleted: it keeps a copy.
    known = card_templates.keys(tx) | {workshop.template.key}
    return _change(tx, workshop, lambda a: change(a).check_card_templates(known), moves=False)


def go_to(tx: Tx, workshop: Workshop, step_id: object, connected: Iterable[str] = ()) -> dict:
    """Start a step (closing the running one) and move the workshop to its phase. ``connected``:
    the participants connected, for the quorum of a poll round the step leaves open."""
    return _change(tx, workshop, lambda agenda: agenda.go_to(step_id, time.time()), moves=True, connected=connected)


def go_to_phase(tx: Tx, workshop: Workshop, phase: object, connected: Iterable[str] = ()) -> str:
    """``phase:set`` from a client that knows phases, not steps: the step it means."""
    agenda = load(tx, workshop.id)
    target = step_for_phase(agenda, phase)
    _change(tx, workshop, lambda a: a.go_to(target.id, time.time()), moves=True, connected=connected)
    return phase_of(target)


def _change(tx: Tx, workshop: Workshop, change: Callable[[Agenda], Agenda], *, moves: bool,
            connected: Iterable[str] = ()) -> dict:
    agenda = load(tx, workshop.id)
    changed = change(agenda)
    if changed == agenda:
        return public(tx, workshop, agenda)
    plan_before = topic_plan.plan(tx, workshop.id)
    if moves and changed.current != agenda.current:
        topics.stop_on_leaving(tx, workshop.id)
        polls.close_on_leaving(tx, workshop, connected)  # before the move: its quorum is the step it ran in
        votes.close_on_leaving(tx, workshop)
    save(tx, workshop.id, changed)
    shown = _publish(tx, workshop, changed)
    topic_plan.publish(tx, workshop.id, plan_before)  # the discuss step's time or settings may have moved it
    step_elmos.rethreshold(tx, workshop, agenda.current, changed.current)
    if moves:  # last, so a client that resyncs on it has the agenda already
        if changed.current != agenda.current:
            clusters.publish_board(tx, workshop.id, changed)
        set_phase(tx, workshop, phase_of(changed.current))
    return shown


def record_data(tx: Tx, workshop_id: str, step_id: str | None) -> None:
    """Mark the step that made a row as holding data (once: the removal rule reads it)."""
    if step_id:
        tx.db.execute("UPDATE steps SET has_data = 1 WHERE id = ? AND has_data = 0", [step_id])


def phase_now(tx: Tx, workshop_id: str) -> str:
    return tx.row("SELECT phase FROM workshops WHERE id = ?", [workshop_id])["phase"]


