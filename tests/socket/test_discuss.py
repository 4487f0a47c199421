"""Topics, the stored time-box, Elmos, notes and actions over Socket.IO."""
import pytest

from tests.conftest import new_id


@pytest.fixture
def room(make_workshop, facilitator_of, join):
    """A workshop with a facilitator, three participants and an open topic."""
    workshop = make_workshop()
    facilitator = facilitator_of(workshop)
    people = [join(workshop, name) for name in ("Ann", "Bob", "Cy")]
    for person in people:  # present: connected and here (docs/protocol.md, "being here")
        assert person.call("presence:confirm")["ok"]
    topic_id = new_id()
    assert facilitator.call("topic:save", {"id": topic_id, "title": "Release cadence", "planned": 300})["ok"]
    assert facilitator.call("topic:open", {"topic_id": topic_id})["ok"]
    for person in (facilitator, *people):
        person.received()
    return workshop, facilitator, people, topic_id


def test_time_event_tells_the_server_clock(join, make_workshop, app, socketio):
    client = socketio.test_client(app)
    ack = client.emit("time", callback=True)
    assert ack["ok"] and ack["server_time"] > 1_600_000_000


def test_started_timer_reaches_every_screen_with_its_deadline(room):
    _, facilitator, people, topic_id = room
    ack = facilitator.call("timer:start", {"topic_id": topic_id, "seconds": 90})
    assert ack["ok"] and ack["timer"]["state"] == "running"
    assert ack["timer"]["deadline"] == pytest.approx(ack["server_time"] + 90, abs=1)
    heard = people[0].received("timer:changed")
    assert heard[-1]["timer"]["deadline"] == ack["timer"]["deadline"]


def test_timer_starts_with_the_planned_time_when_no_length_is_given(room):
    _, facilitator, _, topic_id = room
    ack = facilitator.call("timer:start", {"topic_id": topic_id})
    assert ack["timer"]["length"] == 300


def test_pause_resume_add_and_stop(room):
    _, facilitator, people, topic_id = room
    facilitator.call("timer:start", {"topic_id": topic_id, "seconds": 60})
    paused = facilitator.call("timer:pause", {"topic_id": topic_id})["timer"]
    assert paused["state"] == "paused" and 59 <= paused["remaining"] <= 60
    added = facilitator.call("timer:add", {"topic_id": topic_id, "seconds": 30})["timer"]
    assert 89 <= added["remaining"] <= 90
    resumed = facilitator.call("timer:resume", {"topic_id": topic_id})
    assert resumed["timer"]["deadline"] == pytest.approx(resumed["server_time"] + added["remaining"], abs=1)
    assert facilitator.call("timer:stop", {"topic_id": topic_id})["timer"]["state"] == "stopped"
    assert [m["action"] for m in people[1].received("timer:changed")] == ["start", "pause", "add", "resume", "stop"]


def test_participants_cannot_drive_the_timer(room):
    _, _, people, topic_id = room
    ack = people[0].call("timer:start", {"topic_id": topic_id, "seconds": 60})
    assert ack["error"]["code"] == "forbidden"


def test_pausing_an_idle_timer_is_refused(room):
    _, facilitator, _, topic_id = room
    assert facilitator.call("timer:pause", {"topic_id": topic_id})["error"]["code"] == "timer_state"


def test_only_the_current_topic_has_a_running_timer(room):
    _, facilitator, people, topic_id = room
    other = new_id()
    facilitator.call("topic:save", {"id": other, "title": "Onboarding"})
    assert facilitator.call("timer:start", {"topic_id": other, "seconds": 60})["error"]["code"] == "not_current_topic"
    facilitator.call("timer:start", {"topic_id": topic_id, "seconds": 60})
    opened = facilitator.call("topic:open", {"topic_id": other})
    assert opened["ok"]
    heard = people[0].received("topic:opened")[-1]
    assert heard["topic_id"] == other and heard["stopped"]["timer"]["state"] == "stopped"


def summary_topic(http, workshop) -> dict:
    reply = http.get(f"/api/workshops/{workshop['id']}/summary",
                     headers={"Authorization": f"Bearer {workshop['facilitator_key']}"})
    return reply.json["summary"]


@pytest.mark.parametrize("paused", [False, True])
def test_moving_to_the_next_step_stops_the_timer_so_time_spent_stops_growing(room, http, paused):
    workshop, facilitator, people, topic_id = room
    assert facilitator.call("phase:set", {"phase": "discuss"})["ok"]
    facilitator.call("timer:start", {"topic_id": topic_id, "seconds": 60})
    if paused:
        facilitator.call("timer:pause", {"topic_id": topic_id})
    assert facilitator.call("phase:set", {"phase": "summary"})["ok"]
    heard = people[0].received("timer:changed")[-1]
    assert (heard["topic_id"], heard["action"], heard["timer"]["state"]) == (topic_id, "stop", "stopped")
    (topic,) = summary_topic(http, workshop)["topics"]
    assert topic["timer_state"] == "stopped"


def test_an_elmo_taken_back_and_thrown_again_counts_once_in_the_summary(room, http):
    workshop, _, people, topic_id = room
    for event in ("elmo:throw", "elmo:withdraw", "elmo:throw"):
        assert people[0].call(event, {"topic_id": topic_id})["ok"]
    assert people[1].call("elmo:throw", {"topic_id": topic_id})["ok"]
    summary = summary_topic(http, workshop)
    assert summary["topics"][0]["elmos"] == 2
    assert len(summary["topics"][0]["elmo_log"]) == 3  # the log keeps every throw
    assert summary["analytics"]["elmos"] == 2


def test_one_elmo_per_person_per_topic(room):
    _, facilitator, people, topic_id = room
    first = people[0].call("elmo:throw", {"topic_id": topic_id})
    again = people[0].call("elmo:throw", {"topic_id": topic_id})
    assert first["elmo"]["count"] == 1 and again["elmo"]["count"] == 1
    assert [m["elmo"]["count"] for m in facilitator.received("elmo:changed")] == [1]


def test_an_elmo_can_be_taken_back_and_thrown_again(room):
    _, facilitator, people, topic_id = room
    people[0].call("elmo:throw", {"topic_id": topic_id})
    assert people[0].call("elmo:withdraw", {"topic_id": topic_id})["elmo"]["count"] == 0
    assert people[0].call("elmo:throw", {"topic_id": topic_id})["elmo"]["count"] == 1
    log = facilitator.received("elmo:changed")[-1]["elmo_log"]
    assert len(log) == 2 and log[0]["withdrawn_at"] and log[1]["withdrawn_at"] is None


def test_a_removed_persons_elmo_stops_counting(room):
    """Elmos are per person and capped by who can throw: "Elmos: 16 of 15" was possible."""
    _, facilitator, people, topic_id = room
    ann, bob, cy = people
    assert ann.call("elmo:throw", {"topic_id": topic_id})["ok"]
    assert bob.call("elmo:throw", {"topic_id": topic_id})["ok"]
    ann_id = ann.call("sync", {})["state"]["me"]["id"]
    assert facilitator.call("participant:remove", {"participant_id": ann_id})["ok"]
    topic = next(t for t in facilitator.call("sync", {})["state"]["discussion"]["topics"] if t["id"] == topic_id)
    assert topic["elmo"]["count"] == 1
    assert cy.call("elmo:throw", {"topic_id": topic_id})["elmo"]["count"] == 2


def test_move_on_is_signalled_past_half_of_those_present(room):
    _, facilitator, people, topic_id = room
    people[0].call("elmo:throw", {"topic_id": topic_id})
    people[1].call("elmo:throw", {"topic_id": topic_id})
    counts = [m["elmo"] for m in facilitator.received("elmo:changed")]
    assert counts[0] == {"count": 1, "threshold": 2, "present": 3, "move_on": False}
    assert counts[1]["move_on"] is True


def test_participants_see_the_elmo_count_but_no_names(room):
    _, _, people, topic_id = room
    people[0].call("elmo:throw", {"topic_id": topic_id})
    heard = people[2].received("elmo:changed")[-1]
    assert heard["elmo"]["count"] == 1
    assert people[0].id not in repr(heard) and "Ann" not in repr(heard)


def test_facilitator_can_fix_the_threshold(room):
    _, facilitator, people, topic_id = room
    people[0].call("elmo:throw", {"topic_id": topic_id})
    ack = facilitator.call("elmo:threshold", {"topic_id": topic_id, "threshold": 1})
    assert ack["elmo"]["move_on"] is True


def test_an_elmo_on_a_topic_not_under_discussion_is_refused(room):
    _, facilitator, people, _ = room
    other = new_id()
    facilitator.call("topic:save", {"id": other, "title": "Later"})
    assert people[0].call("elmo:throw", {"topic_id": other})["error"]["code"] == "not_current_topic"


def test_the_facilitator_throws_no_elmo(room):
    _, facilitator, _, topic_id = room
    assert facilitator.call("elmo:throw", {"topic_id": topic_id})["error"]["code"] == "forbidden"


def test_reload_shows_my_elmo_and_the_topic_log(room, join):
    workshop, _, people, topic_id = room
    people[0].call("elmo:throw", {"topic_id": topic_id})
    again = join(workshop, token=people[0].ack["participant"]["token"])
    discussion = again.ack["state"]["discussion"]
    assert discussion["my_elmos"] == [topic_id] and discussion["current_topic_id"] == topic_id
    topic = discussion["topics"][0]
    assert topic["planned"] == 300 and topic["elmo"]["count"] == 1 and len(topic["elmo_log"]) == 1
    assert again.ack["state"]["server_time"] > 0


def test_notes_are_edited_by_the_facilitator_and_heard_live(room):
    _, facilitator, people, topic_id = room
    ack = facilitator.call("notes:edit", {"topic_id": topic_id, "notes": {"situation": "Monthly", "obstacles": "CI"}})
    assert ack["notes"] == {"situation": "Monthly", "desired": "", "obstacles": "CI"}
    assert people[0].received("notes:changed")[-1]["notes"]["situation"] == "Monthly"


def test_participants_edit_notes_only_when_allowed(room):
    _, facilitator, people, topic_id = room
    change = {"topic_id": topic_id, "notes": {"desired": "Weekly"}}
    assert people[0].call("notes:edit", change)["error"]["code"] == "forbidden"
    facilitator.call("settings:change", {"settings": {"participants_edit_notes": True}})
    assert people[0].call("notes:edit", change)["ok"]


def test_actions_have_an_owner_and_an_optional_due_date(room):
    _, facilitator, people, topic_id = room
    action_id = new_id()
    ack = facilitator.call("action:save", {"id": action_id, "topic_id": topic_id, "text": "Draft the plan",
                                           "owner": "Bob", "due": "2026-12-01"})
    assert ack["action"]["owner"] == "Bob" and ack["action"]["due"] == "2026-12-01"
    done = facilitator.call("action:save", {"id": action_id, "topic_id": topic_id, "text": "Draft the plan",
                                            "owner": "Bob", "done": True})
    assert done["action"]["done"] is True and done["action"]["due"] is None
    assert [m["action"]["done"] for m in people[0].received("action:saved")] == [False, True]
    assert facilitator.call("action:delete", {"id": action_id})["ok"]
    assert people[0].received("action:deleted")[-1]["action_id"] == action_id


def test_an_action_without_owner_is_refused_and_nothing_changes(room):
    _, facilitator, people, topic_id = room
    ack = facilitator.call("action:save", {"id": new_id(), "topic_id": topic_id, "text": "x", "owner": "  "})
    assert ack["error"]["code"] == "invalid"
    assert people[0].received("action:saved") == []


def test_saving_a_topic_twice_with_the_same_id_makes_one_topic(room):
    _, facilitator, _, _ = room
    topic_id = new_id()
    for _ in range(2):
        assert facilitator.call("topic:save", {"id": topic_id, "title": "Hiring", "cluster_id": "c-7"})["ok"]
    state = facilitator.call("sync", {})["state"]["discussion"]
    assert [t["title"] for t in state["topics"]] == ["Release cadence", "Hiring"]
    assert state["topics"][1]["cluster_id"] == "c-7"


def test_changing_a_topic_title_keeps_its_planned_time_and_cluster(room):
    _, facilitator, _, _ = room
    topic_id = new_id()
    facilitator.call("topic:save", {"id": topic_id, "title": "Hiring", "cluster_id": "c-7", "planned": 420})
    renamed = facilitator.call("topic:save", {"id": topic_id, "title": "Hiring juniors"})["topic"]
    assert (renamed["title"], renamed["planned"], renamed["cluster_id"]) == ("Hiring juniors", 420, "c-7")
    untied = facilitator.call("topic:save", {"id": topic_id, "title": "Hiring juniors", "cluster_id": ""})["topic"]
    assert untied["cluster_id"] is None


@pytest.mark.parametrize("event, payload", [
    ("topic:save", {"id": "not-a-uuid", "title": "X"}),
    ("topic:save", {"id": "7d3c0c4e-9a57-4a3e-9d53-1f1f6f3f2b10", "title": "   "}),
    ("topic:save", {"id": "7d3c0c4e-9a57-4a3e-9d53-1f1f6f3f2b10", "title": "X", "planned": 0}),
    ("timer:start", {"topic_id": "CURRENT", "seconds": "ten"}),
    ("timer:start", {"topic_id": "CURRENT", "seconds": 86_401}),
    ("timer:add", {"topic_id": "CURRENT"}),
    ("elmo:threshold", {"topic_id": "CURRENT", "threshold": 0}),
    ("notes:edit", {"topic_id": "CURRENT", "notes": {"mood": "good"}}),
    ("notes:edit", {"topic_id": "CURRENT", "notes": "text"}),
    ("action:save", {"id": "7d3c0c4e-9a57-4a3e-9d53-1f1f6f3f2b10", "topic_id": "CURRENT", "text": "x",
                     "owner": "Bob", "due": "next week"}),
    ("topic:open", {"topic_id": "no-such-topic"}),
])
def test_bad_input_is_refused_and_changes_nothing(room, event, payload):
    _, facilitator, people, topic_id = room
    before = facilitator.call("sync", {})["state"]["discussion"]
    payload = {k: topic_id if v == "CURRENT" else v for k, v in payload.items()}
    ack = facilitator.call(event, payload)
    assert ack["ok"] is False and ack["error"]["code"] in {"invalid", "not_found", "timer_state"}
    assert facilitator.call("sync", {})["state"]["discussion"] == before
    assert people[0].received() == []


def test_someone_who_has_not_joined_throws_no_elmo(room, app, socketio):
    _, _, _, topic_id = room
    stranger = socketio.test_client(app)
    assert stranger.emit("elmo:throw", {"topic_id": topic_id}, callback=True)["error"]["code"] == "not_joined"


def test_timer_elmos_and_open_poll_survive_a_new_app_on_the_same_database(room, config):
    from workshop import create_app
    workshop, facilitator, people, topic_id = room
    timer = facilitator.call("timer:start", {"topic_id": topic_id, "seconds": 600})["timer"]
    people[0].call("elmo:throw", {"topic_id": topic_id})
    poll = facilitator.call("poll:open", {"id": new_id(), "proposal": "Ship weekly"})["poll"]
    people[1].call("poll:answer", {"round_id": poll["rounds"][0]["id"], "level": 90})
    restarted = create_app(config)
    try:
        client = restarted.extensions["socketio"].test_client(restarted)
        ack = client.emit("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]},
                          callback=True)
        topic = ack["state"]["discussion"]["topics"][0]
        assert topic["timer"]["deadline"] == timer["deadline"] and topic["timer"]["state"] == "running"
        assert topic["elmo"]["count"] == 1
        (round_,) = ack["state"]["discussion"]["polls"][0]["rounds"]
        assert round_["open"] and round_["answered"] == 1
        closed = client.emit("poll:close", {"round_id": round_["id"]}, callback=True)["poll"]["rounds"][0]
        assert closed["distribution"]["90"] == 1
    finally:
        restarted.extensions["bowtie"].store.close()


def discussion(person) -> dict:
    return person.call("sync", {})["state"]["discussion"]


def test_switching_topics_stops_a_paused_timer_too(room):
    _, facilitator, people, topic_id = room
    assert facilitator.call("timer:start", {"topic_id": topic_id, "seconds": 60})["ok"]
    assert facilitator.call("timer:pause", {"topic_id": topic_id})["ok"]
    other = new_id()
    assert facilitator.call("topic:save", {"id": other, "title": "Onboarding"})["ok"]
    assert facilitator.call("topic:open", {"topic_id": other})["ok"]
    heard = people[0].received("topic:opened")[-1]
    assert heard["stopped"]["topic_id"] == topic_id and heard["stopped"]["timer"]["state"] == "stopped"
    first = next(t for t in discussion(people[0])["topics"] if t["id"] == topic_id)
    assert first["timer"]["state"] == "stopped"


def test_switching_from_a_topic_whose_timer_never_ran_stops_nothing(room):
    _, facilitator, people, topic_id = room
    other = new_id()
    assert facilitator.call("topic:save", {"id": other, "title": "Onboarding"})["ok"]
    assert facilitator.call("topic:open", {"topic_id": other})["ok"]
    assert people[0].received("topic:opened")[-1]["stopped"] is None
    first = next(t for t in discussion(people[0])["topics"] if t["id"] == topic_id)
    assert first["timer"]["state"] == "idle"


def test_opening_the_current_topic_again_changes_nothing(room):
    _, facilitator, people, topic_id = room
    assert facilitator.call("timer:start", {"topic_id": topic_id, "seconds": 60})["ok"]
    people[2].client.disconnect()  # two of three still here
    for person in (facilitator, *people[:2]):
        person.received()
    again = facilitator.call("topic:open", {"topic_id": topic_id})
    assert again["ok"] and again["topic"]["timer"]["state"] == "running"
    assert again["topic"]["elmo"]["present"] == 3  # counted when the topic was opened
    for person in (facilitator, *people[:2]):
        assert person.received("topic:opened") == []
    assert discussion(facilitator)["topics"][0]["timer"]["state"] == "running"


def test_deleting_a_topic_removes_it_for_everyone_and_a_retry_is_harmless(room):
    _, facilitator, people, topic_id = room
    assert people[0].call("elmo:throw", {"topic_id": topic_id})["ok"]
    deleted = facilitator.call("topic:delete", {"id": topic_id})
    assert deleted == {"ok": True, "topic_id": topic_id}
    for person in (facilitator, *people):
        assert [m["topic_id"] for m in person.received("topic:deleted")] == [topic_id]
    state = discussion(people[0])
    assert state["topics"] == [] and state["current_topic_id"] is None
    assert facilitator.call("topic:delete", {"id": topic_id}) == {"ok": True, "topic_id": topic_id}
    assert facilitator.received("topic:deleted") == []
    assert people[0].call("elmo:throw", {"topic_id": topic_id})["error"]["code"] == "not_found"


def test_a_topic_id_of_another_workshop_is_a_conflict(room, make_workshop, facilitator_of):
    _, _, _, topic_id = room
    elsewhere = facilitator_of(make_workshop("Elsewhere"))
    assert elsewhere.call("topic:save", {"id": topic_id, "title": "Mine now"})["error"]["code"] == "conflict"
    assert discussion(elsewhere)["topics"] == []


def test_a_poll_on_a_deleted_topic_stays_without_its_topic(room):
    _, facilitator, _, topic_id = room
    poll_id = new_id()
    assert facilitator.call("poll:open", {"id": poll_id, "proposal": "Weekly", "topic_id": topic_id})["ok"]
    assert facilitator.call("topic:delete", {"id": topic_id})["ok"]
    (poll,) = discussion(facilitator)["polls"]
    assert poll["id"] == poll_id and poll["topic_id"] is None


def test_a_new_topic_gets_ten_minutes_and_goes_last_unless_placed(room):
    _, facilitator, _, topic_id = room
    last, first = new_id(), new_id()
    assert facilitator.call("topic:save", {"id": last, "title": "Onboarding"})["topic"]["planned"] == 600
    assert facilitator.call("topic:save", {"id": first, "title": "Hiring", "position": 0})["ok"]
    assert [t["id"] for t in discussion(facilitator)["topics"]] == [first, topic_id, last]


def test_saving_a_topic_unchanged_tells_nobody(room):
    _, facilitator, people, topic_id = room
    topic = facilitator.call("topic:save", {"id": topic_id, "title": "Release cadence", "planned": 300})
    assert topic["ok"] and topic["topic"]["title"] == "Release cadence"
    for person in (facilitator, *people):
        assert person.received("topic:saved") == []


def test_opening_a_topic_acknowledges_it_with_who_is_present(room):
    _, facilitator, _, _ = room
    other = new_id()
    assert facilitator.call("topic:save", {"id": other, "title": "Onboarding"})["ok"]
    opened = facilitator.call("topic:open", {"topic_id": other})["topic"]
    assert opened["id"] == other and opened["elmo"]["present"] == 3


def test_withdrawing_an_elmo_is_heard_and_acknowledged_as_no_longer_mine(room):
    _, facilitator, people, topic_id = room
    assert people[0].call("elmo:throw", {"topic_id": topic_id})["elmo"]["mine"] is True
    withdrawn = people[0].call("elmo:withdraw", {"topic_id": topic_id})["elmo"]
    assert withdrawn["mine"] is False and withdrawn["count"] == 0
    assert [m["elmo"]["count"] for m in facilitator.received("elmo:changed")] == [1, 0]


def test_the_elmo_threshold_follows_who_is_present_when_an_elmo_is_thrown(room):
    _, facilitator, people, topic_id = room
    people[2].client.disconnect()
    elmo = {"count": 1, "threshold": 1, "present": 2, "move_on": True}
    thrown = people[0].call("elmo:throw", {"topic_id": topic_id})["elmo"]
    assert thrown == {**elmo, "topic_id": topic_id, "mine": True}
    assert discussion(facilitator)["topics"][0]["elmo"] == elmo


@pytest.mark.parametrize("count, code", [(0, "invalid"), (51, "invalid"), (1, "conflict"), (50, "conflict")])
def test_the_agenda_takes_the_top_1_to_50_of_a_closed_vote(room, count, code):
    _, facilitator, _, _ = room
    assert facilitator.call("topics:from_ranking", {"count": count})["error"]["code"] == code
