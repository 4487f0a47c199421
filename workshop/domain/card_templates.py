"""Card templates: the columns a collect step writes into, the facilitator's own or built in.

A template is 1 to 8 columns, each with a title, a prompt and a colour from
one accessible palette. Column keys (what a card records as its column) are
derived from the titles when a template is made, and kept as they are after
that, so cards keep their column when a title is reworded.

The classes extend ``workshop.Template`` and ``workshop.Column``, so anything
that takes today's templates (``cards.write_card``) takes these too.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import text
from .errors import Conflict, Forbidden, InvalidInput
from .workshop import TEMPLATES, Column, Template

MIN_COLUMNS, MAX_COLUMNS = 1, 8
COLUMN_TITLE_MAX = 40
PROMPT_MAX = 200
TITLE_MAX = 60
KEY_MAX = 40

# Card paper colours and the ink written on them. Every pair passes WCAG 2.1 AA
# for normal text (contrast at least 4.5:1; a test computes it), so a card reads
# on a phone in sunlight and on a washed-out projector alike.
INK = "#1b1f24"
PALETTE: dict[str, str] = {
    "yellow": "#fff1a8",
    "orange": "#ffd6a5",
    "pink": "#ffc9de",
    "purple": "#e2d4ff",
    "blue": "#c7e0ff",
    "teal": "#b9ede4",
    "green": "#cdefc4",
    "grey": "#e4e7eb",
}
AA_CONTRAST = 4.5


@dataclass(frozen=True)
class TemplateColumn(Column):
    colour: str

    @property
    def prompt(self) -> str:
        """The question the column asks; ``hint`` is its name on today's wire."""
        return self.hint

    def public(self) -> dict[str, str]:
        return {"key": self.key, "title": self.title, "prompt": self.hint, "colour": self.colour}


@dataclass(frozen=True)
class CardTemplate(Template):
    columns: tuple[TemplateColumn, ...]
    built_in: bool = False

    def public(self) -> dict[str, object]:
        return {"key": self.key, "title": self.title, "built_in": self.built_in,
                "columns": [c.public() for c in self.columns]}


# -- contrast (WCAG 2.1, relative luminance) ------------------------------------------

def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# -- keys ---------------------------------------------------------------------------------

def derive_key(title: str, taken: Iterable[str] = ()) -> str:
    """A key from a title: lower case, accents dropped, words joined by dashes;
    ``-2``, ``-3``… when it is taken. A title with no letters or digits gets "column"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:KEY_MAX].strip("-") or "column"
    used = set(taken)
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


_KEY = re.compile(rf"[a-z0-9][a-z0-9-]{{0,{KEY_MAX - 1}}}")


def is_key(value: object) -> bool:
    """Whether ``value`` has the form of a template's or a column's key."""
    return isinstance(value, str) and _KEY.fullmatch(value) is not None


def _given_key(value: object) -> str:
    if not isinstance(value, str) or not _KEY.fullmatch(value):
        raise InvalidInput("a column key is lower-case letters, digits and dashes")
    return value


# -- making templates ---------------------------------------------------------------------------

def _colour(value: object, position: int) -> str:
    if value is None:
        return list(PALETTE)[position % len(PALETTE)]
    if value not in PALETTE:
        raise InvalidInput(f"unknown colour {value!r}; choose one of {', '.join(PALETTE)}")
    return str(value)


def _column(data: object, position: int, taken: set[str], kept: set[str]) -> TemplateColumn:
    if not isinstance(data, Mapping):
        raise InvalidInput("each column must be an object with a title, a prompt and a colour")
    unknown = sorted(set(data) - {"key", "title", "prompt", "colour"})
    if unknown:
        raise InvalidInput(f"unknown column field {unknown[0]!r}; a column has title, prompt and colour")
    title = text.clean(data.get("title"), field=f"title of column {position + 1}", min_len=1,
                       max_len=COLUMN_TITLE_MAX, multiline=False)
    prompt = text.clean(data.get("prompt") or "", field=f"prompt of column {position + 1}",
                        max_len=PROMPT_MAX, multiline=False)
    key = derive_key(title, taken | kept) if data.get("key") is None else _given_key(data["key"])
    taken.add(key)
    return TemplateColumn(key, title, prompt, _colour(data.get("colour"), position))


def _columns(data: object) -> tuple[TemplateColumn, ...]:
    if not isinstance(data, Sequence) or isinstance(data, str):
        raise InvalidInput("columns must be a list")
    if not MIN_COLUMNS <= len(data) <= MAX_COLUMNS:
        raise InvalidInput(f"a card template has {MIN_COLUMNS} to {MAX_COLUMNS} columns, not {len(data)}")
    # Keys a template already has are kept (cards hold them), so a new column's
    # derived key must avoid every one of them, not only those before it.
    kept = [_given_key(item["key"]) for item in data if isinstance(item, Mapping) and item.get("key") is not None]
    if len(set(kept)) != len(kept):
        raise InvalidInput("two columns have the same key")
    taken: set[str] = set()
    columns = tuple(_column(item, i, taken, set(kept)) for i, item in enumerate(data))
    seen: dict[str, str] = {}
    for column in columns:
        folded = column.title.casefold()
        if folded in seen:
            raise InvalidInput(f"two columns are called {column.title!r}; give each column its own title")
        seen[folded] = column.title
    return columns


def card_template(title: object, columns: object, *, key: object = None,
                  taken_keys: Iterable[str] = ()) -> CardTemplate:
    """A facilitator's template, checked. ``columns``: ``[{title, prompt, colour}]``
    (a ``key`` per column only when loading one that exists); ``taken_keys``: the
    template keys already in the library, so a new one gets its own."""
    name = text.clean(title, field="template title", min_len=1, max_len=TITLE_MAX, multiline=False)
    cols = _columns(columns)
    taken = set(taken_keys) | set(BUILT_INS)
    return CardTemplate(derive_key(name, taken) if key is None else _given_key(key), name, cols)


def from_dict(data: object) -> CardTemplate:
    """A template as ``public()`` writes it (the library, a JSON export)."""
    if not isinstance(data, Mapping):
        raise InvalidInput("a card template must be an object")
    if data.get("key") in BUILT_INS:
        return BUILT_INS[data["key"]]
    return card_template(data.get("title"), data.get("columns"), key=data.get("key"))


def save_as(columns_of: Template, title: object, taken_keys: Iterable[str] = ()) -> CardTemplate:
    """"Save these columns as a template": a running workshop's columns under a new title."""
    columns = [{"key": c.key, "title": c.title, "prompt": c.hint, "colour": getattr(c, "colour", None)}
               for c in columns_of.columns]
    return card_template(title, columns, taken_keys=taken_keys)


def check_editable(key: str) -> None:
    if key in BUILT_INS:
        raise Forbidden("the built-in templates cannot be changed or deleted; save a copy under a new title")


def edited(key: str, title: object, columns: object) -> CardTemplate:
    """A library template changed: it keeps its key, and each column sent with
    its key keeps that (cards hold it); a column sent without one is new."""
    check_editable(key)
    return card_template(title, columns, key=key)


def check_deletable(key: str, used_by: Sequence[str], *, workshops_using: int = 0) -> None:
    """A template may go unless it is built in, an agenda template names it (that
    agenda could not make a workshop any more), or a collect step of a workshop
    still in use writes into it. A workshop keeps its own copy of the columns it
    was made with, but not of another collect step's: that step would then refuse
    every card."""
    check_editable(key)
    if used_by:
        raise Conflict(f"the agenda template {used_by[0]!r} uses this card template; "
                       "change or delete that agenda template first")
    if workshops_using:
        # Counted, not named: whoever may delete templates may not see other workshops.
        many = f"{workshops_using} workshops" if workshops_using > 1 else "a workshop"
        raise Conflict(f"a collect step of {many} on this server writes cards into this template; "
                       "choose another template for that step, or archive the workshop, first")


# -- the built-ins: today's two templates, given colours ---------------------------------------

_BUILT_IN_COLOURS = {
    "start": "green", "stop": "pink", "continue": "blue",
    "doing-well": "green", "invest": "blue", "change": "pink", "opportunities": "yellow",
}


def _built_in(template: Template) -> CardTemplate:
    return CardTemplate(template.key, template.title, tuple(
        TemplateColumn(c.key, c.title, c.hint, _BUILT_IN_COLOURS.get(c.key, "grey")) for c in template.columns),
        built_in=True)


BUILT_INS: dict[str, CardTemplate] = {key: _built_in(t) for key, t in TEMPLATES.items()}
