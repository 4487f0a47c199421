"""What the room may see: the projector's view of a workshop, made from the
facilitator's snapshot by keeping only what is safe to show to everyone.

The room view is often opened with a link that anyone in the room could copy,
so it is built by listing what goes in, never by removing what must not: no
card text while cards may still be blind, no author of any card, no poll answer
before its round closes, nothing that only the facilitator sees (roles,
experience, feedback, the facilitator's settings).
"""
from __future__ import annotations

import itertools
from typing import Any

from . import attendance
from .cards import is_hidden

# Step kinds whose cards everyone reads: from clustering on, every participant
# reads every card (docs/protocol.md, *clusters*), so the room may show a topic's cards.
CARDS_SHOWN_IN = frozenset({"discuss", "decide", "summary", "feedback"})
# While the room clusters together, each cluster reads out its first cards: enough to
# tell from the back row what it gathers, few enough that a dozen clusters fit one screen.
CLUSTER_CARDS_SHOWN = 3


def room_view(state: dict) -> dict:
    """The room's view of the facilitator snapshot ``state``."""
    step = _running_step(state)
    kind = step["kind"] if step else None
    board = _room_board(state, step)
    return {
        "workshop": {k: state["workshop"][k] for k in ("id", "code", "title", "context", "phase")},
        "step": step and {k: step.get(k) for k in ("id", "kind", "title", "planned_minutes", "started_at")},
        "columns": [{k: c[k] for k in ("key", "title", "hint")} for c in state["workshop"]["template"]["columns"]],
        "people": _people(state),
        "groups": _groups(state, step),
        "clusters": _clusters(state, board),
        "unclustered": _unclustered(state, board),
        "vote": _vote(state),
        "topic": _topic(state, kind),
        "poll": _poll(state),
        "decisions": [{"proposal": d["proposal"]} for d in state["discussion"]["decisions"]],
        "actions": [{k: a.get(k) for k in ("text", "owner", "due", "done")} for a in state["discussion"]["actions"]],
        "figures": _figures(state),
        "server_time": state.get("server_time"),
        "strategy": _strategy(state, step),
        "statements": _statements(state, step),
        "purpose": state.get("purpose"),
        "vision": state.get("vision"),
        "step_elmo": _step_elmo(state, step),
    }


def _step_elmo(state: dict, step: dict | None) -> dict | None:
    """The running step's Elmos against the threshold (domain/step_elmo.py): never who threw one."""
    own = state.get("step_elmo")
    if not step or not own or own["step_id"] != step["id"]:
        return None
    # The share of those present the facilitator set (domain/step_elmo.py), for "3 of the 6 here (50%)".
    percent = (step.get("settings") or {}).get("elmo_percent")
    return {**{k: own["elmo"][k] for k in ("count", "threshold", "present", "move_on")}, "percent": percent}


def _running_step(state: dict) -> dict | None:
    agenda = state.get("agenda") or {}
    return next((s for s in agenda.get("steps", []) if s["id"] == agenda.get("current")), None)


def _people(state: dict) -> dict:
    online = set(state.get("online") or [])
    listed = state["participants"]
    return {"joined": len(listed), "online": sum(p["id"] in online for p in listed),
            "arrived": [{"name": p["name"], "online": p["id"] in online} for p in listed]}


def _groups(state: dict, step: dict | None) -> list[dict]:
    """Each group's writing: how many of its members have written, and how many
    cards (of the running step, when cards say which step they belong to); the
    cards themselves (column and text) only when the facilitator shows them on the
    room screen, and never while the group's cards are blind."""
    cards = [c for c in state["cards"] if not step or c.get("step_id") in (None, step["id"])]
    workshop = state["workshop"]
    settings = workshop["settings"]
    # Each group's members and cards in one pass: a scan per group was 600 groups × 13,000 rows at 3,000 people.
    members_of, cards_of = _by_group(state["participants"]), _by_group(cards)
    out = []
    for group in state["groups"]:
        members = [p["id"] for p in members_of.get(group["id"], [])]
        mine = cards_of.get(group["id"], [])
        writers = {c["participant_id"] for c in mine if c.get("participant_id")}
        blind = is_hidden(blind_writing=bool(settings.get("blind_writing")), phase=workshop["phase"],
                          group_revealed=bool(group.get("revealed")))
        shown = settings.get("room_cards") and not blind
        out.append({"id": group["id"], "name": group["name"], "members": len(members),
                    "writers": len(writers & set(members)), "cards": len(mine),
                    "shown": [{"column": c["column"], "text": c["text"]} for c in mine] if shown else []})
    return out


def _by_group(rows: list[dict]) -> dict[Any, list[dict]]:
    grouped: dict[Any, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["group_id"], []).append(row)
    return grouped


def _clusters(state: dict, board: dict[str, str] | None) -> list[dict]:
    return [{"id": c["id"], "name": c["name"], "group_id": c.get("group_id"), "cards": len(c["card_ids"]),
             "shown": _first_texts(c["card_ids"], board) if board and c.get("group_id") is None else []}
            for c in state.get("clusters") or []]


def _unclustered(state: dict, board: dict[str, str] | None) -> dict | None:
    """The room's board cards in no cluster yet, while the room clusters together."""
    if board is None:
        return None
    clustered = {i for c in state.get("clusters") or [] if c.get("group_id") is None for i in c["card_ids"]}
    loose = [i for i in board if i not in clustered]
    return {"cards": len(loose), "shown": _first_texts(loose, board)}


def _room_board(state: dict, step: dict | None) -> dict[str, str] | None:
    """The whole room's board in a cluster step that everyone works on together, as
    card texts by id (the groups' top items only, when those flowed into it); None
    otherwise. Every participant reads these cards on their own screen then, so the
    projector reveals nothing more: ``group_only`` is the step's public form of
    ``boards.shows_every_card`` (a cluster step in groups is group-only too)."""
    if not step or step["kind"] != "cluster" or step.get("group_only"):
        return None
    carried = (state.get("board") or {}).get("carried")
    on_board = {i for item in carried["items"] for i in item["card_ids"]} if carried else None
    return {c["id"]: c["text"] for c in state["cards"] if on_board is None or c["id"] in on_board}


def _first_texts(card_ids: list[str], texts: dict[str, str]) -> list[str]:
    return list(itertools.islice((texts[i] for i in card_ids if i in texts), CLUSTER_CARDS_SHOWN))


def _vote(state: dict) -> dict | None:
    vote = state.get("vote")
    if not vote:
        return None
    progress = state.get("vote_progress") or {}
    group_votes = state.get("group_votes") or []
    voters = sum(v.get("voters", 0) for v in group_votes) if group_votes else progress.get("voters", 0)
    closed = vote["status"] == "closed"
    return {"status": vote["status"], "voters": voters, "members": len(state["participants"]),
            "ranking": [{k: r[k] for k in ("name", "dots", "rank")} for r in vote.get("ranking") or []]
            if closed else None}


def _topic(state: dict, kind: str | None) -> dict | None:
    discussion = state["discussion"]
    topic = next((t for t in discussion["topics"] if t["id"] == discussion.get("current_topic_id")), None)
    if not topic:
        return None
    cards: list[str] = []
    if kind in CARDS_SHOWN_IN and topic.get("cluster_id"):
        cluster = next((c for c in state.get("clusters") or [] if c["id"] == topic["cluster_id"]), None)
        texts = {c["id"]: c["text"] for c in state["cards"]}
        cards = [texts[i] for i in (cluster or {}).get("card_ids", []) if i in texts]
    return {"title": topic["title"], "timer": topic["timer"], "elmo": topic["elmo"], "cards": cards}


def _poll(state: dict, poll_id: str | None = None) -> dict | None:
    """The newest round of the newest poll, or of the poll ``poll_id``; answers only once closed."""
    polls = [p for p in state["discussion"]["polls"] if poll_id in (None, p["id"])]
    if not polls:
        return None
    poll = max(polls, key=lambda p: p["created_at"])
    newest = poll["rounds"][-1]
    shown: dict[str, Any] = {k: newest.get(k) for k in ("number", "proposal", "open", "answered", "result")}
    shown["present"] = attendance.present(state.get("online") or [], state.get("here") or [])
    if not newest["open"]:
        shown.update({k: newest.get(k) for k in ("distribution", "present", "needed", "quorum_reached")})
    return shown


def _figures(state: dict) -> dict:
    discussion = state["discussion"]
    return {"participants": len(state["participants"]), "cards": len(state["cards"]),
            "clusters": len(state.get("clusters") or []), "topics": len(discussion["topics"]),
            "decisions": len(discussion["decisions"]), "actions": len(discussion["actions"])}


# What the room sees of objectives: what a team has presented, never a draft.
_OBJECTIVES_SHOWN = ("presented", "accepted")


def _strategy(state: dict, step: dict | None) -> dict | None:
    """The pillars of the running pillars step (or of the one an OKRs step works on),
    with their snippets, and the objectives the room has seen."""
    if not step or step["kind"] not in ("pillars", "okrs"):
        return None
    pillars_step = step["id"] if step["kind"] == "pillars" else step.get("works_on")
    pillars = [p for p in state.get("pillars") or [] if p["step_id"] == pillars_step]
    objectives = [o for o in (state.get("okrs") or {}).get("objectives", [])
                  if o["step_id"] == step["id"] and o["state"] in _OBJECTIVES_SHOWN]
    return {"pillars": [{"name": p["name"], "description": p["description"],
                         "snippets": [{"text": s["text"], "count": s["count"]} for s in p["snippets"]],
                         "objectives": [{"text": o["text"], "horizon": o["horizon_label"], "state": o["state"],
                                         "key_results": [_key_result(kr) for kr in o["key_results"]]}
                                        for o in objectives if o["pillar_id"] == p["id"]]}
                        for p in pillars]}


def _key_result(kr: dict) -> dict:
    return {"statement": kr["statement"], "metric": kr["metric"], "owner": kr["owner"],
            "move": kr["move"]}


def _statements(state: dict, step: dict | None) -> dict | None:
    """A statements step as the room sees it: texts once shown (never whose), the kept
    phrases once the marks are shown, and the combined sentence as it is typed."""
    if not step or step["kind"] != "statements":
        return None
    data = (state.get("statements") or {}).get(step["id"]) or {}
    shown, marks = data.get("statements_shown", False), data.get("marks_shown", False)
    heat = data.get("heat") or {}
    return {"prompt": step["settings"].get("prompt"), "subject": step["settings"].get("subject"),
            "written": data.get("written", 0), "writing_open": data.get("writing_open", True),
            "statements": [{"id": s["id"], "text": s["text"], "heat": heat.get(s["id"], []) if marks else []}
                           for s in data.get("statements", [])] if shown else [],
            "ranking": [{"text": p["text"], "count": p["count"]} for p in data.get("ranking", [])] if marks else [],
            "sentence": (data.get("sentence") or {}).get("text", ""), "committed": data.get("committed", False),
            # The sentence's own 80% poll runs in place: never an earlier step's poll.
            "poll": _poll(state, data["poll_id"]) if data.get("poll_id") else None}
