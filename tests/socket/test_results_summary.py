"""A whole workshop driven over Socket.IO, then summarised and carried into the next stage."""
from __future__ import annotations

import pytest

from tests.conftest import new_id


def phase(facilitator, name):
    assert facilitator.call("phase:set", {"phase": name})["ok"]


@pytest.fixture
def decided(collecting, join):
    workshop, facilitator = collecting(title="Ops retro")
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    demo = ann.add_card("Weekly demo")["card"]["id"]
    sync = bo.add_card("Fewer syncs", column="stop")["card"]["id"]
    loose = bo.add_card("Keep pairing", column="continue")["card"]["id"]
    phase(facilitator, "cluster")
    demos, meetings = new_id(), new_id()
    assert facilitator.call("cluster:create", {"id": demos, "name": "Demos", "card_ids": [demo]})["ok"]
    assert facilitator.call("cluster:create", {"id": meetings, "name": "Meetings", "card_ids": [sync]})["ok"]
    phase(facilitator, "vote")
    assert facilitator.call("vote:open", {"id": new_id(), "dots_per_participant": 3, "max_per_item": 2})["ok"]
    for person, item in ((ann, demos), (ann, demos), (bo, demos), (bo, meetings), (bo, loose)):
        assert person.call("dot:place", {"id": new_id(), "item_id": item})["ok"]
    assert facilitator.call("vote:close", {})["ok"]
    phase(facilitator, "discuss")
    topic = new_id()
    assert facilitator.call("topic:save", {"id": topic, "title": "Demos", "cluster_id": demos, "planned": 300})["ok"]
    assert facilitator.call("topic:open", {"topic_id": topic})["ok"]
    assert ann.call("elmo:throw", {"topic_id": topic})["ok"]
    assert facilitator.call("action:save", {"id": new_id(), "topic_id": topic, "text": "Book a room",
                                            "owner": "Ann"})["ok"]
    phase(facilitator, "decide")
    poll = facilitator.call("poll:open", {"id": new_id(), "proposal": "Demo on Fridays", "topic_id": topic})["poll"]
    first = poll["rounds"][0]["id"]
    assert ann.call("poll:answer", {"round_id": first, "level": 50, "reason": "Fridays, no"})["ok"]
    assert bo.call("poll:answer", {"round_id": first, "level": 90})["ok"]
    assert facilitator.call("poll:close", {"round_id": first})["ok"]
    second = facilitator.call("poll:reword", {"poll_id": poll["id"], "proposal": "Demo on Thursdays"})["poll"]
    again = second["rounds"][1]["id"]
    for person in (ann, bo):
        assert person.call("poll:answer", {"round_id": again, "level": 90})["ok"]
    assert facilitator.call("poll:close", {"round_id": again})["ok"]
    return workshop


def summary_of(http, workshop):
    reply = http.get(f"/api/workshops/{workshop['id']}/summary",
                     headers={"Authorization": f"Bearer {workshop['facilitator_key']}"})
    return reply.json["summary"]


def test_summary_ranks_clusters_by_dots_with_their_cards(http, decided):
    summary = summary_of(http, decided)
    assert [(c["name"], c["dots"], c["rank"]) for c in summary["clusters"]] == [("Demos", 3, 1), ("Meetings", 1, 2)]
    assert [card["text"] for card in summary["clusters"][0]["cards"]] == ["Weekly demo"]
    assert summary["analytics"]["dots_cast"] == 5


def test_summary_keeps_the_time_box_log_elmos_actions_and_every_poll_round(http, decided):
    summary = summary_of(http, decided)
    (topic,) = summary["topics"]
    assert (topic["title"], topic["planned"], topic["elmos"], topic["cluster"]) == ("Demos", 300, 1, "Demos")
    assert [a["text"] for a in topic["actions"]] == ["Book a room"]
    (poll,) = summary["polls"]
    assert [r["result"] for r in poll["rounds"]] == ["not_yet", "commit"]
    assert summary["analytics"]["poll_rounds"] == [
        {"proposal": "Demo on Thursdays", "rounds": 2, "committed": True, "rounds_to_commit": 2}]


def test_markdown_export_holds_clusters_discussion_and_decisions_under_their_steps(http, decided):
    text = http.get(f"/api/workshops/{decided['id']}/export/markdown",
                    headers={"Authorization": f"Bearer {decided['facilitator_key']}"}).get_data(as_text=True)
    assert (text.index("## Step 3: Cluster") < text.index("### 1. Demos — 3 dots") < text.index("### 2. Meetings — 1 dot")
            < text.index("## Step 5: Discuss") < text.index("## Step 6: Decide"))
    decide = text.split("## Step 6: Decide")[1].split("## Step 7")[0]
    assert "### Demo on Thursdays — committed in round 2" in decide
    assert "- 50%: Fridays, no" in decide
    assert "Ann" not in decide  # poll reasons name no one
    assert "- Demo on Thursdays — committed in round 2" in text.split("## Decisions and actions")[1]


def test_next_stage_carries_the_top_clusters_with_their_cards_dots_and_origin(http, decided, facilitator_of):
    http.post("/api/organise/unlock", json={"keys": {decided["id"]: decided["facilitator_key"]}})
    made = http.post("/api/workshops/next", json={"title": "Consolidation", "from": [decided["id"]], "top": 1}).json
    assert (made["carried_clusters"], made["carried_cards"]) == (1, 1)
    summary = http.get(f"/api/workshops/{made['id']}/summary").json["summary"]
    (cluster,) = summary["clusters"]
    assert cluster["name"] == "Demos" and cluster["origin"]["source_title"] == "Ops retro"
    assert cluster["origin"]["dots"] == 3 and cluster["cards"][0]["origin"]["source_cluster"] == "Demos"
    state = facilitator_of(made).ack["state"]
    assert [c["name"] for c in state["clusters"]] == ["Demos"]
    assert state["origins"][cluster["id"]]["source_title"] == "Ops retro"
    text = http.get(f"/api/workshops/{made['id']}/export/markdown").get_data(as_text=True)
    assert "Carried from Ops retro (ranked 1 there, 3 dots)" in text


def test_json_round_trip_of_a_decided_workshop(http, decided, config, tmp_path):
    from workshop import create_app
    first = http.get(f"/api/workshops/{decided['id']}/export/json",
                     headers={"Authorization": f"Bearer {decided['facilitator_key']}"}).data
    other = create_app(config.__class__(db_path=str(tmp_path / "empty.db"), secret_key="other" * 7, testing=True))
    try:
        client = other.test_client()
        assert client.post("/api/workshops/import", data=first, content_type="application/json").status_code == 201
        again = client.get(f"/api/workshops/{decided['id']}/export/json",
                           headers={"Authorization": f"Bearer {decided['facilitator_key']}"}).data
    finally:
        other.extensions["bowtie"].store.close()
    assert again == first


def test_deleting_a_decided_workshop_leaves_no_row_behind(http, app, decided):
    http.post("/api/organise/unlock", json={"keys": {decided["id"]: decided["facilitator_key"]}})
    assert http.delete(f"/api/workshops/{decided['id']}", json={"confirm": decided["code"]}).json["ok"]
    store = app.extensions["bowtie"].store
    names = store.read(lambda tx: tx.db.table_names())
    left = {n: store.read(lambda tx: tx.one(f'SELECT COUNT(*) AS n FROM "{n}"'))["n"] for n in names if n != "meta"}
    assert left == {n: 0 for n in left}
