"""Hostile imports (issue 13, items 16 and 17): every imported row passes the
rules of live input, and a bad file gets a 400 naming its first bad field,
with nothing stored."""
from __future__ import annotations

import copy
import json
from dataclasses import replace

import pytest

from workshop import create_app


@pytest.fixture
def export(collecting, join, http) -> dict:
    workshop, _ = collecting(title="Retro")
    ann = join(workshop, "Ann")
    assert ann.add_card("Demo weekly")["ok"]
    assert ann.add_card("Fewer meetings", column="stop")["ok"]
    response = http.get(f"/api/workshops/{workshop['id']}/export/json",
                        headers={"Authorization": f"Bearer {workshop['facilitator_key']}"})
    return response.json


@pytest.fixture
def empty_server(config, tmp_path):
    other = create_app(replace(config, db_path=str(tmp_path / "empty.db")))
    yield other
    other.extensions["bowtie"].store.close()


def workshops_on(app) -> int:
    return app.extensions["bowtie"].store.read(lambda tx: tx.one("SELECT COUNT(*) AS n FROM workshops"))["n"]


def with_origin(data: dict, rank) -> None:
    card = data["tables"]["cards"][0]
    data["tables"]["origins"] = [{"item_id": card["id"], "workshop_id": data["workshop"]["id"], "kind": "card",
                                  "source_workshop_id": None, "source_title": "Earlier", "source_item_id": None,
                                  "source_cluster": "", "source_group": "", "dots": 3, "rank": rank}]


# Each attack of the review, as a change to a genuine export, and the field the refusal must name.
ATTACKS = {
    "a 50,000-character title": (lambda d: d["workshop"].update(title="T" * 50_000), "workshop.title"),
    "a 200,000-character card": (lambda d: d["tables"]["cards"][0].update(text="c" * 200_000), "cards[0].text"),
    "an unknown column": (lambda d: d["tables"]["cards"][0].update(shoe_size=44), "cards[0].shoe_size"),
    "an unknown workshop field": (lambda d: d["workshop"].update(shoe_size=44), "workshop.shoe_size"),
    "group_size -3": (lambda d: d["workshop"]["settings"].update(group_size=-3), "workshop.settings"),
    "control characters": (lambda d: d["tables"]["participants"][0].update(name="Ann\x1b[31m\x07"),
                           "participants[0].name"),
    "created_at 'yesterday'": (lambda d: d["workshop"].update(created_at="yesterday"), "workshop.created_at"),
    "a card written 'yesterday'": (lambda d: d["tables"]["cards"][1].update(created_at="yesterday"),
                                   "cards[1].created_at"),
    "an id that is a path": (lambda d: d["workshop"].update(id=f"../workshops/{d['workshop']['id']}"), "workshop.id"),
    "a code padded by a space": (lambda d: d["workshop"].update(code=" " + d["workshop"]["code"]), "workshop.code"),
    "a code holding markup": (lambda d: d["workshop"].update(code="<b>AB</b>"), "workshop.code"),
    "a rank holding markup": (lambda d: with_origin(d, "<img src=x onerror=alert(1)>"), "origins[0].rank"),
    "a card in no column of the template": (lambda d: d["tables"]["cards"][0].update(column="<script>"),
                                            "cards[0].column"),
    "a negative position": (lambda d: d["tables"]["groups"][0].update(position=-1), "groups[0].position"),
    "an unknown phase": (lambda d: d["workshop"].update(phase="party"), "workshop.phase"),
    "a time that is not finite": (lambda d: d["tables"]["cards"][0].update(updated_at=1e308), "cards[0].updated_at"),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_hostile_import_is_a_400_naming_the_first_bad_field(export, empty_server, attack):
    change, field = ATTACKS[attack]
    data = copy.deepcopy(export)
    change(data)
    response = empty_server.test_client().post("/api/workshops/import", data=json.dumps(data),
                                               content_type="application/json")
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.json["error"]["message"].startswith(field + ":"), response.json
    assert workshops_on(empty_server) == 0


def test_duplicate_row_ids_in_one_import_are_a_400_not_a_500(export, empty_server):
    data = copy.deepcopy(export)
    data["tables"]["cards"].append(dict(data["tables"]["cards"][0]))
    response = empty_server.test_client().post("/api/workshops/import", data=json.dumps(data),
                                               content_type="application/json")
    assert response.status_code == 400
    assert response.json["error"]["message"].startswith("cards[2].id:")
    assert workshops_on(empty_server) == 0


def test_the_genuine_export_still_imports(export, empty_server):
    response = empty_server.test_client().post("/api/workshops/import", data=json.dumps(export),
                                               content_type="application/json")
    assert response.status_code == 201, response.json
    assert response.json["rows"]["cards"] == 2
