"""A fixed workshop, built deterministically (fixed ids and timestamps), for golden files.

It is written as a JSON export and imported, so the same data drives the golden
Markdown/CSV files and the import round trip. Its texts hold what exports must
survive: commas, quotes, new lines, Markdown characters and a spreadsheet formula.
"""
from __future__ import annotations

import copy

T0 = 1_795_000_000.0  # 2026-11-18 11:06:40 UTC
W = "f1xed000000000000000000000000001"


def _id(kind: str, n: int) -> str:
    return f"{kind}{n:0{32 - len(kind)}d}"


def _uuid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


GROUPS = [
    {"id": _id("g", 1), "workshop_id": W, "name": "Blue team", "position": 1, "revealed": 1},
    {"id": _id("g", 2), "workshop_id": W, "name": "Group 2", "position": 2, "revealed": 1},
]

PEOPLE = [  # (name, role, experience, group index)
    ("Ann", "Support", "some", 0), ("Bo", "Engineering", "veteran", 0), ("Chidi", "", "", 0),
    ("Dana", "Sales", "new", 1), ("Eli, Jr.", "Engineering", "experienced", 1),
]

CARDS = [  # (author index, column, text)
    (0, "start", "Weekly demo to the whole department"),
    (0, "stop", 'Meetings "just to sync", with no agenda'),
    (1, "continue", "Pairing on incidents\nand writing them up"),
    (1, "start", "=HYPERLINK(\"http://evil.example\",\"click\")"),
    (3, "stop", "- Releasing on Fridays, *always* at 5pm"),
    (3, "continue", "@here announcements | Slack"),
    (4, "start", "+1 for a shared roadmap"),
]

FEEDBACK = [  # (person index, score, worked, did not work)
    (0, 9, "Small groups, quick rounds", ""),
    (1, 6, "", "Too short for the stop column"),
    (3, 10, "Elmo kept us moving", "Wi-Fi, again"),
    (4, 8, "", ""),
]


def export() -> dict:
    """The fixed workshop as a JSON export (what ``store.transfer.dump`` writes)."""
    participants = [{
        "id": _id("p", i + 1), "workshop_id": W, "name": name, "role": role, "experience": exp,
        "group_id": GROUPS[g]["id"], "joined_at": T0 + 60 + i, "removed_at": None,
    } for i, (name, role, exp, g) in enumerate(PEOPLE)]
    cards = [{
        "id": _uuid(i + 1), "workshop_id": W, "participant_id": participants[a]["id"],
        "group_id": participants[a]["group_id"], "column": column, "text": text,
        "created_at": T0 + 600 + 10 * i, "updated_at": T0 + 600 + 10 * i,
    } for i, (a, column, text) in enumerate(CARDS)]
    feedback = [{
        "id": _id("f", i + 1), "workshop_id": W, "participant_id": participants[p]["id"],
        "group_id": participants[p]["group_id"], "score": score, "worked": worked, "did_not_work": didnt,
        "given_at": T0 + 3600 + i,
    } for i, (p, score, worked, didnt) in enumerate(FEEDBACK)]
    return copy.deepcopy({
        "format": "bowtie.workshop", "format_version": 1,
        "workshop": {
            "id": W, "code": "GD7K2M", "title": "Platform retro, Q4", "context": "What should the platform team start, stop, continue?",
            "template": "start-stop-continue", "phase": "summary",
            "settings": {"blind_writing": False, "group_size": 5, "participants_cluster": False,
                         "participants_edit_notes": False},
            "facilitator_key_hash": "0" * 64, "created_at": T0, "archived_at": None,
        },
        "tables": {"groups": GROUPS, "participants": participants, "cards": cards, "feedback": feedback,
                   "origins": []},
    })
