"""From Cluster on every participant reads every card, encoded once for the room
(issue 17): each still reads their own cards as theirs and nobody's author, and
a change to the workshop is never hidden behind the copy shared by the room."""
from __future__ import annotations

import pytest


def bearer(workshop: dict) -> dict:
    return {"Authorization": f"Bearer {workshop['facilitator_key']}"}


def cards_of(person) -> dict[str, dict]:
    return {c["id"]: c for c in person.call("sync", {})["state"]["cards"]}


@pytest.fixture
def clustering(collecting, join):
    """Ann and Bo, one card each, in Cluster; Bo has read the board."""
    workshop, facilitator = collecting()
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    mine, theirs = ann.add_card("Demo weekly")["card"], bo.add_card("Fewer meetings")["card"]
    assert facilitator.call("phase:set", {"phase": "cluster"})["ok"]
    assert set(cards_of(bo)) == {mine["id"], theirs["id"]}
    return workshop, facilitator, ann, bo, mine, theirs


def test_each_participant_reads_their_own_cards_as_theirs_and_no_author(clustering):
    _, _, ann, bo, ann_card, bo_card = clustering
    for person, own, other in ((ann, ann_card, bo_card), (bo, bo_card, ann_card), (ann, ann_card, bo_card)):
        board = cards_of(person)
        assert board[own["id"]]["mine"] is True
        assert board[other["id"]]["mine"] is False
        assert all("participant_id" not in card for card in board.values())


def test_a_workshop_deleted_and_imported_again_shows_the_imported_cards(clustering, http, facilitator_of):
    """The same workshop id at the same seq with other cards: the copy shared by the room must not answer."""
    workshop, _, ann, bo, ann_card, _ = clustering
    read_at = bo.call("sync", {})["state"]["seq"]  # Bo's snapshot: the room's copy is of this seq
    export = http.get(f"/api/workshops/{workshop['id']}/export/json", headers=bearer(workshop)).json
    assert http.delete(f"/api/workshops/{workshop['id']}", headers=bearer(workshop),
                       json={"confirm": workshop["code"]}).status_code == 200
    for card in export["tables"]["cards"]:
        if card["id"] == ann_card["id"]:
            card["text"] = "Changed in the file"
    assert http.post("/api/workshops/import", json=export).status_code == 201
    facilitator = facilitator_of(workshop)
    for n in range(read_at - facilitator.ack["state"]["seq"]):  # the import started the log again
        assert facilitator.call("group:rename", {"group_id": ann.group_id, "name": f"Table {n}"})["ok"]
    again = bo.call("join", {"code": workshop["code"], "token": ann.ack["participant"]["token"]})
    assert again["ok"], again
    assert again["state"]["seq"] == read_at
    assert {c["id"]: c["text"] for c in again["state"]["cards"]}[ann_card["id"]] == "Changed in the file"

