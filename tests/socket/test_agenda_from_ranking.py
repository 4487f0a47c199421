"""The discussion's agenda from the dot vote's ranking."""
from tests.conftest import new_id


def ranked_workshop(collecting, join):
    workshop, facilitator = collecting()
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    cards = {text: ann.add_card(text)["card"]["id"] for text in ("Demos", "Docs", "Coffee")}
    facilitator.call("phase:set", {"phase": "cluster"})
    cluster = facilitator.call("cluster:create", {"id": new_id(), "name": "Customer demos",
                                                  "card_ids": [cards["Demos"]]})
    assert cluster["ok"], cluster
    facilitator.call("phase:set", {"phase": "vote"})
    vote_id = facilitator.call("vote:open", {"id": new_id()})["vote"]["id"]
    vote_items = {i["name"]: i["id"] for i in facilitator.call("sync", {})["state"]["vote"]["items"]}
    for person, item in ((ann, "Customer demos"), (bo, "Customer demos"), (bo, "Docs")):
        assert person.call("dot:place", {"id": new_id(), "item_id": vote_items[item]})["ok"]
    assert facilitator.call("vote:close", {"vote_id": vote_id})["ok"]
    facilitator.call("phase:set", {"phase": "discuss"})
    return workshop, facilitator, ann


def test_top_places_of_the_ranking_become_topics_best_first(collecting, join):
    workshop, facilitator, ann = ranked_workshop(collecting, join)
    ack = facilitator.call("topics:from_ranking", {"count": 2, "planned": 300})
    assert [t["title"] for t in ack["topics"]] == ["Customer demos", "Docs"]
    assert all(t["planned"] == 300 for t in ack["topics"])
    agenda = ann.call("sync", {})["state"]["discussion"]["topics"]
    assert [t["title"] for t in agenda] == ["Customer demos", "Docs"]


def test_pressing_it_again_adds_nothing_twice(collecting, join):
    workshop, facilitator, _ = ranked_workshop(collecting, join)
    facilitator.call("topics:from_ranking", {"count": 1})
    again = facilitator.call("topics:from_ranking", {"count": 2})
    assert [t["title"] for t in again["topics"]] == ["Docs"]
    state = facilitator.call("sync", {})["state"]
    assert [t["title"] for t in state["discussion"]["topics"]] == ["Customer demos", "Docs"]


def test_no_agenda_before_a_vote_is_closed_and_participants_cannot_set_it(collecting, join):
    workshop, facilitator = collecting()
    ann = join(workshop, "Ann")
    assert facilitator.call("topics:from_ranking", {"count": 3})["error"]["code"] == "conflict"
    assert ann.call("topics:from_ranking", {"count": 3})["error"]["code"] == "forbidden"
    assert facilitator.call("topics:from_ranking", {"count": 0})["error"]["code"] == "invalid"
