"""Boards: where cards are clustered and dots placed, the whole room's or one group's.

A cluster or vote step *in groups* gives every group a board of its own: its own
cards, its own clusters, its own vote, all at the same time in the group's room.
A step for the whole room has one board. A whole-room step that (through the
steps it works on) follows a vote in groups starts from that vote's top items
per group, each marked with the group it came from: those cards are its material.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .agenda import Agenda, Step
from .errors import Forbidden, InvalidInput
from .steps import NotInThisStep
from .steps.vote import VoteStepSettings, top_of_groups


@dataclass(frozen=True)
class Board:
    group_id: str | None = None  # None: the whole room's board

    @property
    def room(self) -> bool:
        return self.group_id is None


ROOM = Board()


def shows_every_card(step: Step | None) -> bool:
    """Does a participant read every card of the workshop during this step? In a step the room
    works on together (Cluster, usually, and every one after it): blind writing is over."""
    return step is not None and not step.group_only


def board_for(step: Step | None, capability: str, *, doing: str, facilitator: bool,
              my_group: str | None, asked: str | None = None, granted: bool = False) -> Board:
    """The board this viewer may ``doing`` on now, or a typed refusal.

    Participants work on their own group's board in a step in groups (``asked``
    may name it, nothing else); a facilitator names the group whose board they
    work on, since they watch every group at once. ``granted``: the capability
    was given by something other than the step (a workshop-wide switch)."""
    if step is None:
        raise NotInThisStep(f"cannot {doing} before the workshop has started")
    if not granted:
        step.require(capability, facilitator=facilitator, doing=doing)
    if not step.in_groups:
        if asked is not None:
            raise InvalidInput(f"{step.title!r} is for the whole room: send no group_id")
        return ROOM
    if facilitator:
        if asked is None:
            raise InvalidInput(f"{step.title!r} runs in groups: say whose board with group_id")
        return Board(asked)
    if my_group is None:
        raise Forbidden("you sit in no group yet, so you have no board to work on")
    if asked is not None and asked != my_group:
        raise Forbidden("you work on your own group's board only")
    return Board(my_group)


def carried_from(agenda: Agenda, step: Step) -> Step | None:
    """The vote in groups whose top items are this whole-room step's material:
    found by following what each step works on back to it (None when the chain
    reaches a collect step or a step in groups first)."""
    if step.in_groups:
        return None
    seen = {step.id}
    current = step
    while current.works_on and current.works_on not in seen:
        source = agenda.step(current.works_on)
        if source.step_kind.carries_top_items(source.settings):
            return source
        if source.in_groups:
            return None
        seen.add(source.id)
        current = source
    return None


@dataclass(frozen=True)
class Carried:
    """What a whole-room step starts from: each group's top items, marked with their group."""
    source_step_id: str
    items: tuple[Mapping[str, object], ...]

    @property
    def card_ids(self) -> frozenset[str]:
        return frozenset(cid for item in self.items for cid in item["card_ids"])  # type: ignore[attr-defined]

    def public(self) -> dict[str, object]:
        return {"step_id": self.source_step_id, "items": [dict(item) for item in self.items]}


def carried(source: Step, rankings: Mapping[str, Sequence[Mapping[str, object]]]) -> Carried:
    """``rankings``: each group's closed ranking in the source vote, by group id."""
    settings = source.settings
    if not isinstance(settings, VoteStepSettings):
        raise TypeError(f"only a vote's top items flow on, not a {source.kind} step's")
    top_n = settings.top_n
    return Carried(source.id, tuple(top_of_groups(rankings, top_n)))


def on_board(card_groups: Mapping[str, str | None], board: Board, material: Iterable[str] | None) -> None:
    """Refuse cards that are not on this board: another group's, or (on a whole-room
    board that starts from the groups' top items) one that did not flow on.
    ``card_groups``: each asked card's group; ``material``: the room board's cards, if limited."""
    if board.group_id is not None:
        if any(group != board.group_id for group in card_groups.values()):
            raise Forbidden("that card is on another group's board")
        return
    if material is not None:
        allowed = set(material)
        if any(card_id not in allowed for card_id in card_groups):
            raise InvalidInput("that card is not among the groups' top items on this board")
