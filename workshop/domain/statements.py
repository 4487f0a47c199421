"""Statements and the words the room keeps of them.

Everyone (or every group) writes one statement of at most 300 characters. Once
shown, participants mark the words and phrases they want to keep; the marks add
up to a heat map over each statement and a ranked list of the most-kept
phrases, from which the facilitator drafts one combined sentence.

Offsets are counted in Unicode code points of the statement's stored text
(NFC, as ``text.clean`` leaves it), which is what Python's ``str`` indexes.
The browser's strings are UTF-16, so it converts a selection with
``Array.from(text.slice(0, offset)).length`` before sending, and back when it
draws: an emoji or a rare CJK character is one position on both sides.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import text
from .errors import Conflict, InvalidInput, WrongPhase

STATEMENT_MAX = 300
SENTENCE_MAX = 500
MARKS_PER_PERSON = 30
RANKED = 20


class WritingClosed(WrongPhase):
    code = "writing_closed"


class NotShownYet(WrongPhase):
    code = "not_shown"


class SentenceCommitted(Conflict):
    code = "committed"


class StaleSentence(Conflict):
    """The combined sentence changed since the version an edit was based on."""

    def __init__(self, current_text: str, version: int):
        super().__init__(f"another facilitator changed the sentence (now version {version}); "
                         "your edit was not saved")
        self.current = {"text": current_text, "version": version}


# -- writing ------------------------------------------------------------------------

def statement(value: object) -> str:
    return text.clean(value, field="statement", min_len=1, max_len=STATEMENT_MAX)


def require_writing(open_: bool) -> None:
    if not open_:
        raise WritingClosed("writing is closed: the facilitator has closed it")


def sentence(value: object) -> str:
    return text.clean(value, field="sentence", max_len=SENTENCE_MAX, multiline=False) if value != "" else ""


def check_version(based_on: object, version: int, current_text: str, *, committed: bool) -> None:
    """An edit is based on the version it was typed over; a stale one is refused
    with the text it would have overwritten, so no facilitator loses another's words."""
    if committed:
        raise SentenceCommitted("the room has committed to this sentence; it can no longer change")
    if isinstance(based_on, bool) or not isinstance(based_on, int) or based_on < 0:
        raise InvalidInput("version must be the whole number of the sentence you edited")
    if based_on != version:
        raise StaleSentence(current_text, version)


# -- marks ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mark:
    id: str
    statement_id: str
    participant_id: str | None
    start: int
    end: int

    @property
    def person(self) -> str:
        """Who marked it; an imported mark kept no name, so it counts as a person of its own."""
        return self.participant_id or f"mark:{self.id}"


def _wide(ch: str) -> bool:
    """A CJK character is a word of its own: those scripts put no spaces between words."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _wordish(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M") or ch in "'’-"


def snap(body: str, start: object, end: object) -> tuple[int, int]:
    """The span a selection means: widened to whole words, trimmed of the spaces and
    punctuation at its ends. Right-to-left text needs nothing special: offsets
    follow the stored (logical) order, not the order on the screen."""
    for value in (start, end):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput("start and end must be whole numbers (code point offsets into the statement)")
    assert isinstance(start, int) and isinstance(end, int)
    if not 0 <= start < end <= len(body):
        raise InvalidInput(f"a mark runs from 0 to {len(body)} with its start before its end")
    while start < end and not _wordish(body[start]):
        start += 1
    while end > start and not _wordish(body[end - 1]):
        end -= 1
    if start == end:
        raise InvalidInput("mark at least one word")
    while start > 0 and _wordish(body[start - 1]) and not _wide(body[start]) and not _wide(body[start - 1]):
        start -= 1
    while end < len(body) and _wordish(body[end]) and not _wide(body[end - 1]) and not _wide(body[end]):
        end += 1
    return start, end


def require_room_for_mark(marks_of_person: int) -> None:
    if marks_of_person >= MARKS_PER_PERSON:
        raise Conflict(f"you have marked {MARKS_PER_PERSON} phrases; take one back first")


def carried(old: str, new: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a mark lands when its statement is edited: on the same words in the new
    text (the occurrence nearest where they were), or nowhere (the mark is dropped)."""
    words = old[start:end]
    spots = []
    at = new.find(words)
    while at != -1:
        spots.append(at)
        at = new.find(words, at + 1)
    if not spots:
        return None
    best = min(spots, key=lambda s: abs(s - start))
    return best, best + len(words)


# -- what the marks add up to -------------------------------------------------------------

def heat(length: int, marks: Iterable[Mark]) -> list[list[int]]:
    """Runs ``[start, end, count]`` of equal mark counts over a statement, counting
    each person once per position (marks that overlap do not heat twice)."""
    counts = [0] * length
    seen: dict[str, set[int]] = {}
    for m in marks:
        mine = seen.setdefault(m.person, set())
        for i in range(max(0, m.start), min(length, m.end)):
            if i not in mine:
                mine.add(i)
                counts[i] += 1
    runs: list[list[int]] = []
    for i, c in enumerate(counts):
        if runs and runs[-1][2] == c and runs[-1][1] == i:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1, c])
    return [r for r in runs if r[2]]


def key_of(phrase: str) -> str:
    """Phrases are the same when they differ only in case and spacing."""
    return " ".join(phrase.casefold().split())


@dataclass(frozen=True)
class Phrase:
    text: str
    count: int
    spans: tuple[tuple[str, int, int], ...]  # (statement id, start, end)

    def public(self) -> dict:
        return {"text": self.text, "count": self.count, "spans": [list(s) for s in self.spans]}


def _candidates(body: str, marks: Sequence[Mark]) -> set[tuple[int, int]]:
    """Every marked span, and every stretch of two or more words that two or more
    people marked alike (where partly overlapping marks agree: the words they share)."""
    spans = {(m.start, m.end) for m in marks}
    for start, end, count in heat(len(body), marks):
        if count >= 2:
            try:
                shared = _trim(body, start, end)
            except InvalidInput:
                continue
            # A lone shared word ("and", "in") is where random overlaps meet, not a phrase anyone kept.
            if len(body[shared[0]:shared[1]].split()) >= 2:
                spans.add(shared)
    return spans


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not _wordish(body[start]):
        start += 1
    while end > start and not _wordish(body[end - 1]):
        end -= 1
    if start == end:
        raise InvalidInput("no words")
    return start, end


def phrases_of(statement_id: str, body: str, marks: Sequence[Mark]) -> list[Phrase]:
    """One statement's kept phrases: each with the people whose marks cover it. A
    phrase inside a longer one kept by as many people says nothing more and is left out."""
    found = []
    for start, end in _candidates(body, marks):
        people = {m.person for m in marks if m.start <= start and m.end >= end}
        if people:
            found.append((start, end, frozenset(people)))
    kept = [(s, e, p) for s, e, p in found
            if not any(s2 <= s and e2 >= e and (s2, e2) != (s, e) and len(p2) >= len(p) for s2, e2, p2 in found)]
    return [Phrase(body[s:e], len(p), ((statement_id, s, e),)) for s, e, p in kept]


def ranking(per_statement: dict[str, tuple[str, Sequence[Mark]]], limit: int = RANKED) -> list[Phrase]:
    """The most-kept phrases of all statements: the same words kept in two statements
    are one phrase, counting each person once; most people first, then longer first."""
    merged: dict[str, tuple[str, set[str], list[tuple[str, int, int]]]] = {}
    for statement_id, (body, marks) in per_statement.items():
        for phrase in phrases_of(statement_id, body, marks):
            (_, s, e), = phrase.spans
            people = {m.person for m in marks if m.start <= s and m.end >= e}
            shown, who, spans = merged.setdefault(key_of(phrase.text), (phrase.text, set(), []))
            who.update(people)
            spans.append((statement_id, s, e))
    ranked = sorted(merged.values(), key=lambda v: (-len(v[1]), -len(v[0]), key_of(v[0])))
    return [Phrase(shown, len(who), tuple(sorted(spans))) for shown, who, spans in ranked[:limit]]
