"""Share back: the two read-only briefings a journey publishes, and their share links.

The leadership briefing carries the context and the reasoning (statements with
their briefing notes, decisions with every poll round); the organisation
briefing is the crisp version (vision, pillars, OKRs, what people told us).
Neither ever carries a participant's name: a briefing is read by people who
were not in the room, through a link anyone may forward.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import Forbidden, InvalidInput

LEADERSHIP = "leadership"
ORGANISATION = "organisation"
KINDS = {LEADERSHIP: "Leadership briefing", ORGANISATION: "Organisation briefing"}

MAX_EXPIRY_DAYS = 366
TOP_THEMES = 10  # "what you told us" shows the themes most people raised


class UnknownBriefing(InvalidInput):
    code = "unknown_briefing"


class ShareClosed(Forbidden):
    """A share link that was revoked or has expired: it opens nothing any more."""
    code = "share_closed"
    status = 410


@dataclass(frozen=True)
class NewShare:
    kind: str
    expires_at: float | None


def new_share(kind: object, expires_in_days: object, now: float) -> NewShare:
    if kind not in KINDS:
        raise UnknownBriefing(f"a briefing is one of {', '.join(KINDS)}")
    if expires_in_days is None:
        return NewShare(str(kind), None)
    if isinstance(expires_in_days, bool) or not isinstance(expires_in_days, (int, float)) \
            or not 0 < expires_in_days <= MAX_EXPIRY_DAYS:
        raise InvalidInput(f"expires_in_days is a number of days from 1 to {MAX_EXPIRY_DAYS} (or none)")
    return NewShare(str(kind), now + float(expires_in_days) * 86400)


def share_state(revoked_at: float | None, expires_at: float | None, now: float) -> str:
    if revoked_at is not None:
        return "revoked"
    if expires_at is not None and now >= expires_at:
        return "expired"
    return "open"


def check_open(revoked_at: float | None, expires_at: float | None, now: float) -> None:
    state = share_state(revoked_at, expires_at, now)
    if state != "open":
        raise ShareClosed(f"this briefing link has been {state}; ask the organiser for a new one")


def nameless_sticking(sticking: list[dict]) -> list[dict]:
    """Sticking points without who raised them (a poll that was not anonymous records names)."""
    return [{"level": s.get("level"), "reason": s.get("reason", "")} for s in sticking]


def top_themes(items: list[dict], limit: int = TOP_THEMES) -> list[dict]:
    """The themes carried between stages, most people first; a theme carried twice
    (into consolidation, then the offsite) counts once, with its widest reach."""
    widest: dict[str, dict] = {}
    for item in items:
        title = (item.get("title") or "").strip()
        if not title:
            continue
        key = title.casefold()
        if key not in widest or item["people"] > widest[key]["people"]:
            widest[key] = {"title": title, "people": item["people"], "sessions": item["sessions"],
                           "groups": item["groups"]}
    ranked = sorted(widest.values(), key=lambda t: (-t["people"], -t["sessions"], t["title"].casefold()))
    return ranked[:limit]
