"""Forming small groups: on arrival, at random, balanced by role, or by hand."""
from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from . import text
from .errors import InvalidInput


@dataclass(frozen=True)
class Placement:
    """A participant as group forming sees them: their role and experience, and
    the group they are in (None before groups are formed)."""
    participant_id: str
    role: str = ""
    experience: str = ""
    group_id: str | None = None


def group_name(number: int) -> str:
    return f"Group {number}"


def clean_group_name(name: object) -> str:
    return text.clean(name, field="group name", min_len=1, max_len=40, multiline=False)


def group_for_arrival(placements: Iterable[Placement], group_ids: Sequence[str], group_size: int,
                      role: str) -> str | None:
    """The group a newcomer sits in, or None when every group is full.

    Among groups with room, prefer the one with fewest people of the newcomer's
    role, then the smallest, so arrivals mix roles without a re-form."""
    members: dict[str, list[Placement]] = {gid: [] for gid in group_ids}
    for placement in placements:
        if placement.group_id in members:
            members[placement.group_id].append(placement)
    open_groups = [gid for gid in group_ids if len(members[gid]) < group_size]
    if not open_groups:
        return None

    def crowding(gid: str) -> tuple[int, int, int]:
        same_role = sum(1 for s in members[gid] if role and s.role.lower() == role.lower())
        return (same_role, len(members[gid]), group_ids.index(gid))

    return min(open_groups, key=crowding)


def group_count(people: int, group_size: int) -> int:
    if group_size < 2:
        raise InvalidInput("group size must be at least 2")
    return max(1, -(-people // group_size))


def form_random(placements: Sequence[Placement], group_size: int,
                rng: random.Random | None = None) -> list[list[str]]:
    """Deal participants at random into groups whose sizes differ by at most one."""
    ids = [s.participant_id for s in placements]
    (rng or random.Random()).shuffle(ids)
    k = group_count(len(ids), group_size)
    return [ids[i::k] for i in range(k)]


def form_balanced(placements: Sequence[Placement], group_size: int,
                  rng: random.Random | None = None) -> list[list[str]]:
    """Deal participants so each group mixes roles and experience levels.

    People are ordered by role (largest roles first) and, within a role, by
    experience, then dealt round-robin: every role is spread across all groups
    before any group gets a second person of it."""
    rng = rng or random.Random()
    k = group_count(len(placements), group_size)
    by_role: dict[str, list[Placement]] = defaultdict(list)
    for placement in placements:
        by_role[placement.role.strip().lower()].append(placement)
    role_sizes = Counter({role: len(people) for role, people in by_role.items()})
    order: list[Placement] = []
    for role, _ in sorted(role_sizes.items(), key=lambda item: (-item[1], item[0])):
        people = by_role[role]
        rng.shuffle(people)
        people.sort(key=lambda s: s.experience)
        order.extend(people)
    groups: list[list[str]] = [[] for _ in range(k)]
    for i, placement in enumerate(order):
        groups[i % k].append(placement.participant_id)
    return groups


FORMING = {"random": form_random, "balanced": form_balanced}


def form(method: object, placements: Sequence[Placement], group_size: int,
         rng: random.Random | None = None) -> list[list[str]]:
    """Re-form every group by the facilitator's chosen method."""
    if not isinstance(method, str) or method not in FORMING:
        raise InvalidInput("method must be 'random' or 'balanced'")
    return FORMING[method](placements, group_size, rng)
