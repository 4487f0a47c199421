"""Moderation: what a facilitator may do about a troll.

They take a card down (hide it: gone from every screen and export, its text
kept for the facilitators in the event log as evidence; or delete it: gone,
text and all), remove a person with or without their cards, and lock the door
to newcomers. A removed person's token is refused for good, so the browser
that holds it cannot come back in.
"""
from __future__ import annotations

from . import audiences
from .cards import Card
from .errors import DomainError, InvalidInput
from .workshop import GROUP_PHASES, Settings

HIDE, DELETE = "hide", "delete"
ACTIONS = (HIDE, DELETE)
# Who took the card down: facilitators share one key and have no name.
BY_FACILITATOR = "facilitator"
# The lobby flags a join burst: this many arrivals within this many seconds. A
# person opens the link and types a name first; one laptop joining 25 people in
# 0.7 s outpaces any room. A flag for the facilitator's eyes, never a refusal.
BURST_JOINS = 5
BURST_SECONDS = 2.0
# People removed in one go at most (a lobby full of sock puppets, in pages).
REMOVE_AT_ONCE = 200


class JoiningLocked(DomainError):
    code = "joining_locked"
    status = 403


def action(value: object) -> str:
    if value not in ACTIONS:
        raise InvalidInput(f"action must be one of {', '.join(ACTIONS)}")
    return str(value)


def check_joining(settings: Settings) -> None:
    """May a newcomer join? (A person already in rejoins with their token, locked or not.)"""
    if settings.joining_locked:
        raise JoiningLocked("the facilitator has closed this workshop to newcomers")


def takedown_audience(card: Card, *, hidden: bool, phase: str) -> str:
    """Who must hear that a card was taken down: whoever may be reading it. While
    groups write that is the card's own audience (its group, or its author while
    blind); from clustering on everyone reads every card."""
    if phase not in GROUP_PHASES:
        return audiences.ALL
    if card.group_id and not hidden:
        return audiences.group(card.group_id)
    # A carried statement has no author: only the facilitators could be reading it.
    return audiences.author(card.participant_id) if card.participant_id else audiences.FACILITATORS


def record(card: Card, chosen: str) -> dict:
    """What the facilitators' event log keeps of a card taken down: who wrote
    it, where, and who took it down how; the text only when hidden (deleting
    is for text that must not be kept at all)."""
    kept = {"card_id": card.id, "participant_id": card.participant_id, "group_id": card.group_id,
            "column": card.column, "action": chosen, "by": BY_FACILITATOR}
    return {**kept, "text": card.text} if chosen == HIDE else kept


def people_to_remove(ids: list[str]) -> list[str]:
    """The distinct people of one removal, in the order given."""
    if not ids:
        raise InvalidInput("name at least one participant to remove")
    if len(ids) > REMOVE_AT_ONCE:
        raise InvalidInput(f"remove at most {REMOVE_AT_ONCE} people at once")
    return list(dict.fromkeys(ids))
