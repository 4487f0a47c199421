"""The room's shared cards over HTTP: a snapshot that names them, the one response everyone
gets, and who may have it (docs/protocol.md, *Shared cards over HTTP*)."""
from __future__ import annotations

import gzip
import json

from tests.conftest import new_id

URL = "/api/workshops/{}/cards/shared"


def fetch(http, workshop_id: str, token: str | None, **headers):
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return http.get(URL.format(workshop_id), headers=headers)


def token_of(person) -> str:
    return person.ack["participant"]["token"]


def test_a_snapshot_with_shared_cards_names_them_and_the_fetch_completes_it(board, http, join):
    b = board()
    ann = b.people[0]
    inline = ann.call("sync", {})["state"]
    by_reference = ann.call("sync", {"shared_cards": True})["state"]
    mine = [c for c in inline["cards"] if c["mine"]]
    assert by_reference["cards"] == mine and len(mine) == 2
    assert by_reference["shared_cards"]["count"] == len(inline["cards"]) == 6
    response = fetch(http, b.workshop["id"], token_of(ann))
    assert response.status_code == 200
    assert response.headers["ETag"] == f'"{by_reference["shared_cards"]["etag"]}"'
    shared = response.get_json()
    assert all(not c["mine"] and "participant_id" not in c for c in shared)
    own = {c["id"]: c for c in by_reference["cards"]}
    assert [own.get(c["id"], c) for c in shared] == inline["cards"]
    rejoined = join(b.workshop, code=b.workshop["code"], token=token_of(ann), shared_cards=True)
    assert rejoined.ack["state"]["shared_cards"] == by_reference["shared_cards"]
    assert rejoined.ack["state"]["cards"] == mine


def test_every_participant_gets_the_same_bytes_compressed_when_asked(board, http):
    b = board()
    ann, _, cy = b.people
    plain = fetch(http, b.workshop["id"], token_of(ann))
    packed = fetch(http, b.workshop["id"], token_of(cy), **{"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert packed.headers["ETag"] == plain.headers["ETag"]


def test_the_etag_moves_with_the_cards_only(board, http):
    b = board()
    ann = b.people[0]
    etag = fetch(http, b.workshop["id"], token_of(ann)).headers["ETag"]
    cards = list(b.cards.values())
    assert b.facilitator.call("cluster:create", {"id": new_id(), "card_ids": cards[:2], "name": "Two"})["ok"]
    again = fetch(http, b.workshop["id"], token_of(ann), **{"If-None-Match": etag})
    assert again.status_code == 304  # clustering leaves the cards as they were
    b.to_phase("collect")
    assert ann.call("card:edit", {"id": b.cards["Weekly demo to customers"], "text": "Monthly demo"})["ok"]
    b.to_phase("cluster")
    changed = fetch(http, b.workshop["id"], token_of(ann), **{"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "Monthly demo" in [c["text"] for c in changed.get_json()]


def test_while_groups_work_on_their_own_cards_neither_snapshot_nor_fetch_shares_them(collecting, join, http):
    workshop, _ = collecting(group_size=2)
    ann, _, cy = (join(workshop, name) for name in ("Ann", "Bob", "Cy"))
    assert cy.add_card("Cy's own")["ok"]
    state = ann.call("sync", {"shared_cards": True})["state"]
    assert "shared_cards" not in state and state["cards"] == []
    refused = fetch(http, workshop["id"], token_of(ann))
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "wrong_phase"
    assert "Cy's own" not in refused.get_data(as_text=True)


def test_only_a_participant_of_the_workshop_still_in_it_may_fetch(board, http, make_workshop, join):
    b = board()
    ann, bob, _ = b.people
    other = join(make_workshop(title="Another"), "Dee")
    for token, code in ((None, "bad_token"), ("forged", "bad_token"), (token_of(other), "bad_token")):
        response = fetch(http, b.workshop["id"], token)
        assert (response.status_code, response.get_json()["error"]["code"]) == (403, code)
    assert b.facilitator.call("participant:remove", {"participant_id": bob.id})["ok"]
    removed = fetch(http, b.workshop["id"], token_of(bob))
    assert (removed.status_code, removed.get_json()["error"]["code"]) == (403, "forbidden")
    assert fetch(http, new_id(), token_of(ann)).status_code == 403  # a token names its own workshop only
    assert json.loads(fetch(http, b.workshop["id"], token_of(ann)).data)
