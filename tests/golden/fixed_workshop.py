"""A fixed workshop, built deterministically (fixed ids and timestamps), for golden files.

It is written as a JSON export and imported, so the same data drives the golden
Markdown/CSV files and the import round trip. It runs its own agenda (``STEPS``,
with times), read at ``NOW``; ``export_before_agendas`` is the same workshop as
an export written before agendas existed. Its texts hold what exports must
survive: commas, quotes, new lines, Markdown characters and a spreadsheet formula.
"""
from __future__ import annotations

import copy
import json

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


CLUSTERS = [  # (name, card indexes)
    ("Demos and visibility", [0, 6]),
    ("Meetings, \"syncs\" and releases", [1, 4]),
]

DOTS = [  # (person index, cluster index or ("card", card index))
    (0, 0), (0, 0), (1, 0), (1, 1), (3, 1), (3, ("card", 5)), (4, 0), (4, 0),
]

TOPICS = [  # (title, cluster index, planned seconds, spent seconds, notes)
    ("Demos and visibility", 0, 600, 720.5,
     {"situation": "Demos happen per team, rarely", "desired": "One demo a week, for everyone",
      "obstacles": "Room bookings; time zones"}),
    ("Meetings", 1, 300, 240.0, {"situation": "", "desired": "Every meeting has an agenda", "obstacles": ""}),
]

ACTIONS = [  # (topic index, text, owner, due, done)
    (0, "Book the big room for Thursday demos", "Ann", "2026-12-01", 0),
    (1, "No agenda, no meeting: write it up", "Bo", None, 1),
]

ROUNDS = [  # (proposal, result, answers: (person, level, reason))
    ("Weekly demo on Fridays", "not_yet",
     [(0, 60, "Fridays are bad, for support"), (1, 80, None), (3, 90, None), (4, 100, None)]),
    ("Weekly demo on Thursdays", "commit",
     [(0, 80, None), (1, 90, None), (2, 80, None), (3, 100, None), (4, 100, None)]),
]


STEPS = [  # (kind, title, planned minutes, settings, works on (index), started, ended: seconds after T0)
    ("lobby", "Welcome", 5, {}, None, 0, 300),
    ("collect", "Start, stop, continue", 15, {"blind_writing": False}, None, 300, 1180),
    ("cluster", "Group the cards", 10, {}, 1, 1180, 1780),
    ("vote", "Dot vote", 5, {"dots_per_person": 3, "cap_per_item": 2}, 2, 1780, 1960),
    ("discuss", "Discuss the top clusters", 15, {}, 3, 1960, 2590),
    ("decide", "Decide", 10, {}, 4, 2590, 2900),
    ("summary", "Wrap-up", 10, {}, None, 2900, None),  # running at NOW
]
NOW = T0 + 3720  # the summary is read 13.7 minutes into the wrap-up
# The step that made each table's rows, by the step's index.
MADE_IN = {"cards": 1, "clusters": 2, "votes": 3, "topics": 4, "polls": 5}


def _steps() -> list[dict]:
    from workshop.domain.agenda import new_step
    rows = []
    for i, (kind, title, minutes, settings, works_on, started, ended) in enumerate(STEPS):
        step = new_step(kind, _id("s", i + 1), title=title, minutes=minutes, settings=settings,
                        works_on=None if works_on is None else _id("s", works_on + 1))
        rows.append({"id": step.id, "workshop_id": W, "position": i, "kind": kind, "title": title,
                     "planned_minutes": minutes, "settings": json.dumps(step.settings.public()),
                     "works_on": step.works_on, "state": "done" if ended is not None else "running",
                     "started_at": T0 + started, "ended_at": None if ended is None else T0 + ended,
                     "has_data": int(i in MADE_IN.values()), "removed": 0})
    return rows


def _distribution(levels: list[int]) -> str:
    return json.dumps({str(level): levels.count(level) for level in range(0, 101, 10)})


def _results(participants: list[dict], cards: list[dict]) -> dict:
    clusters, links = [], []
    for i, (name, members) in enumerate(CLUSTERS):
        cid = _uuid(100 + i)
        clusters.append({"id": cid, "workshop_id": W, "name": name, "position": i + 1, "created_at": T0 + 1200 + i})
        links += [{"card_id": cards[m]["id"], "cluster_id": cid, "workshop_id": W, "added_at": T0 + 1210 + m}
                  for m in members]
    links.sort(key=lambda r: r["card_id"])
    loose = [c for i, c in enumerate(cards) if all(i not in m for _, m in CLUSTERS)]
    items = [{"id": c["id"], "kind": "cluster", "name": c["name"],
              "card_ids": [cards[m]["id"] for m in CLUSTERS[i][1]],
              "author_ids": sorted({cards[m]["participant_id"] for m in CLUSTERS[i][1]})} for i, c in enumerate(clusters)]
    items += [{"id": c["id"], "kind": "card", "name": c["text"], "card_ids": [c["id"]],
               "author_ids": [c["participant_id"]]} for c in loose]
    vote_id = _uuid(200)
    dots = []
    for n, (person, target) in enumerate(DOTS):
        item = cards[target[1]]["id"] if isinstance(target, tuple) else clusters[target]["id"]
        dots.append({"id": _uuid(300 + n), "vote_id": vote_id, "workshop_id": W,
                     "participant_id": participants[person]["id"], "item_id": item, "placed_at": T0 + 1800 + n})
    from workshop.domain import votes as vote_rules
    ranking = vote_rules.ranking([vote_rules.Item(i["id"], i["kind"], i["name"], tuple(i["card_ids"]),
                                                  frozenset(i["author_ids"])) for i in items],
                                 [d["item_id"] for d in dots])
    votes = [{"id": vote_id, "workshop_id": W, "status": "closed", "dots_per_participant": 3, "max_per_item": 2,
              "own_items": 1, "items": json.dumps(items), "ranking": json.dumps(ranking),
              "opened_at": T0 + 1790, "closed_at": T0 + 1900}]
    return {"clusters": clusters, "cluster_cards": links, "votes": votes, "dots": dots}


def _discussion(participants: list[dict], clusters: list[dict]) -> dict:
    topics = []
    for i, (title, cluster, planned, spent, notes) in enumerate(TOPICS):
        topics.append({
            "id": _id("t", i + 1), "workshop_id": W, "title": title, "cluster_id": clusters[cluster]["id"],
            "position": i + 1, "planned": planned, "elmo_threshold": None, "present": 5, "timer_state": "stopped",
            "timer_length": planned, "timer_deadline": None, "timer_remaining": None, "timer_spent": spent,
            "timer_since": None, **notes, "created_at": T0 + 2000 + i})
    elmos = [{"id": n + 1, "workshop_id": W, "topic_id": topics[t]["id"], "participant_id": participants[p]["id"],
              "thrown_at": T0 + 2400 + n, "withdrawn_at": w}
             for n, (t, p, w) in enumerate([(0, 1, None), (0, 3, T0 + 2450.0), (0, 4, None), (1, 0, None)])]
    actions = [{"id": _uuid(400 + n), "workshop_id": W, "topic_id": topics[t]["id"], "text": text, "owner": owner,
                "due": due, "done": done, "created_at": T0 + 2500 + n, "updated_at": T0 + 2500 + n}
               for n, (t, text, owner, due, done) in enumerate(ACTIONS)]
    poll_id = _uuid(500)
    polls = [{"id": poll_id, "workshop_id": W, "topic_id": topics[0]["id"], "cluster_id": clusters[0]["id"],
              "quorum": 0.5, "anonymous": 1, "created_at": T0 + 2600}]
    rounds, answers = [], []
    for n, (proposal, result, given) in enumerate(ROUNDS):
        rid = _id("r", n + 1)
        sticking = [{"level": lv, "reason": why} for _, lv, why in sorted(given, key=lambda a: a[1]) if lv < 80]
        rounds.append({"id": rid, "workshop_id": W, "poll_id": poll_id, "number": n + 1, "proposal": proposal,
                       "opened_at": T0 + 2600 + 100 * n, "closed_at": T0 + 2680 + 100 * n, "result": result,
                       "answered": len(given), "present": 5, "needed": 3,
                       "distribution": _distribution([lv for _, lv, _ in given]), "sticking": json.dumps(sticking)})
        answers += [{"round_id": rid, "participant_id": participants[p]["id"], "level": lv, "reason": why,
                     "answered_at": T0 + 2610 + 100 * n + p} for p, lv, why in given]
    return {"topics": topics, "discussions": [{"workshop_id": W, "topic_id": topics[1]["id"]}], "elmos": elmos,
            "actions": actions, "polls": polls, "poll_rounds": rounds, "poll_answers": answers}


def export() -> dict:
    """The fixed workshop as a JSON export (what ``store.transfer.dump`` writes)."""
    data = export_before_agendas()
    tables = data["tables"]
    tables["steps"] = _steps()
    for table, step in MADE_IN.items():
        for row in tables[table]:
            row["step_id"] = _id("s", step + 1)
    return data


def export_before_agendas() -> dict:
    """The fixed workshop as an export written before agendas: no steps, no ``step_id``."""
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
        "tables": {"groups": GROUPS, "participants": participants, "cards": cards,
                   **(results := _results(participants, cards)),
                   **_discussion(participants, results["clusters"]),
                   "feedback": feedback, "origins": []},
    })
