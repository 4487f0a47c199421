"""Moderation (issue 13, item 12): a troll's card taken down, a troll removed with
their cards and kept out, and the door locked to newcomers."""
from __future__ import annotations

import pytest

from tests.conftest import new_id


def bearer(workshop: dict) -> dict:
    return {"Authorization": f"Bearer {workshop['facilitator_key']}"}


def card_ids(person) -> list[str]:
    return [c["id"] for c in person.call("sync", {})["state"]["cards"]]


@pytest.fixture
def room(collecting, join):
    """Ann and Bo in one group, Cy in another, in collect; Ann wrote a troll card."""
    workshop, facilitator = collecting(group_size=2)
    ann, bo, cy = join(workshop, "Ann"), join(workshop, "Bo"), join(workshop, "Cy")
    troll = ann.add_card("an offensive card")["card"]
    for person in (facilitator, ann, bo, cy):
        person.received()
    return workshop, facilitator, ann, bo, cy, troll


@pytest.mark.parametrize("action", ["hide", "delete"])
def test_a_facilitator_takes_any_card_off_every_screen(room, action):
    workshop, facilitator, ann, bo, cy, troll = room
    ack = facilitator.call("card:moderate", {"card_id": troll["id"], "action": action})
    assert ack == {"ok": True, "card_id": troll["id"], "action": action}
    assert [m["card_id"] for m in bo.received("card:deleted")] == [troll["id"]]
    assert [m["card_id"] for m in ann.received("card:deleted")] == [troll["id"]]
    for person in (facilitator, ann, bo):
        assert troll["id"] not in card_ids(person)


def test_the_event_log_keeps_who_took_a_card_down_and_a_hidden_cards_text(room):
    workshop, facilitator, ann, bo, cy, troll = room
    since = facilitator.call("sync", {})["state"]["seq"]
    facilitator.call("card:moderate", {"card_id": troll["id"], "action": "hide"})
    record = facilitator.received("card:moderated")[0]
    assert record["action"] == "hide" and record["by"] == "facilitator"
    assert record["participant_id"] == ann.id and record["text"] == "an offensive card"
    # The record is the facilitators': a participant catching up never reads it.
    assert "card:moderated" not in [e["event"] for e in bo.call("sync", {"since": since})["events"]]
    assert "card:moderated" in [e["event"] for e in facilitator.call("sync", {"since": since})["events"]]


def test_a_deleted_card_leaves_no_text_in_the_log(room):
    workshop, facilitator, ann, bo, cy, troll = room
    facilitator.call("card:moderate", {"card_id": troll["id"], "action": "delete"})
    record = facilitator.received("card:moderated")[0]
    assert record["action"] == "delete" and "text" not in record


def test_a_card_taken_down_after_collect_leaves_every_group_and_the_exports(room, http):
    workshop, facilitator, ann, bo, cy, troll = room
    assert facilitator.call("phase:set", {"phase": "cluster"})["ok"]
    assert troll["id"] in card_ids(cy)  # from clustering on, everyone reads every card
    cy.received()
    assert facilitator.call("card:moderate", {"card_id": troll["id"], "action": "hide"})["ok"]
    assert [m["card_id"] for m in cy.received("card:deleted")] == [troll["id"]]
    assert troll["id"] not in card_ids(cy)
    markdown = http.get(f"/api/workshops/{workshop['id']}/export/markdown", headers=bearer(workshop))
    assert "an offensive card" not in markdown.get_data(as_text=True)
    dump = http.get(f"/api/workshops/{workshop['id']}/export/json", headers=bearer(workshop)).get_json()
    assert troll["id"] not in [c["id"] for c in dump["tables"]["cards"]]


def test_a_blind_card_taken_down_is_heard_by_its_author_only(collecting, join):
    workshop, facilitator = collecting(group_size=2, blind_writing=True)
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    troll = ann.add_card("blind and offensive")["card"]
    facilitator.call("card:moderate", {"card_id": troll["id"], "action": "hide"})
    assert [m["card_id"] for m in ann.received("card:deleted")] == [troll["id"]]
    assert bo.received("card:deleted") == []


def test_taking_a_card_down_twice_acks_and_an_unknown_action_is_refused(room):
    workshop, facilitator, ann, bo, cy, troll = room
    assert facilitator.call("card:moderate", {"card_id": troll["id"], "action": "burn"})["error"]["code"] == "invalid"
    assert facilitator.call("card:moderate", {"card_id": troll["id"], "action": "delete"})["ok"]
    bo.received()
    assert facilitator.call("card:moderate", {"card_id": troll["id"], "action": "delete"})["ok"]
    assert bo.received() == []


def test_removing_a_person_with_their_cards_takes_the_cards_down(room):
    workshop, facilitator, ann, bo, cy, troll = room
    second = ann.add_card("and another")["card"]
    ack = facilitator.call("participant:remove", {"participant_id": ann.id, "with_cards": True})
    assert ack == {"ok": True, "participant_id": ann.id, "cards_taken_down": 2}
    assert not ann.client.is_connected()
    assert {troll["id"], second["id"]} & set(card_ids(bo)) == set()
    assert card_ids(facilitator) == []


def test_removing_a_person_without_their_cards_leaves_the_cards(room):
    workshop, facilitator, ann, bo, cy, troll = room
    assert facilitator.call("participant:remove", {"participant_id": ann.id})["cards_taken_down"] == 0
    assert troll["id"] in card_ids(bo)


def test_a_removed_persons_browser_cannot_come_back_with_its_token(room, socketio, app):
    workshop, facilitator, ann, bo, cy, troll = room
    facilitator.call("participant:remove", {"participant_id": ann.id})
    back = socketio.test_client(app).emit("join", {"code": workshop["code"], "token": ann.ack["participant"]["token"],
                                                   "name": "Not Ann"}, callback=True)
    assert back["error"]["code"] == "forbidden"
    assert [p["name"] for p in facilitator.call("sync", {})["state"]["participants"]] == ["Bo", "Cy"]


def test_a_locked_workshop_refuses_newcomers_but_not_people_already_in(room, socketio, app):
    workshop, facilitator, ann, bo, cy, troll = room
    ack = facilitator.call("settings:change", {"settings": {"joining_locked": True}})
    assert ack["settings"]["joining_locked"] is True
    # Locking changes nothing anyone sees: no fresh snapshot for the whole room.
    assert bo.received("settings:changed")[0]["resync"] is False
    newcomer = socketio.test_client(app).emit("join", {"code": workshop["code"], "name": "Dee"}, callback=True)
    assert newcomer["error"]["code"] == "joining_locked"
    ann.client.disconnect()
    back = socketio.test_client(app).emit("join", {"code": workshop["code"], "token": ann.ack["participant"]["token"]},
                                          callback=True)
    assert back["ok"] and back["participant"]["id"] == ann.id
    facilitator.call("settings:change", {"settings": {"joining_locked": False}})
    assert socketio.test_client(app).emit("join", {"code": workshop["code"], "name": "Dee"}, callback=True)["ok"]


def test_a_facilitator_removes_several_people_at_once(room):
    workshop, facilitator, ann, bo, cy, troll = room
    ack = facilitator.call("participants:remove", {"participant_ids": [ann.id, cy.id], "with_cards": True})
    assert [r["participant_id"] for r in ack["removed"]] == [ann.id, cy.id]
    assert not ann.client.is_connected() and not cy.client.is_connected()
    assert sorted(m["participant_id"] for m in bo.received("participant:removed")) == sorted([ann.id, cy.id])
    assert [p["name"] for p in facilitator.call("sync", {})["state"]["participants"]] == ["Bo"]
    # A retry (or a second control screen) removes nobody twice.
    assert facilitator.call("participants:remove", {"participant_ids": [ann.id, cy.id]}) == {"ok": True, "removed": []}


def test_removing_several_with_an_unknown_id_removes_nobody(room):
    workshop, facilitator, ann, bo, cy, troll = room
    ack = facilitator.call("participants:remove", {"participant_ids": [ann.id, new_id()]})
    assert ack["error"]["code"] == "not_found"
    assert ann.client.is_connected()
    assert len(facilitator.call("sync", {})["state"]["participants"]) == 3
    assert facilitator.call("participants:remove", {"participant_ids": []})["error"]["code"] == "invalid"
