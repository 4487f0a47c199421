"""Declared payload shapes, one small dataclass per Socket.IO event or JSON
request body, checked at the edge of both transports.

``parse(Shape, payload)`` accepts a dict whose fields have the declared types
(extra fields are ignored) and raises InvalidInput otherwise. Text fields are
bounded here so that a huge string is refused before anything else looks at it;
the domain then applies the real rules (trimming, lengths, allowed values).
Declare shapes with ``@shape`` and fields with ``client_id()`` and
``bounded(max_len)``, so that the bounds are spelled once.
"""
from __future__ import annotations

import types
import typing
from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar, dataclass_transform

from .domain.errors import InvalidInput

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

S = TypeVar("S", bound="DataclassInstance")
C = TypeVar("C")

MAX_TEXT = 10_000  # no field of any event is longer; the domain sets tighter limits
MAX_LIST = 1_000
ID_MAX = 64  # client-made ids are UUIDs (36 characters; the domain checks them)


def client_id(*, default: Any = MISSING, default_factory: Any = MISSING, key: str | None = None) -> Any:
    """A field holding a client-made id, or a list of them (``default_factory=list``).
    ``key``: the payload's name for it, when that is no Python name (``from``)."""
    return field(default=default, default_factory=default_factory,
                 metadata={"max": ID_MAX, **({"key": key} if key else {})})


def bounded(max_len: int, *, default: Any = MISSING) -> Any:
    """A text field of at most ``max_len`` characters."""
    return field(default=default, metadata={"max": max_len})


@dataclass_transform(field_specifiers=(field, client_id, bounded))
def shape(cls: type[C]) -> type[C]:
    """Declare a payload shape: a dataclass (type checkers see which fields
    ``client_id()`` and ``bounded()`` leave required)."""
    return dataclass(cls)


def parse(shape: type[S], payload: Any) -> S:
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise InvalidInput("the payload must be a JSON object")
    hints = _hints(shape)
    values = {}
    for f in fields(shape):
        key = f.metadata.get("key", f.name)
        value = payload.get(key)
        if value is None:
            if f.default is MISSING and f.default_factory is MISSING:
                raise InvalidInput(f"{key} is required")
            continue
        values[f.name] = _check(key, hints[f.name], value, f.metadata.get("max", MAX_TEXT))
    return shape(**values)


_HINTS: dict[type, dict[str, Any]] = {}
_KINDS = {str: "text", float: "a number", int: "a whole number", bool: "true or false", dict: "an object"}


def _either(name: str, options: list[Any], value: Any, max_len: int) -> Any:
    """The value as the first option it fits (``float | str``: a number, else text). A value
    of one option's kind that it refuses (text too long) says why; one of no kind says what fits."""
    if len(options) == 1:
        return _check(name, options[0], value, max_len)
    for option in options:
        try:
            return _check(name, option, value, max_len)
        except InvalidInput:
            if type(value) is option:
                raise
    raise InvalidInput(f"{name} must be " + " or ".join(_KINDS.get(o, str(o)) for o in options))


def _hints(shape: type) -> dict[str, Any]:
    # Resolving string annotations costs more than the rest of a parse: once per shape.
    hints = _HINTS.get(shape)
    if hints is None:
        hints = _HINTS[shape] = typing.get_type_hints(shape)
    return hints


def _check(name: str, hint: Any, value: Any, max_len: int) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _either(name, options, value, max_len)
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list) or len(value) > MAX_LIST:
            raise InvalidInput(f"{name} must be a list of at most {MAX_LIST} items")
        return [_check(name, item, v, max_len) for v in value]
    if hint is str:
        if not isinstance(value, str):
            raise InvalidInput(f"{name} must be text")
        if len(value) > max_len:
            raise InvalidInput(f"{name} is too long (at most {max_len} characters)")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise InvalidInput(f"{name} must be true or false")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**53:
            raise InvalidInput(f"{name} must be a whole number")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or abs(value) > 1e12:
            raise InvalidInput(f"{name} must be a number")
        return float(value)
    if hint is dict:
        if not isinstance(value, dict):
            raise InvalidInput(f"{name} must be an object")
        return value
    raise TypeError(f"shape field {name} has an unsupported type {hint!r}")
