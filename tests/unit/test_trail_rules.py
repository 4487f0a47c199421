"""The trail's rules on fixed rows: back from an objective to the cards people
wrote, forward from a card, names only where the workshop was not anonymous,
a deleted source still told, and bad starts refused."""
from __future__ import annotations

import pytest

from workshop.domain import trail as rules
from workshop.domain.errors import InvalidInput, NotFound
from workshop.domain.trail import Item, Origin, Rows, Workshop

BROAD = [
    Item("card", "c1", "broad", "Weekly customer demos", "Table 1", "Start", "Ann"),
    Item("card", "c2", "broad", "Demo to customers monthly", "Table 1", "Start", "Bo"),
    Item("card", "c3", "broad", "Too many meetings", "Table 2", "Stop", "Cy"),
    Item("cluster", "k1", "broad", "Customer demos"),
]
NARROW = [
    Item("card", "n1", "narrow", "Weekly customer demos", column="Start"),
    Item("card", "n2", "narrow", "Demo to customers monthly", column="Start"),
    Item("cluster", "m1", "narrow", "Customer demos"),
    Item("topic", "t1", "narrow", "Customer demos", parent="m1"),
]
OFFSITE = [
    Item("cluster", "o1", "offsite", "Customer demos"),
    Item("card", "p1", "offsite", "Weekly customer demos", column="Start"),
    Item("pillar", "pil", "offsite", "Customers first"),
    Item("objective", "obj", "offsite", "Customers see every release", column="6 months", parent="pil"),
    Item("statement", "s1", "offsite", "We delight customers", author="Dee", parent="step-v"),
    Item("sentence", "offsite:vision", "offsite", "Customers love what we ship", column="vision", parent="step-v"),
]
ORIGINS = [
    Origin("n1", "card", "broad", "All-hands", "c1", "Customer demos", "Table 1"),
    Origin("n2", "card", "broad", "All-hands", "c2", "Customer demos", "Table 1"),
    Origin("m1", "cluster", "broad", "All-hands", "k1", "Customer demos"),
    Origin("o1", "cluster", "narrow", "Leaders", "m1", "Customer demos"),
    Origin("p1", "card", "narrow", "Leaders", "n1", "Customer demos"),
]
MEMBERS = [("k1", "c1"), ("k1", "c2"), ("m1", "n1"), ("m1", "n2"), ("o1", "p1")]
LINKS = [("pil", "cluster", "o1"), ("pil", "card", "p1"), ("pil", "statement", "s1")]


def rows(anonymous: bool = False, **changes) -> Rows:
    workshops = {"broad": Workshop("broad", "All-hands", anonymous), "narrow": Workshop("narrow", "Leaders", True),
                 "offsite": Workshop("offsite", "Offsite", False)}
    made = {"workshops": workshops, "items": BROAD + NARROW + OFFSITE, "origins": ORIGINS, "members": MEMBERS,
            "pillar_links": LINKS, **changes}
    return Rows(**made)


def flat(nodes) -> list[tuple[str, str, str]]:
    """Every node of a tree as (kind, id, note), depth first."""
    out = []
    for n in nodes:
        out.append((n.kind, n.id, n.note))
        out += flat(n.children)
    return out


def test_an_objective_leads_back_through_every_stage_to_the_cards_people_wrote():
    found = rules.trail(rows(), "objective", "obj")
    (pillar,) = found.back
    assert (pillar.kind, pillar.text) == ("pillar", "Customers first")
    assert [(n.kind, n.id) for n in pillar.children] == [("cluster", "o1"), ("statement", "s1")]
    offsite_cluster = pillar.children[0]
    (narrow_cluster,) = offsite_cluster.children  # its one card came with the cluster: told under it
    (broad_cluster,) = narrow_cluster.children
    assert (broad_cluster.id, broad_cluster.workshop) == ("k1", "All-hands")
    assert [(c.text, c.group, c.column, c.author) for c in broad_cluster.children] == [
        ("Weekly customer demos", "Table 1", "Start", "Ann"), ("Demo to customers monthly", "Table 1", "Start", "Bo")]


def test_an_anonymous_workshop_names_no_author_on_the_trail():
    found = rules.trail(rows(anonymous=True), "objective", "obj")
    cards = [n for n in _all(found.back) if n.workshop_id == "broad" and n.kind == "card"]
    assert cards and all(c.author is None for c in cards)
    assert all(c.group == "Table 1" for c in cards)


def test_authors_show_only_for_the_workshops_the_asker_may_name():
    found = rules.trail(rows(), "objective", "obj", named=frozenset({"offsite"}))
    by_id = {n.id: n for n in _all(found.back)}
    assert by_id["c1"].author is None and by_id["s1"].author == "Dee"


def test_a_card_leads_forward_to_the_objective_it_ended_up_in():
    found = rules.trail(rows(), "card", "c1")
    assert ("objective", "obj", "") in flat(found.forward)
    assert ("topic", "t1", "") in flat(found.forward)
    assert found.back == ()  # a person wrote it


def test_every_item_appears_once_per_direction_a_second_way_to_it_is_shown_above():
    forward = flat(rules.trail(rows(), "card", "c1").forward)
    assert [n for n in forward if n[0] == "cluster" and n[1] == "m1"] == [
        ("cluster", "m1", ""), ("cluster", "m1", rules.REPEATED)]
    assert sum(1 for n in forward if n[0] == "objective") == 1


def test_a_merged_item_leads_back_to_its_first_source_cluster_and_to_the_cards_of_the_others():
    other = Item("card", "x1", "madrid", "Customers should see demos", "Table 9", "Start", "Eve")
    copy = Item("card", "n3", "narrow", "Customers should see demos", column="Start")
    found = rules.trail(rows(items=BROAD + NARROW + OFFSITE + [other, copy],
                             workshops={**rows().workshops, "madrid": Workshop("madrid", "Madrid", False)},
                             origins=ORIGINS + [Origin("n3", "card", "madrid", "Madrid", "x1", "Demos", "Table 9")],
                             members=MEMBERS + [("m1", "n3")]), "cluster", "m1")
    assert [(n.kind, n.id) for n in found.back] == [("cluster", "k1"), ("card", "n3")]
    assert [(n.id, n.workshop, n.author) for n in found.back[1].children] == [("x1", "Madrid", "Eve")]


def test_a_carried_card_leads_back_to_the_card_it_was_carried_from():
    (source,) = rules.trail(rows(), "card", "n1").back
    assert (source.id, source.author, source.workshop) == ("c1", "Ann", "All-hands")


def test_a_statement_leads_forward_to_the_committed_vision_and_back_from_it():
    forward = flat(rules.trail(rows(), "statement", "s1").forward)
    assert ("sentence", "offsite:vision", "") in forward and ("pillar", "pil", "") in forward
    back = rules.trail(rows(), "sentence", "offsite:vision").back
    assert [(n.id, n.author) for n in back] == [("s1", "Dee")]
    assert rules.trail(rows(), "sentence", "offsite:vision").start.label == "Vision"


def test_a_source_in_a_deleted_workshop_is_told_by_the_title_its_origin_kept():
    gone = [i for i in BROAD + NARROW + OFFSITE if i.workshop_id != "broad"]
    workshops = {k: v for k, v in rows().workshops.items() if k != "broad"}
    found = rules.trail(rows(items=gone, workshops=workshops), "topic", "t1")
    (cluster,) = found.back
    told = cluster.children[0]
    assert (told.kind, told.text, told.workshop, told.note) == ("cluster", "Customer demos", "All-hands",
                                                                 rules.DELETED)
    assert told.children == ()


def test_a_cycle_in_edited_rows_ends_with_shown_above():
    looping = ORIGINS + [Origin("c1", "card", "offsite", "Offsite", "p1")]
    found = rules.trail(rows(origins=looping), "card", "p1")
    assert ("card", "p1", rules.REPEATED) in flat(found.back)


@pytest.mark.parametrize("kind, item_id, error", [
    ("poll", "x", rules.BadTrailKind), (None, "x", rules.BadTrailKind), ("card", "", InvalidInput),
    ("card", 7, InvalidInput), ("card", "nope", rules.UnknownTrailItem)])
def test_a_bad_start_is_refused_with_its_own_error(kind, item_id, error):
    with pytest.raises(error):
        rules.trail(rows(), kind, item_id)


def test_an_item_outside_the_askers_workshops_is_as_unknown_as_none():
    with pytest.raises(NotFound):
        rules.trail(rows(), "card", "c1", within=frozenset({"offsite"}))


def test_the_index_lists_what_a_trail_may_start_from():
    (offsite,) = rules.starts(rows(), ["offsite"])
    assert [(i["kind"], i["id"]) for i in offsite["items"]] == [
        ("sentence", "offsite:vision"), ("pillar", "pil"), ("objective", "obj"), ("cluster", "o1")]


def _all(nodes):
    for n in nodes:
        yield n
        yield from _all(n.children)
