"""Regression tests for foundation bugs found by the reliability suite."""
from __future__ import annotations


def test_the_facilitator_can_reveal_every_groups_cards(make_workshop, facilitator_of, join):
    workshop = make_workshop()  # blind writing on
    facilitator = facilitator_of(workshop)
    facilitator.call("phase:set", {"phase": "collect"})
    ann, bob = join(workshop, "Ann"), join(workshop, "Bob")
    assert ann.add_card("hidden until revealed")["ok"]
    ack = facilitator.call("cards:reveal", {})
    assert ack["ok"] and ack["revealed_groups"] == [ann.group_id]
    revealed = bob.received("cards:revealed")
    assert [c["text"] for c in revealed[0]["cards"]] == ["hidden until revealed"]


def test_the_facilitator_can_form_groups_at_random(make_workshop, facilitator_of, join):
    workshop = make_workshop(group_size=2)
    facilitator = facilitator_of(workshop)
    people = [join(workshop, f"P{n}") for n in range(5)]
    ack = facilitator.call("groups:form", {"method": "random", "seed": 3})
    assert ack["ok"]
    sizes = sorted(sum(1 for p in ack["participants"] if p["group_id"] == g["id"]) for g in ack["groups"])
    assert sizes == [1, 2, 2]
    assert all(p.received("groups:formed") for p in people)


def test_an_event_with_more_than_one_argument_gets_an_error_ack(make_workshop, join):
    ann = join(make_workshop())
    ack = ann.client.emit("card:add", {}, {}, callback=True)
    assert ack["error"]["code"] == "invalid"
