"""Who takes part: display name, optional role/team and experience level."""
from __future__ import annotations

from dataclasses import dataclass

from . import text
from .errors import InvalidInput

EXPERIENCE_LEVELS = ("", "new", "some", "experienced", "veteran")


@dataclass(frozen=True)
class Arrival:
    name: str
    role: str
    experience: str


def arrival(name: object, role: object = None, experience: object = None) -> Arrival:
    """Validate what a person types when joining."""
    level = text.optional(experience, field="experience", max_len=20).lower()
    if level not in EXPERIENCE_LEVELS:
        raise InvalidInput(f"experience must be one of {', '.join(l for l in EXPERIENCE_LEVELS if l)}")
    return Arrival(
        name=text.clean(name, field="name", min_len=1, max_len=40, multiline=False),
        role=text.optional(role, field="role", max_len=40),
        experience=level,
    )
