"""The time-box of a topic: a stored deadline, never a countdown on the server.

While running, the timer is its ``deadline`` (server epoch seconds); while
paused, the seconds ``remaining``. Every screen counts down locally from that,
correcting for its clock's offset to the server (static/js/clock.js), so screens
agree and a restart or reload keeps the timer. "Expired" is derived from the
deadline whenever someone asks; nothing on the server ticks.

Time spent on a topic counts every running span, overtime included, and no
paused span: it is what the topic log reports against the planned time.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from .errors import DomainError, InvalidInput

LONGEST = 24 * 3600  # a time-box of a day is already absurd; any length up to it is fine

IDLE, RUNNING, PAUSED, STOPPED = "idle", "running", "paused", "stopped"


class TimerState(DomainError):
    code = "timer_state"


def seconds(value: object, *, field: str = "seconds") -> int:
    """A length in whole seconds, 1 s to 24 h (minutes and seconds of any length)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise InvalidInput(f"{field} must be a number of seconds")
    whole = int(round(value))
    if not 1 <= whole <= LONGEST:
        raise InvalidInput(f"{field} must be between 1 second and 24 hours")
    return whole


@dataclass(frozen=True)
class Timer:
    state: str = IDLE
    length: int = 0                 # the box as started, plus time added
    deadline: float | None = None   # running: when it runs out
    remaining: float | None = None  # paused: seconds left
    spent: float = 0.0              # seconds run before the current span
    since: float | None = None      # running: when the current span began

    # A timer is its deadline while running and its remaining seconds while
    # paused (each None otherwise): the methods read the field that the state
    # sets, which is also what lets the type checker see it is there.

    def left(self, now: float) -> float:
        """Seconds left (negative in overtime); 0 when idle or stopped."""
        if self.deadline is not None:
            return self.deadline - now
        if self.remaining is not None:
            return self.remaining
        return 0.0

    def expired(self, now: float) -> bool:
        if self.deadline is not None:
            return now >= self.deadline
        return self.remaining is not None and self.remaining <= 0

    def spent_by(self, now: float) -> float:
        """Time spent so far: finished spans plus the one running now."""
        return self.spent + (now - self.since if self.since is not None else 0.0)

    def public(self, now: float) -> dict:
        """The stored timer plus ``expired`` as of ``now``. ``spent`` stays the
        finished spans: a screen adds ``its server-now - since`` while running."""
        return {**asdict(self), "expired": self.expired(now)}


def start(timer: Timer, length: object, now: float) -> Timer:
    """Start (or restart) the box; time already spent on the topic is kept."""
    box = seconds(length)
    return Timer(RUNNING, box, now + box, None, timer.spent_by(now), now)


def pause(timer: Timer, now: float) -> Timer:
    if timer.deadline is None:
        raise TimerState("only a running timer can be paused")
    # An expired timer pauses at 0 rather than at its overtime.
    return Timer(PAUSED, timer.length, None, max(0.0, timer.deadline - now), timer.spent_by(now), None)


def resume(timer: Timer, now: float) -> Timer:
    if timer.remaining is None:
        raise TimerState("only a paused timer can be resumed")
    return Timer(RUNNING, timer.length, now + timer.remaining, None, timer.spent, now)


def add_time(timer: Timer, extra: object, now: float) -> Timer:
    """More time. An expired box gets the extra counted from now, not from its
    old deadline, so "two more minutes" always means two minutes from now."""
    more = seconds(extra, field="extra time")
    if timer.deadline is not None:
        return replace(timer, length=timer.length + more, deadline=max(timer.deadline, now) + more)
    if timer.remaining is not None:
        return replace(timer, length=timer.length + more, remaining=max(0.0, timer.remaining) + more)
    raise TimerState("start the timer before adding time")


def stop(timer: Timer, now: float) -> Timer:
    if timer.state not in (RUNNING, PAUSED):
        raise TimerState("the timer is not running")
    return Timer(STOPPED, timer.length, None, None, timer.spent_by(now), None)



def settle(timer: Timer, now: float) -> Timer | None:
    """The timer stopped when its topic or step is left (None if it is not going): a
    time-box left running would keep adding to the topic's time spent after the workshop."""
    return stop(timer, now) if timer.state in (RUNNING, PAUSED) else None
