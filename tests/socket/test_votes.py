"""Dot voting over sockets: limits, idempotent dots, hidden totals, the ranking."""
from __future__ import annotations

from tests.conftest import new_id
from tests.socket.sorting import cluster
from workshop.store import votes as vote_store


def open_vote(b, **settings) -> dict:
    ack = b.facilitator.call("vote:open", {"id": new_id(), **settings})
    assert ack["ok"], ack
    for person in (b.facilitator, *b.people):
        person.received()
    return ack["vote"]


def voting(board, **settings):
    """Meetings clustered; the rest loose; phase vote; a vote open."""
    b = board()
    meetings = cluster(b.facilitator, b.cards["Too many meetings"], b.cards["Fewer meetings on Fridays"],
                       name="Meetings")["cluster"]
    b.to_phase("vote")
    vote = open_vote(b, **settings)
    items = {i["name"]: i["id"] for i in vote["items"]}
    assert items["Meetings"] == meetings["id"]
    return b, vote, items


def dot(person, item_id: str, dot_id: str | None = None) -> dict:
    return person.call("dot:place", {"id": dot_id or new_id(), "item_id": item_id})


def test_the_ballot_is_every_cluster_then_every_loose_card(board):
    _, vote, items = voting(board)
    assert [i["kind"] for i in vote["items"]] == ["cluster"] + ["card"] * 4
    assert set(items) == {"Meetings", "Weekly demo to customers", "More customer demos", "Pair programming",
                          "Coffee machine is broken"}
    assert vote["settings"] == {"dots_per_participant": 5, "max_per_item": 3, "own_items": True}


def test_participant_sees_their_dots_left(board):
    b, _, items = voting(board)
    ack = dot(b.people[0], items["Meetings"])
    assert ack["ok"] and ack["dots_left"] == 4
    assert [d["item_id"] for d in ack["dots"]] == [items["Meetings"]]
    (placed,) = b.people[0].received("dot:placed")
    assert placed["dots_left"] == 4


def test_the_same_dot_twice_counts_once(board):
    b, _, items = voting(board)
    dot_id = new_id()
    assert dot(b.people[0], items["Meetings"], dot_id)["dots_left"] == 4
    assert dot(b.people[0], items["Meetings"], dot_id)["dots_left"] == 4
    ranking = b.facilitator.call("vote:close", {})["vote"]["ranking"]
    assert ranking[0] == {**ranking[0], "name": "Meetings", "dots": 1}


def test_participant_cannot_overspend_dots(board):
    b, _, items = voting(board, dots_per_participant=2, max_per_item=2)
    ann = b.people[0]
    assert dot(ann, items["Meetings"])["ok"] and dot(ann, items["Pair programming"])["ok"]
    refused = dot(ann, items["Meetings"])
    assert refused["error"]["code"] == "no_dots_left"
    assert ann.call("sync", {})["state"]["my_dots"]["dots_left"] == 0


def test_participant_cannot_put_more_than_the_most_on_one_item(board):
    b, _, items = voting(board, max_per_item=1)
    ann = b.people[0]
    assert dot(ann, items["Meetings"])["ok"]
    assert dot(ann, items["Meetings"])["error"]["code"] == "too_many_on_item"


def test_own_items_can_be_closed_to_their_author(board):
    b, _, items = voting(board, own_items=False)
    ann, bob, _ = b.people
    assert dot(ann, items["Weekly demo to customers"])["error"]["code"] == "own_item"
    assert dot(bob, items["Weekly demo to customers"])["ok"]
    assert dot(ann, items["Meetings"])["ok"]  # Ann wrote one of its cards, Cy the other


def test_taking_back_a_dot_returns_it(board):
    b, _, items = voting(board)
    ann = b.people[0]
    placed = dot(ann, items["Meetings"])["dots"][0]
    ack = ann.call("dot:take_back", {"id": placed["id"]})
    assert ack["ok"] and ack["dots_left"] == 5 and ack["dots"] == []
    assert ann.call("dot:take_back", {"id": placed["id"]})["dots_left"] == 5  # a retry


def test_participant_cannot_vote_on_an_unknown_item(board):
    b, _, _ = voting(board)
    assert dot(b.people[0], new_id())["error"]["code"] == "not_found"
    assert b.people[0].call("sync", {})["state"]["my_dots"]["dots_left"] == 5


def test_participant_cannot_vote_before_the_vote_opens(board):
    b = board()
    item = b.cards["Pair programming"]
    assert dot(b.people[0], item)["error"]["code"] == "vote_closed"
    b.to_phase("vote")
    assert dot(b.people[0], item)["error"]["code"] == "vote_closed"


def test_participant_cannot_vote_after_close(board):
    b, _, items = voting(board)
    ann = b.people[0]
    placed = dot(ann, items["Meetings"])["dots"][0]
    assert b.facilitator.call("vote:close", {})["ok"]
    assert dot(ann, items["Meetings"])["error"]["code"] == "vote_closed"
    assert ann.call("dot:take_back", {"id": placed["id"]})["error"]["code"] == "vote_closed"
    assert b.facilitator.call("sync", {})["state"]["vote"]["ranking"][0]["dots"] == 1


def test_participant_cannot_vote_in_another_workshop(board, make_workshop, facilitator_of, join):
    b, _, items = voting(board)
    other = make_workshop("Other")
    other_facilitator = facilitator_of(other)
    outsider = join(other, "Dee")
    other_facilitator.call("phase:set", {"phase": "vote"})
    assert dot(outsider, items["Meetings"])["error"]["code"] == "vote_closed"
    dot_id = new_id()
    assert dot(b.people[0], items["Meetings"], dot_id)["ok"]
    assert dot(outsider, items["Meetings"], dot_id)["error"]["code"] == "conflict"


def test_only_the_facilitator_opens_and_closes_votes(board):
    b = board()
    b.to_phase("vote")
    assert b.people[0].call("vote:open", {"id": new_id()})["error"]["code"] == "forbidden"
    assert b.people[0].call("vote:close", {})["error"]["code"] == "forbidden"
    assert b.facilitator.call("dot:place", {"id": new_id(), "item_id": new_id()})["error"]["code"] == "forbidden"


def test_a_vote_opens_only_in_the_vote_phase_and_one_at_a_time(board):
    b = board()
    assert b.facilitator.call("vote:open", {"id": new_id()})["error"]["code"] == "wrong_phase"
    b.to_phase("vote")
    first = {"id": new_id()}
    assert b.facilitator.call("vote:open", first)["ok"]
    assert b.facilitator.call("vote:open", first)["ok"]  # a retry
    assert b.facilitator.call("vote:open", {"id": new_id()})["error"]["code"] == "vote_closed"


def test_a_board_of_more_than_500_items_is_clustered_before_it_is_voted_on(board, app):
    b = board()
    loose = 500 + 1 - len(b.cards)

    def fill(tx):
        rows = [(new_id(), b.workshop["id"], None, None, "start", f"carried {n}", 0.0, 0.0) for n in range(loose)]
        tx.db.conn.executemany('INSERT INTO cards (id, workshop_id, participant_id, group_id, "column", text,'
                               " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    app.extensions["bowtie"].store.write(fill)
    b.to_phase("vote")
    refused = b.facilitator.call("vote:open", {"id": new_id()})
    assert refused["error"]["code"] == "invalid"
    assert "at most 500 items and this board has 501: cluster the cards first" in refused["error"]["message"]
    assert [p.received("vote:opened") for p in (b.facilitator, *b.people)] == [[], [], [], []]
    b.to_phase("cluster")
    assert cluster(b.facilitator, b.cards["Too many meetings"], b.cards["Fewer meetings on Fridays"])["ok"]
    b.to_phase("vote")
    assert len(open_vote(b)["items"]) == 500


def test_bad_vote_settings_are_refused(board):
    b = board()
    b.to_phase("vote")
    for settings in ({"dots_per_participant": 0}, {"max_per_item": 9}, {"dots_per_participant": "5"}):
        assert b.facilitator.call("vote:open", {"id": new_id(), **settings})["error"]["code"] == "invalid"
    assert b.facilitator.call("sync", {})["state"]["vote"] is None


def test_totals_never_reach_a_participant_before_close(board):
    b, _, items = voting(board)
    ann, bob, cy = b.people
    since = cy.call("sync", {})["state"]["seq"]
    dot(ann, items["Meetings"])
    dot(bob, items["Meetings"])
    for person, own_dots in ((ann, 1), (bob, 1), (cy, 0)):
        heard = [m for m in person.client.get_received() if m["name"] != "presence:here"]  # "you are here": theirs
        assert [m["name"] for m in heard] == ["dot:placed"] * own_dots  # their own dot only
        assert all(len(m["args"][0]["dots"]) == 1 for m in heard)
        state = person.call("sync", {})["state"]
        assert state["vote"]["ranking"] is None and "vote_progress" not in state
    assert cy.call("sync", {"since": since})["events"] == []  # catching up tells nothing either
    progress = b.facilitator.received("vote:progress")
    assert progress[-1] == {**progress[-1], "voters": 2, "dots": 2}
    assert b.facilitator.call("sync", {})["state"]["vote"]["ranking"] is None


def test_close_ranks_items_with_ties_and_everyone_sees_the_ranking(board):
    b, vote, items = voting(board)
    ann, bob, cy = b.people
    for person, name in ((ann, "Meetings"), (bob, "Meetings"), (cy, "Pair programming"), (ann, "Pair programming"),
                         (bob, "Coffee machine is broken")):
        assert dot(person, items[name])["ok"]
    closed = b.facilitator.call("vote:close", {"vote_id": vote["id"]})["vote"]
    ranked = [(r["name"], r["dots"], r["rank"]) for r in closed["ranking"]]
    assert ranked == [("Meetings", 2, 1), ("Pair programming", 2, 1), ("Coffee machine is broken", 1, 3),
                      ("Weekly demo to customers", 0, 4), ("More customer demos", 0, 4)]
    for person in (b.facilitator, *b.people):
        (heard,) = person.received("vote:closed")
        assert heard["vote"]["ranking"] == closed["ranking"]
        assert person.call("sync", {})["state"]["vote"]["ranking"] == closed["ranking"]
    assert b.facilitator.call("vote:close", {})["vote"]["ranking"] == closed["ranking"]  # closing twice


def test_after_close_the_progress_figures_are_none_and_vote_closed_carries_the_last(board, app):
    # A paced vote:progress may come due just after the vote closed: it reads
    # open_progress, which says nothing once the vote is closed; vote:closed
    # carried the final counts.
    b, _, items = voting(board)
    dot(b.people[0], items["Meetings"])
    store = app.extensions["bowtie"].store
    assert store.read(vote_store.open_progress, b.workshop["id"])["voters"] == 1
    assert b.facilitator.call("vote:close", {})["ok"]
    (closed,) = b.facilitator.received("vote:closed")
    assert (closed["voters"], closed["dots"]) == (1, 1)
    assert store.read(vote_store.open_progress, b.workshop["id"]) is None


def test_a_participant_cannot_take_back_another_persons_dot(board):
    b, _, items = voting(board)
    ann, bob, _ = b.people
    placed = dot(ann, items["Meetings"])["dots"][0]
    assert bob.call("dot:take_back", {"id": placed["id"]})["dots"] == []
    assert [d["id"] for d in ann.call("sync", {})["state"]["my_dots"]["dots"]] == [placed["id"]]
    assert b.facilitator.call("vote:close", {})["vote"]["ranking"][0]["dots"] == 1


def test_a_dot_retried_with_another_persons_dot_id_is_a_conflict(board):
    b, _, items = voting(board)
    ann, bob, _ = b.people
    placed = dot(ann, items["Meetings"])["dots"][0]
    assert dot(bob, items["Pair programming"], placed["id"])["error"]["code"] == "conflict"
    assert dot(bob, items["Meetings"], placed["id"])["error"]["code"] == "conflict"
    assert bob.call("sync", {})["state"]["my_dots"]["dots_left"] == 5
    ranking = {i["name"]: i["dots"] for i in b.facilitator.call("vote:close", {})["vote"]["ranking"]}
    assert (ranking["Meetings"], ranking["Pair programming"]) == (1, 0)


def test_moving_on_closes_the_vote_with_the_dots_placed_so_far(board):
    b, _, items = voting(board)
    ann, bob, _ = b.people
    placed = dot(ann, items["Meetings"])["dots"][0]
    assert dot(bob, items["Meetings"])["ok"] and dot(bob, items["Pair programming"])["ok"]
    for person in (b.facilitator, *b.people):
        person.received()
    b.facilitator.call("phase:set", {"phase": "discuss"})
    for person in (b.facilitator, *b.people):
        (closed,) = person.received("vote:closed")
        ranked = {i["name"]: (i["rank"], i["dots"]) for i in closed["vote"]["ranking"]}
        assert (ranked["Meetings"], ranked["Pair programming"]) == ((1, 2), (2, 1))
    assert ann.call("dot:take_back", {"id": placed["id"]})["error"]["code"] == "vote_closed"
    # The discuss step takes its topics from the ranking without a trip back to close the vote.
    topics = b.facilitator.call("topics:from_ranking", {"count": 2})
    assert [t["title"] for t in topics["topics"]] == ["Meetings", "Pair programming"]
    # Back in the vote step, the closed vote shows its ranking and a new one may be opened.
    b.to_phase("vote")
    assert ann.call("sync", {})["state"]["vote"]["status"] == "closed"
    assert b.facilitator.call("vote:open", {"id": new_id()})["ok"]


def test_closing_a_closed_vote_again_changes_and_announces_nothing(board):
    b, _, items = voting(board)
    dot(b.people[0], items["Meetings"])
    first = b.facilitator.call("vote:close", {})["vote"]
    for person in (b.facilitator, *b.people):
        person.received()
    again = b.facilitator.call("vote:close", {"vote_id": first["id"]})
    assert again["vote"] == first  # same ranking, same closing time
    assert b.facilitator.call("vote:close", {})["vote"] == first
    for person in (b.facilitator, *b.people):
        assert person.received("vote:closed") == []


def test_progress_counts_voters_once_however_many_dots(board, app):
    b, _, items = voting(board)
    ann, bob, _ = b.people
    for item in ("Meetings", "Pair programming", "Meetings"):
        dot(ann, items[item])
    dot(bob, items["Meetings"])
    counts = app.extensions["bowtie"].store.read(vote_store.open_progress, b.workshop["id"])
    assert (counts["voters"], counts["dots"]) == (2, 4)
    heard = b.facilitator.received("vote:progress")[-1]
    assert heard == counts  # derived figures: no seq, nothing stored


def test_opening_a_vote_shows_everyone_the_ballot_and_a_retry_opens_nothing_more(board):
    b = board()
    b.to_phase("vote")
    vote_id = new_id()
    opened = b.facilitator.call("vote:open", {"id": vote_id})["vote"]
    for person in (b.facilitator, *b.people):
        (heard,) = person.received("vote:opened")
        assert heard["vote"] == opened
    assert b.facilitator.call("vote:open", {"id": vote_id})["vote"] == opened
    assert b.people[0].received("vote:opened") == []


def test_a_voters_dots_come_back_in_the_order_placed_with_their_ids(board):
    b, _, items = voting(board)
    ann = b.people[0]
    first, second = new_id(), new_id()
    dot(ann, items["Meetings"], first)
    ack = dot(ann, items["Pair programming"], second)
    assert ack["dots"] == [{"id": first, "item_id": items["Meetings"]},
                           {"id": second, "item_id": items["Pair programming"]}]


def test_the_control_screen_snapshot_counts_voters_but_shows_no_dots(board):
    b, _, items = voting(board)
    dot(b.people[0], items["Meetings"])
    dot(b.people[1], items["Meetings"])
    state = b.facilitator.call("sync", {})["state"]
    assert (state["vote_progress"]["voters"], state["vote_progress"]["dots"]) == (2, 2)
    assert "my_dots" not in state


def test_closing_or_taking_back_without_a_vote_is_refused(board):
    b = board()
    b.to_phase("vote")
    assert b.facilitator.call("vote:close", {})["error"]["code"] == "vote_closed"
    assert b.people[0].call("dot:take_back", {"id": new_id()})["error"]["code"] == "vote_closed"


def test_closing_a_vote_that_is_not_this_workshops_is_not_found_and_closes_nothing(board):
    b, vote, _ = voting(board)
    assert b.facilitator.call("vote:close", {"vote_id": new_id()})["error"]["code"] == "not_found"
    assert b.facilitator.call("sync", {})["state"]["vote"]["status"] == "open"
