"""Markdown text that shows what people typed literally.

Every value put into an export goes through ``text``, ``inline``, ``item`` or ``table``, so that nothing
typed (or imported) can start a block, a link, an image, HTML or code: the export's structure is its own.
"""
from __future__ import annotations

import re

# CommonMark ends a line at LF, CR or CR LF, and nowhere else (not at U+2028 or a form feed).
_LINE_END = re.compile(r"\r\n|\r|\n")
# Characters that mean something anywhere in a line: backslash escapes, code spans, emphasis,
# strikethrough (GFM), links, images and reference definitions, autolinks and raw HTML, table cells.
_INLINE = re.compile(r"([\\`*_~\[\]<|])")
# An ampersand only matters where it starts an entity ("&lt;" would show as "<").
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)")
# What opens a block at the start of a line and is not escaped above already: headings (#), setext
# underlines (= -), thematic breaks, bullets (- +) and block quotes (>). Fences, HTML blocks, "*" and
# "_" breaks and reference definitions start with an inline character, escaped wherever it stands.
_BLOCK_START = re.compile(r"^([#=+\->])")
# An ordered list is digits then "." or ")": the delimiter is what needs the backslash ("\1." is a
# literal backslash before a digit, which is not an escape).
_ORDERED = re.compile(r"^([0-9]+)([.)])")
_BLOCK_CHARS = frozenset("#=+->")
# A heading's closing sequence ("### Title ##") would eat trailing hashes of the title itself.
_CLOSING_HASHES = re.compile(r"(?<!\\)(#+)$")


def _lines(value: object) -> list[str]:
    """The text's lines, without blank ones and without the spaces around each.

    Leading spaces or a tab would make an indented code block (or nest a list), trailing spaces a hard
    break, and a blank line would end the paragraph (or loosen the list) the text sits in and let the
    next line start a block of its own. A Markdown viewer drops those spaces anyway.
    """
    typed = "" if value is None else str(value)
    if "\n" not in typed and "\r" not in typed:  # most cards are one line: no split needed
        line = typed.strip(" \t")
        return [line] if line else []
    lines = (line.strip(" \t") for line in _LINE_END.split(typed))
    return [line for line in lines if line]


def _escape_inline(line: str) -> str:
    # Searching first is what makes a 10,000-card export fast: most lines need no escape at all.
    if _INLINE.search(line):
        line = _INLINE.sub(r"\\\1", line)
    return _ENTITY.sub(r"\\&", line) if "&" in line else line


def _line_start(line: str) -> str:
    if line[:1] in _BLOCK_CHARS:
        return _BLOCK_START.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line) if line[:1].isdigit() else line


def text(value: object) -> str:
    """Typed text, shown literally in one paragraph or list item: every Markdown character escaped, lines kept."""
    return "\n".join(_line_start(_escape_inline(line)) for line in _lines(value))


def inline(value: object) -> str:
    """Typed text within a line (a heading, a table cell, after a label): line breaks become spaces."""
    joined = " ".join(_escape_inline(line) for line in _lines(value))
    return _CLOSING_HASHES.sub(r"\\\1", joined) if joined.endswith("#") else joined


def item(value: object, indent: str = "") -> str:
    """A list item; further lines of the text continue the item."""
    lines = text(value).split("\n")
    return "\n".join([f"{indent}- {lines[0]}"] + [f"{indent}  {line}" for line in lines[1:]])


def table(header: list[object], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(inline(h) for h in header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(inline(c) for c in row) + " |" for row in rows]
    return out + [""]
