"""A crash of the real server in the middle of a vote in groups loses no dot and
leaks no group's ballot: after the restart each group's vote is open, its dots
are there, more dots go to the right group's vote, and closing ranks each group."""
from .live import new_id


def test_restart_in_the_middle_of_a_vote_in_groups(server, clients):
    workshop = server.create_workshop(agenda="all-hands-collect", group_size=2, blind_writing=False)
    control = clients()
    steps = control.call("facilitate", {"workshop_id": workshop["id"],
                                        "key": workshop["facilitator_key"]})["state"]["agenda"]["steps"]
    step = {s["kind"]: s["id"] for s in reversed(steps)}  # the first step of each kind
    people = [clients() for _ in range(4)]
    joined = [p.call("join", {"code": workshop["code"], "name": f"Person {n}"}) for n, p in enumerate(people)]
    group_of = [j["participant"]["group_id"] for j in joined]
    assert len(set(group_of)) == 2
    assert control.call("agenda:go", {"step_id": step["collect"]})["ok"]
    cards = [p.call("card:add", {"id": new_id(), "column": "start", "text": f"Idea {n}"})["card"]["id"]
             for n, p in enumerate(people)]
    assert control.call("agenda:go", {"step_id": step["cluster"]})["ok"]
    assert control.call("agenda:go", {"step_id": step["vote"]})["ok"]
    opened = control.call("vote:open", {"id": new_id(), "dots_per_participant": 2, "max_per_item": 2})
    votes = {v["group_id"]: v for v in opened["votes"]}
    assert sorted(votes) == sorted(set(group_of))
    # Everyone puts one dot on the first card of their group.
    first_card = {g: cards[group_of.index(g)] for g in votes}
    for person, group in zip(people, group_of):
        assert person.call("dot:place", {"id": new_id(), "item_id": first_card[group]})["ok"]

    server.kill()
    server.start()

    control = clients()
    state = control.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["state"]
    assert {v["group_id"]: (v["status"], v["voters"]) for v in state["group_votes"]} == \
        {g: ("open", 2) for g in votes}
    again = clients()
    back = again.call("join", {"code": workshop["code"], "token": joined[0]["participant"]["token"]})["state"]
    assert back["vote"]["id"] == votes[group_of[0]]["id"]
    assert [d["item_id"] for d in back["my_dots"]["dots"]] == [first_card[group_of[0]]]
    assert again.call("dot:place", {"id": new_id(), "item_id": first_card[group_of[0]]})["ok"]
    closed = control.call("vote:close", {})["votes"]
    tops = {v["group_id"]: v["ranking"][0] for v in closed}
    assert {g: (top["id"], top["dots"]) for g, top in tops.items()} == {
        group_of[0]: (first_card[group_of[0]], 3),
        next(g for g in votes if g != group_of[0]): (first_card[next(g for g in votes if g != group_of[0])], 2)}
    assert again.wait_for("vote:closed")["vote"]["group_id"] == group_of[0]
