"""The Socket.IO codec splices JSON encoded once (the board's cards every
participant's snapshot shares) into each message as it is."""
from __future__ import annotations

import json

import pytest
from socketio import packet

from workshop.json_text import JSONText, array
from workshop.realtime import wire


def test_shared_json_text_arrives_as_the_value_it_encodes():
    cards = array(['{"id":"c1","mine":false}', '{"id":"c2","mine":true}'])
    message = {"seq": 7, "cards": cards, "clusters": [{"card_ids": ["c1"]}], "empty": array([])}
    decoded = wire.loads(wire.dumps(message, separators=(",", ":")))
    assert decoded == {"seq": 7, "cards": [{"id": "c1", "mine": False}, {"id": "c2", "mine": True}],
                       "clusters": [{"card_ids": ["c1"]}], "empty": []}


def test_each_shared_part_lands_in_its_own_place():
    parts = [JSONText(str(n)) for n in range(12)]
    assert wire.loads(wire.dumps({"parts": parts})) == {"parts": list(range(12))}


def test_text_a_person_wrote_is_never_taken_for_a_splice():
    # Whatever a card says, it stays text: the splice marks are random per message.
    tricky = ["0", '"0', "\x000\x00", "{}", "[1]"]
    message = {"texts": tricky, "cards": array(['"shared"'])}
    assert wire.loads(wire.dumps(message)) == {"texts": tricky, "cards": ["shared"]}


def test_a_message_without_shared_parts_is_plain_json():
    message = {"ok": True, "text": "Demo weekly", "n": [1, 2.5, None]}
    assert wire.dumps(message, separators=(",", ":")) == json.dumps(message, separators=(",", ":"))


def test_what_json_cannot_encode_is_still_refused():
    with pytest.raises(TypeError):
        wire.dumps({"when": object()})


COMPACT = {"separators": (",", ":")}  # how python-socketio encodes every packet


def test_what_people_write_in_any_script_arrives_as_written():
    message = {"text": "Ärger über „Meetings“ — 会議を減らす 🙂", "cards": array(['"naïve"'])}
    assert wire.loads(wire.dumps(message, **COMPACT)) == {**message, "cards": ["naïve"]}


def test_a_number_the_fast_encoder_refuses_is_encoded_as_json_would():
    message = {"n": 2**70, "cards": array(["1"])}
    assert wire.loads(wire.dumps(message, **COMPACT)) == {"n": 2**70, "cards": [1]}


def test_a_socketio_packet_carries_shared_parts_as_a_plain_event():
    event = wire.Packet(packet.EVENT, data=["board:changed", {"cards": array(['{"id":"c1"}'])}], namespace="/")
    text = event.encode()
    assert text[0] == str(packet.EVENT)  # not a binary event awaiting attachments
    assert wire.loads(text[1:]) == ["board:changed", {"cards": [{"id": "c1"}]}]
