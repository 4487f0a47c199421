"""Step kinds: the registry, filled by discovering this package's modules.

Each public module defines one ``StepKind`` subclass decorated with
``@register``; importing the package imports them all, so no list of kinds is
kept anywhere else. Modules whose names start with ``_`` are not kinds.
"""
from __future__ import annotations

import importlib
import pkgutil

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

for _module in pkgutil.iter_modules(__path__):
    if not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")


def catalogue() -> dict[str, object]:
    """Every kind and capability, as the server serves them to the browser's agenda editor."""
    return {"kinds": [KINDS[k].describe() for k in sorted(KINDS)], "capabilities": dict(CAPABILITIES)}

__all__ = ["CAPABILITIES", "GROUPS", "KINDS", "ROOM", "SCOPES", "BadReference", "NotInThisStep", "SettingLocked",
           "Source", "StepKind", "StepSettings", "UnknownStepKind", "catalogue", "kind", "register"]
