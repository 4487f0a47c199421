"""What the room view keeps of a facilitator's snapshot (domain/room.py)."""
from __future__ import annotations

import pytest

from workshop.domain.room import room_view

TIMER = {"state": "running", "length": 300, "deadline": 1000.0, "remaining": None, "spent": 0, "since": 700.0,
         "expired": False}


def snapshot(kind: str, **discussion) -> dict:
    step = {"id": "s1", "kind": kind, "title": kind.title(), "planned_minutes": 10, "started_at": 100.0}
    return {
        "workshop": {"id": "w", "code": "K7QX2M", "title": "Retro", "context": "Why", "phase": kind,
                     "template": {"columns": [{"key": "start", "title": "Start", "hint": "Begin?", "colour": "green"}]},
                     "settings": {"blind_writing": True}},
        "agenda": {"steps": [step], "current": "s1"},
        "participants": [{"id": "p1", "name": "Ann", "role": "Support", "experience": "new", "group_id": "g1"},
                         {"id": "p2", "name": "Bo", "role": "Sales", "experience": "some", "group_id": "g1"}],
        "groups": [{"id": "g1", "name": "Group 1", "position": 1, "revealed": False}],
        "cards": [{"id": "c1", "participant_id": "p1", "group_id": "g1", "column": "start", "text": "Secret plan",
                   "step_id": "s1"}],
        "clusters": [{"id": "k1", "name": "Plans", "position": 1, "group_id": None, "card_ids": ["c1"]}],
        "online": ["p1"], "feedback": {"nps": 50},
        "discussion": {"current_topic_id": None, "topics": [], "actions": [], "polls": [], "decisions": [],
                       **discussion},
        "server_time": 700.0,
    }


def topic_on(cluster_id: str) -> dict:
    return {"current_topic_id": "t1", "topics": [{"id": "t1", "title": "Plans", "cluster_id": cluster_id,
                                                  "timer": TIMER, "elmo": {"count": 1, "threshold": 2}}]}


def test_the_room_counts_writers_and_cards_but_names_no_author_and_reads_no_card():
    room = room_view(snapshot("collect"))
    assert room["groups"] == [{"id": "g1", "name": "Group 1", "members": 2, "writers": 1, "cards": 1, "shown": []}]
    shown = str(room)
    assert "Secret plan" not in shown and "p1" not in shown
    assert "Support" not in shown and "nps" not in shown  # facilitator-only facts


def test_each_group_on_the_room_screen_counts_only_its_own_people_and_cards():
    state = snapshot("collect")
    state["workshop"]["settings"] = {"blind_writing": False, "room_cards": True}
    state["groups"].append({"id": "g2", "name": "Group 2", "position": 2, "revealed": False})
    state["participants"].append({"id": "p3", "name": "Cy", "role": "Ops", "experience": "new", "group_id": "g2"})
    state["cards"] += [{"id": f"c{n}", "participant_id": "p3", "group_id": "g2", "column": "start", "text": f"Idea {n}",
                        "step_id": "s1"} for n in (2, 3)]
    groups = {g["id"]: g for g in room_view(state)["groups"]}
    assert [(g["members"], g["writers"], g["cards"]) for g in groups.values()] == [(2, 1, 1), (1, 1, 2)]
    assert [c["text"] for c in groups["g1"]["shown"]] == ["Secret plan"]
    assert [c["text"] for c in groups["g2"]["shown"]] == ["Idea 2", "Idea 3"]


@pytest.mark.parametrize("blind, revealed, shown", [(True, False, False), (True, True, True), (False, False, True)])
def test_cards_on_the_room_screen_when_chosen_never_while_blind(blind, revealed, shown):
    state = snapshot("collect")
    state["workshop"]["settings"] = {"blind_writing": blind, "room_cards": True}
    state["groups"][0]["revealed"] = revealed
    texts = [c["text"] for c in room_view(state)["groups"][0]["shown"]]
    assert texts == (["Secret plan"] if shown else [])


@pytest.mark.parametrize("kind, shown", [("cluster", False), ("vote", False), ("discuss", True), ("decide", True)])
def test_a_topics_cards_are_read_out_only_once_everyone_reads_every_card(kind, shown):
    room = room_view(snapshot(kind, **topic_on("k1")))
    assert room["topic"]["cards"] == (["Secret plan"] if shown else [])


def test_an_open_rounds_answers_stay_hidden():
    poll = {"id": "q", "created_at": 1.0, "rounds": [{"number": 1, "proposal": "Ship", "open": True, "answered": 1,
                                                      "result": None, "distribution": {"90": 1}}]}
    room = room_view(snapshot("decide", polls=[poll]))
    assert room["poll"]["answered"] == 1 and "distribution" not in room["poll"]


def test_the_room_shows_pillars_with_snippets_and_only_presented_objectives():
    state = snapshot("okrs")
    state["agenda"]["steps"][0]["works_on"] = "p0"
    state["pillars"] = [{"id": "P", "step_id": "p0", "name": "People", "description": "Why", "position": 1,
                         "poll_id": None, "snippets": [{"id": "s", "text": "Zero distractions", "count": 2}],
                         "links": []}]
    kr = {"id": "k", "statement": "Fewer pings", "metric": "Pings", "unit": "h", "baseline": 10, "target": 2.5,
          "due": "2099-01-01", "owner": "Ann", "move": "10 h → 2.5 h"}
    state["okrs"] = {"teams": [], "objectives": [
        {"id": o, "step_id": "s1", "pillar_id": "P", "group_id": "g1", "text": text, "horizon": "1y",
         "horizon_label": "1 year", "state": st, "note": "", "key_results": [kr]}
        for o, text, st in (("o1", "Shown focus", "presented"), ("o2", "Hidden draft", "draft"))]}
    room = room_view(state)
    (pillar,) = room["strategy"]["pillars"]
    assert pillar["snippets"] == [{"text": "Zero distractions", "count": 2}]
    assert [o["text"] for o in pillar["objectives"]] == ["Shown focus"]
    assert pillar["objectives"][0]["key_results"] == [
        {"statement": "Fewer pings", "metric": "Pings", "owner": "Ann", "move": "10 h → 2.5 h"}]
    assert "Hidden draft" not in str(room)


def test_the_room_shows_the_running_steps_elmos_against_the_threshold_and_its_time_box():
    state = {**snapshot("pillars"), "step_elmo": {"step_id": "s1", "mine": False,
                                                  "elmo": {"count": 2, "threshold": 2, "present": 4, "move_on": True}}}
    state["agenda"]["steps"][0]["settings"] = {"elmo_percent": 50}
    room = room_view(state)
    assert room["step_elmo"] == {"count": 2, "threshold": 2, "present": 4, "move_on": True, "percent": 50}
    assert (room["step"]["planned_minutes"], room["step"]["started_at"]) == (10, 100.0)
    assert room_view(snapshot("collect"))["step_elmo"] is None


def clustering(**step) -> dict:
    """A cluster step with five cards: c1–c4 in cluster k1 (in that order), c5 loose."""
    state = snapshot("cluster")
    state["agenda"]["steps"][0].update(step)
    state["cards"] = [{"id": f"c{n}", "participant_id": "p1", "group_id": "g1", "column": "start",
                       "text": f"Idea {n}", "step_id": "s1"} for n in range(1, 6)]
    state["clusters"][0]["card_ids"] = ["c4", "c2", "c1", "c3"]
    return state


def test_while_the_room_clusters_each_cluster_reads_out_its_first_cards_and_the_loose_ones_come_apart():
    room = room_view(clustering())
    assert room["clusters"] == [{"id": "k1", "name": "Plans", "group_id": None, "cards": 4,
                                 "shown": ["Idea 4", "Idea 2", "Idea 1"]}]
    assert room["unclustered"] == {"cards": 1, "shown": ["Idea 5"]}
    assert "p1" not in str(room) and "Ann" not in str(room["clusters"])


# A cluster step in groups, as the agenda's public form has it; a group-only one; another step.
@pytest.mark.parametrize("kind, step", [("cluster", {"in_groups": True, "group_only": True}),
                                        ("cluster", {"group_only": True}), ("vote", {})])
def test_cluster_cards_stay_off_the_room_unless_everyone_clusters_the_room_together(kind, step):
    state = clustering(**step)
    state["agenda"]["steps"][0]["kind"] = kind
    room = room_view(state)
    assert room["clusters"][0]["shown"] == [] and room["unclustered"] is None
    assert "Idea" not in str(room)


def test_a_board_of_carried_top_items_counts_only_those_as_loose():
    state = clustering()
    state["clusters"][0]["card_ids"] = ["c1"]
    state["board"] = {"step_id": "s1", "in_groups": False,
                      "carried": {"step_id": "v", "items": [{"group_id": "g1", "dots": 3, "card_ids": ["c1", "c3"]}]}}
    assert room_view(state)["unclustered"] == {"cards": 1, "shown": ["Idea 3"]}
