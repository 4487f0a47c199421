import pytest

from tests.conftest import new_id


def test_group_sees_a_new_card_and_another_group_does_not(collecting, join):
    workshop, facilitator = collecting(group_size=2)
    ann, bo, cy = join(workshop, "Ann"), join(workshop, "Bo"), join(workshop, "Cy")
    assert ann.group_id == bo.group_id != cy.group_id
    for person in (ann, bo, cy, facilitator):
        person.received()
    ack = ann.add_card("Weekly demo", "start")
    assert ack["ok"] and ack["card"]["text"] == "Weekly demo"
    assert [m["card"]["text"] for m in bo.received("card:added")] == ["Weekly demo"]
    assert [m["card"]["text"] for m in facilitator.received("card:added")] == ["Weekly demo"]
    assert cy.received() == []


def test_the_same_card_id_twice_stores_one_card(collecting, join):
    workshop, facilitator = collecting()
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    card_id = new_id()
    first = ann.add_card("Weekly demo", card_id=card_id)
    again = ann.add_card("Weekly demo", card_id=card_id)
    assert first == again
    assert len(bo.received("card:added")) == 1
    assert len(facilitator.call("sync", {})["state"]["cards"]) == 1


def test_someone_elses_card_id_is_a_conflict(collecting, join):
    workshop, _ = collecting()
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    card_id = new_id()
    ann.add_card("mine", card_id=card_id)
    assert bo.add_card("theirs", card_id=card_id)["error"]["code"] == "conflict"


def test_author_edits_and_deletes_their_card(collecting, join, facilitator_of):
    workshop, facilitator = collecting()
    ann = join(workshop, "Ann")
    card = ann.add_card("Weekly demo")["card"]
    edited = ann.call("card:edit", {"id": card["id"], "text": "Fortnightly demo"})
    assert edited["card"]["text"] == "Fortnightly demo"
    assert [c["text"] for c in facilitator.call("sync", {})["state"]["cards"]] == ["Fortnightly demo"]
    assert ann.call("card:delete", {"id": card["id"]}) == {"ok": True, "card_id": card["id"]}
    assert facilitator.call("sync", {})["state"]["cards"] == []


def test_group_receives_edit_and_delete_broadcasts(collecting, join):
    workshop, _ = collecting()
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    card = ann.add_card("Weekly demo")["card"]
    ann.call("card:edit", {"id": card["id"], "text": "Fortnightly demo"})
    ann.call("card:delete", {"id": card["id"]})
    received = bo.client.get_received()
    assert [m["name"] for m in received] == ["card:added", "card:edited", "card:deleted"]
    assert received[1]["args"][0]["card"]["text"] == "Fortnightly demo"
    assert received[2]["args"][0]["card_id"] == card["id"]


def test_nobody_changes_someone_elses_card(collecting, join):
    workshop, facilitator = collecting()
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    card = ann.add_card("Weekly demo")["card"]
    assert bo.call("card:edit", {"id": card["id"], "text": "hijacked"})["error"]["code"] == "not_your_card"
    assert bo.call("card:delete", {"id": card["id"]})["error"]["code"] == "not_your_card"
    assert [c["text"] for c in facilitator.call("sync", {})["state"]["cards"]] == ["Weekly demo"]


def test_deleting_twice_is_a_harmless_retry(collecting, join):
    workshop, _ = collecting()
    ann = join(workshop, "Ann")
    card = ann.add_card("Weekly demo")["card"]
    assert ann.call("card:delete", {"id": card["id"]})["ok"]
    assert ann.call("card:delete", {"id": card["id"]})["ok"]


@pytest.mark.parametrize("payload, code", [
    (None, "invalid"),
    ("just text", "invalid"),
    ({"column": "start", "text": "no id"}, "invalid"),
    ({"id": "not-a-uuid", "column": "start", "text": "x"}, "invalid"),
    ({"id": "ID", "column": "later", "text": "x"}, "invalid"),
    ({"id": "ID", "column": "start", "text": ""}, "invalid"),
    ({"id": "ID", "column": "start", "text": "   "}, "invalid"),
    ({"id": "ID", "column": "start", "text": "x" * 501}, "invalid"),
    ({"id": "ID", "column": "start", "text": "x" * 5000}, "invalid"),
    ({"id": "ID", "column": "start", "text": 42}, "invalid"),
    ({"id": "ID", "column": ["start"], "text": "x"}, "invalid"),
    ({"id": 7, "column": "start", "text": "x"}, "invalid"),
])
def test_bad_card_input_gets_a_clear_error_and_changes_nothing(collecting, join, payload, code):
    workshop, facilitator = collecting()
    ann = join(workshop, "Ann")
    if isinstance(payload, dict) and payload.get("id") == "ID":
        payload = {**payload, "id": new_id()}
    ack = ann.call("card:add", payload)
    assert ack["ok"] is False and ack["error"]["code"] == code and ack["error"]["message"]
    assert facilitator.call("sync", {})["state"]["cards"] == []
    assert ann.add_card("still works")["ok"]


def test_cards_wait_for_the_collect_phase(make_workshop, join, facilitator_of):
    workshop = make_workshop(blind_writing=False)
    ann = join(workshop, "Ann")
    assert ann.add_card("too early")["error"]["code"] == "wrong_phase"
    facilitator = facilitator_of(workshop)
    facilitator.call("phase:set", {"phase": "collect"})
    assert ann.add_card("now")["ok"]
    facilitator.call("phase:set", {"phase": "vote"})
    assert ann.add_card("too late")["error"]["code"] == "wrong_phase"


def test_blind_cards_reach_only_author_and_facilitator_until_revealed(make_workshop, join, facilitator_of):
    workshop = make_workshop(blind_writing=True)
    facilitator = facilitator_of(workshop)
    facilitator.call("phase:set", {"phase": "collect"})
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    facilitator.received()
    ann.add_card("secret idea")
    assert bo.received("card:added") == []
    assert [m["card"]["text"] for m in facilitator.received("card:added")] == ["secret idea"]
    assert bo.call("sync", {})["state"]["cards"] == []
    facilitator.call("cards:reveal", {"group_id": ann.group_id})
    revealed = bo.received("cards:revealed")
    assert [c["text"] for c in revealed[0]["cards"]] == ["secret idea"]
    ann.add_card("after the reveal")
    assert [m["card"]["text"] for m in bo.received("card:added")] == ["after the reveal"]


def test_another_group_hears_neither_the_edit_nor_the_delete(collecting, join):
    workshop, facilitator = collecting(group_size=2)
    ann, bo, cy = join(workshop, "Ann"), join(workshop, "Bo"), join(workshop, "Cy")
    assert ann.group_id == bo.group_id != cy.group_id
    for person in (facilitator, bo, cy):
        person.received()
    card = ann.add_card("Weekly demo")["card"]
    assert ann.call("card:edit", {"id": card["id"], "text": "Fortnightly demo"})["ok"]
    assert ann.call("card:delete", {"id": card["id"]})["ok"]
    assert [m["name"] for m in bo.client.get_received()] == ["card:added", "card:edited", "card:deleted"]
    # The facilitator also hears that Ann, by writing, is here in the step.
    assert [m["name"] for m in facilitator.client.get_received()] == ["presence:here", "card:added", "card:edited",
                                                                     "card:deleted"]
    assert cy.client.get_received() == []


def test_saving_a_card_unchanged_tells_nobody(collecting, join):
    workshop, facilitator = collecting()
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    card = ann.add_card("Weekly demo")["card"]
    for person in (facilitator, ann, bo):
        person.received()
    again = ann.call("card:edit", {"id": card["id"], "text": "Weekly demo"})
    assert again["card"] == card  # not even its updated_at moved
    for person in (facilitator, ann, bo):
        assert person.received() == []
