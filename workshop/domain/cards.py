"""Cards: what participants write into the template's columns."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import audiences, text
from .errors import InvalidInput, NotYourCard, WrongPhase
from .workshop import GROUP_PHASES, Template

if TYPE_CHECKING:  # the agenda's steps import this module's rules: only the type here
    from .agenda import Step

CARD_MAX = 500


@dataclass(frozen=True)
class Card:
    id: str
    participant_id: str
    group_id: str | None
    column: str
    text: str


def client_id(value: object, *, field: str = "id") -> str:
    """Client-generated ids are UUIDs; they make retries idempotent."""
    try:
        return str(uuid.UUID(str(value))) if isinstance(value, str) else _bad(field)
    except ValueError:
        return _bad(field)


def _bad(field: str) -> str:
    raise InvalidInput(f"{field} must be a UUID made by the client")


def card_text(value: object) -> str:
    return text.clean(value, field="card text", min_len=1, max_len=CARD_MAX)


def _require(step: Step | None, capability: str, doing: str) -> None:
    """The running step must let participants do this (``wrong_phase`` otherwise)."""
    if step is None:
        raise WrongPhase(f"cannot {doing} before the workshop has started")
    step.require(capability, doing=doing)


def write_card(step: Step | None, template: Template, card_id: object, participant_id: str,
               group_id: str | None, column: object, body: object) -> Card:
    _require(step, "write_cards", "write cards")
    if not isinstance(column, str):
        raise InvalidInput("column must be text")
    return Card(
        id=client_id(card_id),
        participant_id=participant_id,
        group_id=group_id,
        column=template.column(column).key,
        text=card_text(body),
    )


def edit_card(step: Step | None, card: Card, participant_id: str, body: object) -> Card:
    _require(step, "edit_cards", "edit cards")
    ensure_author(card, participant_id)
    return Card(card.id, card.participant_id, card.group_id, card.column, card_text(body))


def delete_card(step: Step | None, card: Card, participant_id: str) -> None:
    _require(step, "edit_cards", "delete cards")
    ensure_author(card, participant_id)


def ensure_author(card: Card, participant_id: str) -> None:
    if card.participant_id != participant_id:
        raise NotYourCard("only the author can change this card")


def is_visible(card: Card, *, viewer_id: str | None, viewer_group: str | None,
               facilitator: bool, hidden: bool) -> bool:
    """Who may read a card. ``hidden`` is true while blind writing keeps it to its author."""
    if facilitator or card.participant_id == viewer_id:
        return True
    return not hidden and card.group_id is not None and card.group_id == viewer_group


def is_hidden(*, blind_writing: bool, phase: str, group_revealed: bool) -> bool:
    """Blind writing keeps a card to its author (and facilitators) while groups
    write, until the facilitator reveals its group."""
    return blind_writing and not group_revealed and phase in GROUP_PHASES


def audience(card: Card, *, hidden: bool) -> str:
    """Who hears of a change to a card: its group, or only its author (and the
    facilitators) while it is hidden or its author has no group."""
    if hidden or not card.group_id:
        return audiences.author(card.participant_id)
    return audiences.group(card.group_id)


def as_seen_by(card: dict, *, facilitator: bool, viewer_id: str | None) -> dict:
    """A card as one viewer may read it. Facilitators see who wrote it; a
    participant sees only whether they did (``mine``), never another
    participant's id: with names in the group lists, an id names the author."""
    if facilitator or "participant_id" not in card:
        return card  # a facilitator's copy, or one already seen by this viewer
    seen = {k: v for k, v in card.items() if k != "participant_id"}
    seen["mine"] = viewer_id is not None and card.get("participant_id") == viewer_id
    return seen


def event_as_seen_by(data: dict, *, facilitator: bool, viewer_id: str | None) -> dict:
    """An event's data with each card it carries (``card``, ``cards``) as this viewer may read it."""
    if facilitator or not carries_cards(data):
        return data
    seen = dict(data)
    if "card" in data:
        seen["card"] = as_seen_by(data["card"], facilitator=False, viewer_id=viewer_id)
    if "cards" in data:
        seen["cards"] = [as_seen_by(c, facilitator=False, viewer_id=viewer_id) for c in data["cards"]]
    return seen


def carries_cards(data: dict) -> bool:
    return "card" in data or "cards" in data


def author_of(data: dict) -> str | None:
    """Who wrote the one card an event carries (None for none, or a statement nobody wrote)."""
    card = data.get("card")
    return card.get("participant_id") if isinstance(card, dict) else None
