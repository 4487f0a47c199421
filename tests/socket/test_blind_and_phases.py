"""Blind writing and phases, enforced by the server."""
from __future__ import annotations

import json

import pytest

from tests.conftest import new_id

SECRET = "Our release process is a mess"


@pytest.fixture
def blind(make_workshop, facilitator_of, join):
    """Blind writing on; Ann and Bob share a group, Cy is in another; collecting."""
    workshop = make_workshop(group_size=2)
    facilitator = facilitator_of(workshop)
    ann, bob, cy = (join(workshop, name) for name in ("Ann", "Bob", "Cy"))
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    for person in (facilitator, ann, bob, cy):
        person.received()
    return workshop, facilitator, ann, bob, cy


def heard_text(person) -> str:
    """Everything a socket has received, as one string to search."""
    return json.dumps(person.client.get_received())


def test_blind_cards_never_reach_another_participants_socket(blind):
    _, facilitator, ann, bob, cy = blind
    seq_before = bob.call("sync", {})["state"]["seq"]
    assert ann.add_card(SECRET)["ok"]
    assert SECRET in heard_text(facilitator)
    assert SECRET in heard_text(ann)
    for other in (bob, cy):
        assert SECRET not in heard_text(other)
        assert SECRET not in json.dumps(other.call("sync", {}))
        assert SECRET not in json.dumps(other.call("sync", {"since": seq_before}))


def test_blind_writing_is_the_default_setting(blind):
    workshop, facilitator, *_ = blind
    assert facilitator.call("sync", {})["state"]["workshop"]["settings"]["blind_writing"] is True


def test_revealing_one_group_shows_its_cards_to_that_group_only(blind):
    _, facilitator, ann, bob, cy = blind
    ann.add_card(SECRET)
    ann.received()
    ack = facilitator.call("cards:reveal", {"group_id": ann.group_id})
    assert ack["ok"] and ack["revealed_groups"] == [ann.group_id]
    (revealed,) = bob.received("cards:revealed")
    assert [c["text"] for c in revealed["cards"]] == [SECRET]
    assert SECRET not in heard_text(cy)
    assert SECRET not in json.dumps(cy.call("sync", {}))


def test_after_a_reveal_new_cards_are_shared_within_the_group(blind):
    _, facilitator, ann, bob, cy = blind
    facilitator.call("cards:reveal", {"group_id": ann.group_id})
    bob.received()
    ann.add_card("Shared now")
    (added,) = bob.received("card:added")
    assert added["card"]["text"] == "Shared now"
    assert "Shared now" not in heard_text(cy)


def test_revealing_all_groups_at_once(blind):
    _, facilitator, ann, bob, cy = blind
    ann.add_card(SECRET)
    cy.add_card("Cy's idea")
    assert len(facilitator.call("cards:reveal", {})["revealed_groups"]) == 2
    assert SECRET in json.dumps(bob.call("sync", {}))
    assert "Cy's idea" not in json.dumps(bob.call("sync", {}))  # another group's card, still in collect


def test_from_the_cluster_phase_every_participant_reads_every_card(blind):
    _, facilitator, ann, bob, cy = blind
    ann.add_card(SECRET)
    facilitator.call("phase:set", {"phase": "cluster"})
    assert SECRET in json.dumps(cy.call("sync", {})["state"]["cards"])


def test_going_back_to_collect_hides_unrevealed_cards_again(blind):
    _, facilitator, ann, bob, cy = blind
    assert ann.add_card(SECRET)["ok"]
    assert facilitator.call("phase:set", {"phase": "cluster"})["ok"]
    assert SECRET in json.dumps(bob.call("sync", {}))
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    assert SECRET not in json.dumps(cy.call("sync", {}))
    assert SECRET not in json.dumps(bob.call("sync", {}))
    assert SECRET in json.dumps(ann.call("sync", {}))


def test_editing_a_blind_card_tells_only_its_author_and_the_facilitator(blind):
    _, facilitator, ann, bob, cy = blind
    card = ann.add_card("draft")["card"]
    for person in (facilitator, ann, bob, cy):
        person.received()
    assert ann.call("card:edit", {"id": card["id"], "text": SECRET})["ok"]
    assert [e["card"]["text"] for e in facilitator.received("card:edited")] == [SECRET]
    assert [e["card"]["text"] for e in ann.received("card:edited")] == [SECRET]
    for other in (bob, cy):
        assert SECRET not in heard_text(other)


def test_deleting_a_blind_card_tells_only_its_author_and_the_facilitator(blind):
    _, facilitator, ann, bob, cy = blind
    card = ann.add_card(SECRET)["card"]
    for person in (facilitator, ann, bob, cy):
        person.received()
    assert ann.call("card:delete", {"id": card["id"]})["ok"]
    assert [e["card_id"] for e in facilitator.received("card:deleted")] == [card["id"]]
    assert [e["card_id"] for e in ann.received("card:deleted")] == [card["id"]]
    for other in (bob, cy):
        assert other.received() == []


def test_a_reconnecting_control_screen_catches_up_on_blind_cards(blind):
    _, facilitator, ann, bob, cy = blind
    since = facilitator.call("sync", {})["state"]["seq"]
    card = ann.add_card(SECRET)["card"]
    assert ann.call("card:edit", {"id": card["id"], "text": SECRET + "!"})["ok"]
    missed = facilitator.call("sync", {"since": since})["events"]
    # Ann's first card in the step also counts her as here (presence:here).
    assert [e["event"] for e in missed] == ["presence:here", "card:added", "card:edited"]
    assert missed[2]["data"]["card"]["text"] == SECRET + "!"
    assert bob.call("sync", {"since": since})["events"] == []


@pytest.mark.parametrize("phase", ["lobby", "cluster", "vote", "discuss", "decide", "summary"])
def test_participant_cannot_write_cards_outside_collect(blind, phase):
    _, facilitator, ann, *_ = blind
    card = ann.add_card("Early bird")
    facilitator.call("phase:set", {"phase": phase})
    assert ann.add_card("Too late")["error"]["code"] == "wrong_phase"
    assert ann.call("card:edit", {"id": card["card"]["id"], "text": "changed"})["error"]["code"] == "wrong_phase"
    assert ann.call("card:delete", {"id": card["card"]["id"]})["error"]["code"] == "wrong_phase"
    assert [c["text"] for c in ann.call("sync", {})["state"]["cards"]] == ["Early bird"]


def test_every_screen_follows_the_phase_live(blind):
    _, facilitator, ann, bob, cy = blind
    assert facilitator.call("phase:set", {"phase": "cluster"})["phase"] == "cluster"
    for person in (facilitator, ann, bob, cy):
        (changed,) = person.received("phase:changed")
        assert (changed["phase"], changed["previous"]) == ("cluster", "collect")


def test_the_facilitator_may_go_back_a_phase(blind):
    _, facilitator, ann, *_ = blind
    for phase in ("vote", "cluster", "lobby"):
        assert facilitator.call("phase:set", {"phase": phase})["ok"]
    assert ann.call("sync", {})["state"]["workshop"]["phase"] == "lobby"


def test_only_the_facilitator_sets_the_phase(blind):
    _, facilitator, ann, *_ = blind
    assert ann.call("phase:set", {"phase": "vote"})["error"]["code"] == "forbidden"
    assert facilitator.call("phase:set", {"phase": "party"})["error"]["code"] == "invalid"
    assert ann.call("sync", {})["state"]["workshop"]["phase"] == "collect"


def test_an_unrelated_card_id_cannot_be_hijacked(blind):
    _, _, ann, bob, _ = blind
    card_id = new_id()
    assert ann.add_card(SECRET, card_id=card_id)["ok"]
    refused = bob.add_card("mine", card_id=card_id)
    assert refused["error"]["code"] == "conflict" and SECRET not in json.dumps(refused)


def test_a_phase_change_asks_for_a_snapshot_only_when_participants_see_other_cards(blind):
    _, facilitator, ann, *_ = blind
    steps = [("cluster", True), ("vote", False), ("discuss", False), ("collect", True), ("lobby", False)]
    for phase, resync in steps:
        ann.received()
        assert facilitator.call("phase:set", {"phase": phase})["ok"]
        (changed,) = ann.received("phase:changed")
        assert changed["resync"] is resync, phase


def test_catching_up_over_a_phase_change_that_keeps_the_cards_needs_no_snapshot(blind):
    _, facilitator, ann, *_ = blind
    facilitator.call("phase:set", {"phase": "cluster"})
    since = ann.call("sync", {})["state"]["seq"]
    facilitator.call("phase:set", {"phase": "vote"})
    caught_up = ann.call("sync", {"since": since})
    assert [(e["event"], e["data"]["phase"]) for e in caught_up["events"]
            if e["event"] == "phase:changed"] == [("phase:changed", "vote")]
    # Back across the line the cards a participant reads change: a snapshot.
    facilitator.call("phase:set", {"phase": "collect"})
    assert ann.call("sync", {"since": since})["state"]["workshop"]["phase"] == "collect"


def test_changing_a_setting_tells_every_screen(blind):
    _, facilitator, ann, bob, cy = blind
    assert facilitator.call("settings:change", {"settings": {"blind_writing": False}})["ok"]
    for person in (facilitator, ann, bob, cy):
        (changed,) = person.received("settings:changed")
        assert changed["settings"]["blind_writing"] is False


def test_catching_up_brings_an_author_their_own_blind_card(blind):
    _, _, ann, bob, _ = blind
    since = ann.call("sync", {})["state"]["seq"]
    card = ann.add_card(SECRET)["card"]
    missed = ann.call("sync", {"since": since})["events"]
    assert [(e["event"], e["data"].get("card", {}).get("id")) for e in missed] == [("presence:here", None),
                                                                                  ("card:added", card["id"])]
    assert bob.call("sync", {"since": since})["events"] == []
