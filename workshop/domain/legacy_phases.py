"""Today's seven phases, as seen through an agenda.

Clients written before agendas send ``phase:set`` and read ``workshop.phase``.
Each step kind stands for the phase whose rules it runs, so the workshop's phase
is the current step's, and a phase asked for by name is a step of that kind.
"""
from __future__ import annotations

from .agenda import Agenda, Step
from .errors import NotFound
from .workshop import PHASES, check_phase

# Kinds that are not one of the seven phases run under the phase whose rules they
# follow today: closing feedback is given in the summary phase.
_PHASE_OF_KIND = {"feedback": "summary"}


def stands_for(kind: str) -> str | None:
    """The phase whose rules and screens a kind runs, or None for kinds newer than
    the phases (statements, pillars, OKRs): those have screens of their own."""
    phase = _PHASE_OF_KIND.get(kind, kind)
    return phase if phase in PHASES else None


def phase_of(step: Step | None) -> str:
    """The phase a workshop is in while ``step`` runs (the lobby before any step).
    A kind that stands for no phase reports the lobby to clients that know only
    phases; ``phase:set`` never lands on it (``step_for_phase``)."""
    if step is None:
        return "lobby"
    return stands_for(step.kind) or "lobby"


def step_for_phase(agenda: Agenda, phase: object) -> Step:
    """The step a ``phase:set`` means: the next step of that kind after the running
    one; failing that, the last one that ran (going back); failing that, any."""
    wanted = check_phase(phase)
    matching = [s for s in agenda.steps if stands_for(s.kind) == wanted]
    if not matching:
        raise NotFound(f"this workshop's agenda has no {wanted} step; add one first")
    current = agenda.current
    after = agenda.steps[agenda.index(current.id) + 1:] if current else agenda.steps
    if current is not None and stands_for(current.kind) == wanted:
        return current
    ahead = [s for s in after if stands_for(s.kind) == wanted]
    if ahead:
        return ahead[0]
    ran = [s for s in matching if s.has_run]
    return ran[-1] if ran else matching[0]
