"""Past workshops, as organisers keep them: archived out of the way, or deleted for good."""
from __future__ import annotations

from .errors import InvalidInput


def archived_at(archived: object, since: float | None, now: float) -> float | None:
    """When the workshop counts as archived: ``since`` if it already was (archiving
    twice keeps the first date), ``now`` if it is archived now, None when restored."""
    if not isinstance(archived, bool):
        raise InvalidInput("archived must be true or false")
    if not archived:
        return None
    return since if since is not None else now


def confirm_deletion(confirm: object, code: str) -> None:
    """Deleting repeats the workshop's join code, so that a script (or a slip of
    the hand) cannot delete the wrong workshop."""
    if confirm != code:
        raise InvalidInput("to delete, confirm with the workshop's join code")
