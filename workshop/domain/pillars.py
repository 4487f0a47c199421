"""Strategic pillars: three to six per step, each with a name, a description,
the snippets people add to say what it means, and links to what it came from.

A snippet is a short phrase ("zero distractions"); the same phrase added twice,
whatever its case or spacing, is one snippet with a count. A pillar keeps where
it came from (clusters, cards, statements) as links of a kind and an id, so the
strategy page and the exports can follow the trail back.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import text
from .errors import Conflict, InvalidInput

if TYPE_CHECKING:
    from .agenda import Step

PILLARS_MIN, PILLARS_MAX = 3, 6
NAME_MAX = 80
DESCRIPTION_MAX = 600
SNIPPET_MAX = 60
# What a pillar may come from: another step's cluster, a card, or a statement.
SOURCE_KINDS = ("cluster", "card", "statement")


class TooManyPillars(Conflict):
    code = "too_many_pillars"


class TooFewPillars(Conflict):
    code = "too_few_pillars"


class SnippetTooLong(InvalidInput):
    code = "snippet_too_long"


def name(value: object) -> str:
    return text.clean(value, field="pillar name", min_len=1, max_len=NAME_MAX, multiline=False)


def description(value: object) -> str:
    return text.clean(value if value is not None else "", field="pillar description", max_len=DESCRIPTION_MAX)


def require_room_for(existing: int, adding: int = 1) -> None:
    """A step holds at most six pillars: the strategy fits on a page."""
    if existing + adding > PILLARS_MAX:
        raise TooManyPillars(f"a strategy has at most {PILLARS_MAX} pillars; this step has {existing}"
                             + (f" and would get {adding} more" if adding > 1 else ""))


def require_complete(count: int) -> None:
    """Committing the pillars asks for a whole set: three to six."""
    if not PILLARS_MIN <= count <= PILLARS_MAX:
        raise TooFewPillars(f"a strategy has {PILLARS_MIN} to {PILLARS_MAX} pillars before they are committed; "
                            f"this step has {count}")


@dataclass(frozen=True)
class Snippet:
    text: str
    key: str  # what makes two snippets the same one


def snippet(value: object) -> Snippet:
    if not isinstance(value, str):
        raise InvalidInput("snippet must be text")
    words = text.clean(value, field="snippet", min_len=1, max_len=10 * SNIPPET_MAX, multiline=False)
    if len(words) > SNIPPET_MAX:
        raise SnippetTooLong(f"a snippet is a short phrase of at most {SNIPPET_MAX} characters "
                             f"(this one has {len(words)})")
    return Snippet(words, snippet_key(words))


def snippet_key(words: str) -> str:
    """Case and spacing do not make another snippet: "Zero  distractions" is "zero distractions"."""
    return " ".join(words.casefold().split())


def source_kind(value: object) -> str:
    if value not in SOURCE_KINDS:
        raise InvalidInput(f"a pillar comes from a {', a '.join(SOURCE_KINDS)}")
    return str(value)


def shape_pillars(step: Step | None) -> None:
    _require(step, "shape_pillars", facilitator=True, doing="shape the pillars")


def add_snippets(step: Step | None, *, facilitator: bool) -> None:
    _require(step, "add_snippets", facilitator=facilitator, doing="add snippets")


def _require(step: Step | None, capability: str, *, facilitator: bool, doing: str) -> None:
    from .steps import NotInThisStep
    if step is None:
        raise NotInThisStep(f"cannot {doing} before the workshop has started")
    step.require(capability, facilitator=facilitator, doing=doing)


def proposal(pillar_name: str, pillar_description: str) -> str:
    """The words an 80%-agree poll on one pillar asks the room to commit to."""
    about = f": {pillar_description}" if pillar_description else ""
    return f"Pillar “{pillar_name}”{about}"
