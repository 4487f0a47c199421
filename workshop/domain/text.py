"""Cleaning and checking the text people type."""
from __future__ import annotations

import unicodedata

from .errors import InvalidInput

# Control characters other than new lines and tabs have no place in workshop text
# (NUL bytes in particular break exports and some terminals).
_ALLOWED_CONTROLS = {"\n", "\t"}


def clean(text: object, *, field: str, min_len: int = 0, max_len: int, multiline: bool = True) -> str:
    """Trim, normalise (NFC) and bound a piece of user text, or raise InvalidInput."""
    if not isinstance(text, str):
        raise InvalidInput(f"{field} must be text")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(
        ch for ch in text
        if ch in _ALLOWED_CONTROLS or unicodedata.category(ch) not in {"Cc", "Cs"}
    )
    if not multiline:
        text = " ".join(text.split())
    text = text.strip()
    if len(text) < min_len:
        raise InvalidInput(f"{field} is required" if min_len == 1 else f"{field} needs at least {min_len} characters")
    if len(text) > max_len:
        raise InvalidInput(f"{field} is too long ({len(text)} characters, at most {max_len})")
    return text


def optional(text: object, *, field: str, max_len: int) -> str:
    if text is None:
        return ""
    return clean(text, field=field, max_len=max_len, multiline=False)
