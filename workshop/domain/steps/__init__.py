"""Step kinds: the registry, filled by discovering this package's modules.

Each public module defines one ``StepKind`` subclass decorated with
``@register``; importing the package imports them all, so no list of kinds is
kept anywhere else. Modules whose names start with ``_`` are not kinds.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable

from ._base import (
    CAPABILITIES,
    GROUPS,
    KINDS,
    ROOM,
    SCOPES,
    BadReference,
    NotInThisStep,
    SettingLocked,
    Source,
    StepKind,
    StepSettings,
    UnknownStepKind,
    kind,
    register,
)


def discover(package: str, path: Iterable[str]) -> list[str]:
    """Import every public module of a package; each registers its kind."""
    found = [m.name for m in pkgutil.iter_modules(path) if not m.name.startswith("_")]
    for name in found:
        importlib.import_module(f"{package}.{name}")
    return found


discover(__name__, __path__)


def catalogue() -> dict[str, object]:
    """Every kind and capability, as the server serves them to the browser's agenda editor."""
    return {"kinds": [KINDS[k].describe() for k in sorted(KINDS)], "capabilities": dict(CAPABILITIES)}


__all__ = ["CAPABILITIES", "GROUPS", "KINDS", "ROOM", "SCOPES", "BadReference", "NotInThisStep", "SettingLocked",
           "Source", "StepKind", "StepSettings", "UnknownStepKind", "catalogue", "discover", "kind", "register"]
