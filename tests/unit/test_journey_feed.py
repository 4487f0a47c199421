"""Feeding the next stage: who raised each item, and merging duplicates across sessions."""
from __future__ import annotations

import pytest

from workshop.domain import journey_feed as rules
from workshop.domain.errors import InvalidInput
from workshop.domain.next_stage import Carried, CarriedCard, top_material


def item(session: str, cluster: str, title: str, dots: int, raised_by: set) -> rules.FeedItem:
    card = CarriedCard(f"{session}-{cluster}-card", "start", title, "")
    material = Carried(session, session.title(), title, dots, 1, (card,), cluster)
    return rules.FeedItem(rules.item_key(material), material, frozenset(raised_by))


MUNICH = item("munich", "c1", "Customer demos", 5, {("munich", "g1", "ann"), ("munich", "g1", "bo"),
                                                      ("munich", "g2", "cy")})
MADRID = item("madrid", "c7", "More customer demos", 3, {("madrid", "g1", "ann"), ("madrid", "g1", "dee")})
MEETINGS = item("madrid", "c8", "Fewer meetings", 4, {("madrid", "g2", "eve")})


def test_counts_are_distinct_sessions_groups_and_people_each_within_its_session():
    # "ann" of Munich and "ann" of Madrid are two people; "g1" of each session two groups.
    assert rules.raised_counts(MUNICH.raised_by | MADRID.raised_by) == {"sessions": 2, "groups": 3, "people": 5}


def test_a_group_or_person_not_known_is_not_counted():
    assert rules.raised_counts({("s", "", ""), ("s", "g", "")}) == {"sessions": 1, "groups": 1, "people": 0}


def test_alike_items_of_different_sessions_are_suggested_for_merging():
    assert rules.suggest_merges([MUNICH, MADRID, MEETINGS]) == [[MUNICH.key, MADRID.key]]


def test_alike_items_of_one_session_are_not_suggested():
    same = item("munich", "c2", "More customer demos", 1, set())
    assert rules.suggest_merges([MUNICH, same]) == []


def test_a_merge_is_one_item_named_after_its_most_voted_part_with_everyone_who_raised_it():
    carried = rules.merged([MADRID, MEETINGS, MUNICH], [[MADRID.key, MUNICH.key]])
    assert [(m.title, len(m.parts)) for m in carried] == [("Customer demos", 2), ("Fewer meetings", 1)]
    assert carried[0].counts() == {"sessions": 2, "groups": 3, "people": 5}


def test_without_merges_every_item_goes_alone_in_order():
    assert [m.title for m in rules.merged([MUNICH, MADRID], None)] == ["Customer demos", "More customer demos"]


@pytest.mark.parametrize("merges", [
    [[MUNICH.key]], [[MUNICH.key, "nope"]], [[MUNICH.key, MADRID.key], [MADRID.key, MEETINGS.key]], "all", [["x", 1]],
])
def test_bad_merges_are_refused(merges):
    with pytest.raises(InvalidInput):
        rules.merged([MUNICH, MADRID, MEETINGS], merges)


def test_a_card_gathered_again_on_a_later_board_is_carried_once():
    # The all-hands agenda: a group's top cluster, then the whole room's cluster of the same cards.
    def cluster(cid: str, name: str, dots: int, card_ids: list[str]) -> dict:
        return {"id": cid, "name": name, "dots": dots, "rank": None,
                "cards": [{"id": c, "column": "start", "text": c, "group": "g1"} for c in card_ids]}
    summary = {"workshop": {"id": "w1", "title": "Munich all-hands"}, "clusters": [
        cluster("g-demos", "Customer demos", 2, ["a", "b"]), cluster("g-meet", "Fewer meetings", 0, ["c"]),
        cluster("r-demos", "Customer demos", 0, ["a", "b"]), cluster("r-more", "Demos and panels", 0, ["a", "d"])]}
    carried = top_material(summary, 5)
    assert [(m.title, [c.source_card_id for c in m.cards]) for m in carried] == [
        ("Customer demos", ["a", "b"]), ("Fewer meetings", ["c"]), ("Demos and panels", ["d"])]
    assert [m.title for m in top_material(summary, 2)] == ["Customer demos", "Fewer meetings"]
