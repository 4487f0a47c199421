"""Two collect steps with different columns: cards go into the running collect
step's columns, and every screen is shown those columns, not the workshop's first."""
from __future__ import annotations

import pytest

from tests.conftest import new_id

FOUR_QUESTIONS = ["doing-well", "invest", "change", "opportunities"]
START_STOP_CONTINUE = ["start", "stop", "continue"]


def column_keys(agenda: dict) -> list[str]:
    return [c["key"] for c in agenda["card_template"]["columns"]]


def first_of_kind(agenda: dict, kind: str) -> dict:
    return next(s for s in agenda["steps"] if s["kind"] == kind)


@pytest.fixture
def two_collects(make_workshop, facilitator_of, join):
    """The Team retrospective with a second collect step (Four questions) right after the first."""
    workshop = make_workshop(blind_writing=False)
    facilitator = facilitator_of(workshop)
    ack = facilitator.call("agenda:add", {"id": new_id(), "kind": "collect", "title": "Look ahead", "position": 2,
                                          "settings": {"card_template": "four-questions", "blind_writing": False}})
    assert ack["ok"], ack
    ann = join(workshop, "Ann")
    return facilitator, ann, ack["agenda"]


def test_the_second_collect_step_takes_cards_in_its_own_columns_only(two_collects):
    facilitator, ann, agenda = two_collects
    first, second = (s for s in agenda["steps"] if s["kind"] == "collect")
    assert facilitator.call("agenda:go", {"step_id": first["id"]})["ok"]
    assert ann.add_card("Weekly demos", column="start")["ok"]
    assert ann.add_card("Customer visits", column="invest")["error"]["code"] == "invalid"

    assert facilitator.call("agenda:go", {"step_id": second["id"]})["ok"]
    assert ann.add_card("Customer visits", column="invest")["ok"]
    refused = ann.add_card("Weekly demos", column="start")
    assert refused["error"]["code"] == "invalid"
    assert "doing-well" in refused["error"]["message"]


def test_screens_are_shown_the_running_collect_steps_columns(two_collects):
    facilitator, ann, agenda = two_collects
    second = [s for s in agenda["steps"] if s["kind"] == "collect"][1]
    assert column_keys(ann.ack["state"]["agenda"]) == START_STOP_CONTINUE  # the lobby: the first collect's
    ann.received()
    assert facilitator.call("agenda:go", {"step_id": second["id"]})["ok"]
    assert column_keys(ann.received("agenda:changed")[-1]["agenda"]) == FOUR_QUESTIONS
    state = ann.call("sync", {})["state"]
    assert column_keys(state["agenda"]) == FOUR_QUESTIONS
    # The workshop's own template stays what it was, for clients that know no steps and for exports.
    assert [c["key"] for c in state["workshop"]["template"]["columns"]] == START_STOP_CONTINUE


def test_saving_these_columns_saves_the_running_collect_steps(two_collects):
    facilitator, _, agenda = two_collects
    second = [s for s in agenda["steps"] if s["kind"] == "collect"][1]
    assert facilitator.call("agenda:go", {"step_id": second["id"]})["ok"]
    saved = facilitator.call("card_template:save", {"title": "Our look ahead"})
    assert saved["ok"], saved
    assert [c["key"] for c in saved["template"]["columns"]] == FOUR_QUESTIONS


@pytest.fixture
def feelings_step(http, make_workshop, facilitator_of):
    """A workshop made with Start/Stop/Continue whose collect step writes into the library's "Feelings"."""
    made = http.post("/api/card-templates", json={"title": "Feelings", "columns": [{"title": "Glad"}]})
    assert made.status_code == 201
    workshop = make_workshop(blind_writing=False)
    facilitator = facilitator_of(workshop)
    collect = first_of_kind(facilitator.ack["state"]["agenda"], "collect")
    assert facilitator.call("agenda:settings", {"step_id": collect["id"],
                                                "settings": {"card_template": "feelings"}})["ok"]
    assert facilitator.call("agenda:go", {"step_id": collect["id"]})["ok"]
    return workshop


def archive(http, workshop: dict, archived: bool) -> None:
    headers = {"Authorization": f"Bearer {workshop['facilitator_key']}"}
    response = http.post(f"/api/workshops/{workshop['id']}/archive", json={"archived": archived}, headers=headers)
    assert response.status_code == 200, response.json


def test_a_card_template_a_workshops_collect_step_writes_into_is_not_deleted(http, feelings_step, join):
    refused = http.delete("/api/card-templates/feelings")
    assert refused.status_code == 409
    assert "a collect step of a workshop" in refused.json["error"]["message"]
    assert "Retro" not in refused.json["error"]["message"]  # other workshops stay private
    assert join(feelings_step, "Ann").add_card("Glad we met", column="glad")["ok"]


def test_a_collect_step_whose_library_template_is_gone_refuses_cards_plainly(http, feelings_step, join):
    archive(http, feelings_step, True)  # an archived workshop holds nothing back
    assert http.delete("/api/card-templates/feelings").status_code == 200
    archive(http, feelings_step, False)
    ann = join(feelings_step, "Ann")
    assert [c["key"] for c in ann.ack["state"]["agenda"]["card_template"]["columns"]] == START_STOP_CONTINUE
    refused = ann.add_card("Glad we met", column="glad")
    assert refused["error"]["code"] == "not_found" and "feelings" in refused["error"]["message"]
