"""The agenda: editing steps, references between them, running them, and the errors that change nothing."""
from __future__ import annotations

import dataclasses
import json

import pytest

from workshop.domain.agenda import (
    DONE,
    PLANNED,
    RUNNING,
    Agenda,
    ConfirmNeeded,
    StepNotFound,
    StepOrder,
    changes_what_participants_see,
    new_step,
    step_from_dict,
)
from workshop.domain.errors import Conflict, InvalidInput, WrongPhase
from workshop.domain.steps import (
    BadReference,
    NotInThisStep,
    SettingLocked,
    UnknownStepKind,
)

T0 = 1_700_000_000.0


def agenda(*kinds: str) -> Agenda:
    """Steps with ids s1, s2, … of the given kinds, each working on the nearest earlier step that fits."""
    built = Agenda()
    for n, kind in enumerate(kinds, start=1):
        built = built.add(new_step(kind, f"s{n}"))
    return built


def retro() -> Agenda:
    return agenda("lobby", "collect", "cluster", "vote", "discuss", "decide", "summary")


def ids(a: Agenda) -> list[str]:
    return [s.id for s in a.steps]


def ran(a: Agenda, *ids_: str) -> Agenda:
    for n, id_ in enumerate(ids_):
        a = a.go_to(id_, T0 + 60 * n)
    return a


# -- making steps ---------------------------------------------------------------------

def test_a_new_step_takes_its_kinds_title_minutes_and_default_settings():
    step = new_step("vote", "v1")
    assert (step.title, step.planned_minutes, step.state, step.has_data) == ("Vote", 5, PLANNED, False)
    assert step.settings.dots_per_person == 5


def test_a_new_step_takes_what_the_facilitator_chose():
    step = new_step("vote", "v1", title="Vote in groups", minutes=8, settings={"scope": "groups", "top_n": 2})
    assert (step.title, step.planned_minutes, step.settings.scope, step.settings.top_n) == (
        "Vote in groups", 8, "groups", 2)


@pytest.mark.parametrize(("make", "error", "message"), [
    (lambda: new_step("party", "x"), UnknownStepKind, "unknown kind of step 'party'"),
    (lambda: new_step("vote", ""), InvalidInput, "step id is required"),
    (lambda: new_step("vote", "x", title=""), InvalidInput, "step title is required"),
    (lambda: new_step("vote", "x", title="t" * 81), InvalidInput, "step title is too long"),
    (lambda: new_step("vote", "x", minutes=-1), InvalidInput, "planned minutes must be a whole number from 0 to 480"),
    (lambda: new_step("vote", "x", minutes=481), InvalidInput, "planned minutes"),
    (lambda: new_step("vote", "x", minutes=2.5), InvalidInput, "planned minutes"),
    (lambda: new_step("vote", "x", settings={"dots_per_person": 0}), InvalidInput, "dots per person"),
])
def test_bad_steps_are_refused(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_a_step_comes_back_from_its_public_form_through_json_but_for_whether_it_holds_data():
    a = ran(retro(), "s1", "s2").record_data("s2")
    assert "has_data" not in a.step("s2").public()  # it changes with no event: screens never see it
    for step in a.steps:
        assert step_from_dict(json.loads(json.dumps(step.public()))) == dataclasses.replace(step, has_data=False)


@pytest.mark.parametrize(("data", "message"), [
    ("vote", "a step must be an object"),
    ({"kind": "vote", "id": "v", "state": "paused"}, "state is one of planned, running, done"),
    ({"kind": "vote", "id": "v", "started_at": "noon"}, "seconds since the epoch"),
])
def test_bad_stored_steps_are_refused(data, message):
    with pytest.raises(InvalidInput, match=message):
        step_from_dict(data)


# -- references -----------------------------------------------------------------------------

def test_steps_added_in_turn_work_on_the_nearest_earlier_step_that_fits():
    a = retro()
    assert [s.works_on for s in a.steps] == [None, None, "s2", "s3", "s4", None, None]


def test_a_whole_room_cluster_after_a_vote_in_groups_works_on_that_vote():
    a = Agenda()
    for step in (new_step("collect", "c"), new_step("cluster", "g", settings={"scope": "groups"}),
                 new_step("vote", "v", settings={"scope": "groups"}), new_step("cluster", "room")):
        a = a.add(step)
    assert [s.works_on for s in a.steps] == [None, "c", "g", "v"]


def test_a_step_that_needs_an_earlier_step_and_has_none_is_refused():
    with pytest.raises(BadReference, match="'Vote' works on an earlier cluster or collect step, and there is none"):
        agenda("lobby", "vote")


def test_a_step_may_name_the_step_it_works_on():
    a = agenda("collect", "collect").add(new_step("vote", "v", works_on="s1"))
    assert a.step("v").works_on == "s1"


@pytest.mark.parametrize(("works_on", "message"), [
    ("nowhere", "works on step 'nowhere', which is not in the agenda"),
    ("s3", "works on itself"),
    ("s1", "works on cluster or collect, not on a lobby step"),
])
def test_a_reference_to_a_missing_later_or_wrong_step_is_refused(works_on, message):
    with pytest.raises(BadReference, match=message):
        agenda("lobby", "collect").add(new_step("vote", "s3", works_on=works_on))


def test_a_reference_to_a_later_step_is_refused():
    a = agenda("lobby", "collect", "cluster")
    with pytest.raises(BadReference, match="works on 'Cluster', which comes after it"):
        a.add(new_step("vote", "v", works_on="s3"), position=2)


def test_what_a_step_works_on_can_be_changed_to_another_fitting_step_only():
    a = agenda("collect", "collect", "cluster")
    assert a.set_works_on("s3", "s1").step("s3").works_on == "s1"
    with pytest.raises(BadReference, match="must say which step it works on"):
        a.set_works_on("s3", None)


def test_a_step_holding_data_keeps_the_step_it_works_on():
    a = agenda("collect", "collect", "cluster").record_data("s3")
    assert a.set_works_on("s3", "s2").step("s3").works_on == "s2"  # sent again unchanged
    with pytest.raises(SettingLocked, match="what it works on cannot change"):
        a.set_works_on("s3", "s1")


def test_a_discussion_of_topics_by_hand_works_on_nothing():
    a = agenda("collect").add(new_step("discuss", "d", settings={"topics": "by_hand"}))
    assert a.step("d").works_on is None


def test_changing_settings_that_break_a_reference_is_refused():
    a = agenda("collect", "cluster", "vote")
    with pytest.raises(BadReference, match="vote in groups works on each group's own"):
        a.change_settings("s3", {"scope": "groups"})


# -- adding, removing, moving ---------------------------------------------------------------------

def test_a_step_is_added_at_a_position():
    a = agenda("lobby", "summary").add(new_step("collect", "c"), position=1)
    assert ids(a) == ["s1", "c", "s2"]


@pytest.mark.parametrize("position", [-1, 3, "1", 1.0])
def test_a_position_outside_the_agenda_is_refused(position):
    with pytest.raises(InvalidInput, match="position must be a whole number from 0 to 2"):
        agenda("lobby", "summary").add(new_step("collect", "c"), position=position)


def test_two_steps_cannot_share_an_id():
    with pytest.raises(Conflict, match="already has a step 's1'"):
        agenda("lobby").add(new_step("summary", "s1"))


def test_the_same_kind_may_appear_several_times():
    a = agenda("collect", "collect", "cluster", "vote", "cluster", "vote")
    assert [s.kind for s in a.steps].count("vote") == 2


def test_an_agenda_has_at_most_forty_steps():
    a = agenda(*["lobby"] * 40)
    with pytest.raises(InvalidInput, match="at most 40 steps"):
        a.add(new_step("lobby", "one-more"))


def test_a_step_without_data_is_removed_at_once():
    assert ids(retro().remove("s6")) == ["s1", "s2", "s3", "s4", "s5", "s7"]


def test_removing_a_step_that_holds_data_needs_confirmation_and_keeps_it_for_the_export():
    a = agenda("lobby", "collect", "summary").record_data("s2")
    with pytest.raises(ConfirmNeeded, match="'Collect' holds what people made"):
        a.remove("s2")
    after = a.remove("s2", confirm=True)
    assert ids(after) == ["s1", "s3"]
    assert [s.id for s in after.removed] == ["s2"]


def test_a_removed_steps_id_is_not_given_to_a_new_step():
    a = agenda("lobby", "collect", "summary").record_data("s2").remove("s2", confirm=True)
    with pytest.raises(Conflict, match="already has a step 's2'"):
        a.add(new_step("collect", "s2"))


def test_a_step_another_step_works_on_cannot_be_removed():
    with pytest.raises(BadReference, match="'Cluster' works on 'Collect'"):
        retro().remove("s2")


def test_the_running_step_cannot_be_removed():
    with pytest.raises(Conflict, match="'Lobby' is running"):
        ran(retro(), "s1").remove("s1")


def test_the_last_step_cannot_be_removed():
    with pytest.raises(Conflict, match="at least one step"):
        agenda("lobby").remove("s1")


def test_removing_an_unknown_step_is_refused():
    with pytest.raises(StepNotFound, match="no step 'zz'"):
        retro().remove("zz")


def test_a_planned_step_moves_to_any_place_that_keeps_references_earlier():
    assert ids(retro().move("s6", 1)) == ["s1", "s6", "s2", "s3", "s4", "s5", "s7"]
    assert ids(retro().move("s1", 6)) == ["s2", "s3", "s4", "s5", "s6", "s7", "s1"]


def test_a_step_cannot_move_before_the_step_it_works_on():
    with pytest.raises(BadReference, match="'Vote' works on 'Cluster', which comes after it"):
        retro().move("s4", 1)


def test_a_step_cannot_move_after_a_step_that_works_on_it():
    with pytest.raises(BadReference, match="'Vote' works on 'Cluster', which comes after it"):
        retro().move("s3", 4)


def test_the_running_step_cannot_be_moved_before_a_step_that_has_run():
    a = ran(agenda("lobby", "collect", "summary", "feedback"), "s1", "s3")
    with pytest.raises(StepOrder, match="has run: steps that have run keep their order"):
        a.move("s3", 0)


def test_a_step_that_has_run_cannot_be_moved_after_the_running_step():
    a = ran(agenda("lobby", "collect", "summary", "feedback"), "s1", "s3")
    with pytest.raises(StepOrder):
        a.move("s1", 3)


def test_planned_steps_move_around_the_running_one():
    a = ran(agenda("lobby", "collect", "summary", "feedback"), "s1", "s2")
    assert ids(a.move("s4", 2)) == ["s1", "s2", "s4", "s3"]
    assert ids(a.move("s2", 3)) == ["s1", "s3", "s4", "s2"]  # the running step may pass planned ones


def test_a_whole_new_order_is_checked_as_a_move():
    assert ids(retro().reorder(["s1", "s2", "s6", "s3", "s4", "s5", "s7"]))[2] == "s6"
    with pytest.raises(BadReference):
        retro().reorder(["s1", "s3", "s2", "s4", "s5", "s6", "s7"])


@pytest.mark.parametrize("order", [["s1"], ["s1", "s1", "s2", "s3", "s4", "s5", "s6"],
                                   ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"]])
def test_a_new_order_must_name_every_step_once(order):
    with pytest.raises(InvalidInput, match="every step of the agenda exactly once"):
        retro().reorder(order)


def test_steps_are_renamed_and_their_minutes_set_within_bounds():
    a = retro().rename("s3", "  Cluster in groups ").set_planned_minutes("s3", 0)
    assert (a.step("s3").title, a.step("s3").planned_minutes) == ("Cluster in groups", 0)
    with pytest.raises(InvalidInput, match="from 0 to 480"):
        a.set_planned_minutes("s3", 481)
    with pytest.raises(InvalidInput, match="step title is required"):
        a.rename("s3", "   ")


def test_settings_change_and_lock_once_the_step_holds_data():
    a = retro().change_settings("s4", {"dots_per_person": 3})
    assert a.step("s4").settings.dots_per_person == 3
    with pytest.raises(SettingLocked):
        a.record_data("s2").change_settings("s2", {"card_template": "four-questions"})


def test_a_failed_edit_leaves_the_agenda_as_it_was():
    a = retro()
    before = a.public()
    with pytest.raises(BadReference):
        a.move("s4", 0)
    assert a.public() == before


# -- running steps --------------------------------------------------------------------------------

def test_going_to_a_step_starts_it_and_closes_the_one_running():
    a = retro().go_to("s1", T0).go_to("s2", T0 + 300)
    lobby, collect = a.step("s1"), a.step("s2")
    assert (lobby.state, lobby.started_at, lobby.ended_at) == (DONE, T0, T0 + 300)
    assert (collect.state, collect.started_at, collect.ended_at) == (RUNNING, T0 + 300, None)
    assert a.current == collect and a.next_step.id == "s3"


def test_going_to_the_running_step_changes_nothing():
    a = retro().go_to("s1", T0)
    assert a.go_to("s1", T0 + 50) is a


def test_steps_may_be_skipped_and_gone_back_to():
    a = retro().go_to("s1", T0).go_to("s4", T0 + 60)
    assert a.step("s2").state == PLANNED
    back = a.go_to("s2", T0 + 120)
    assert back.step("s4").state == DONE and back.current.id == "s2"


def test_going_back_to_a_step_that_ran_keeps_its_first_start():
    a = retro().go_to("s2", T0).go_to("s3", T0 + 60).go_to("s2", T0 + 120)
    assert (a.step("s2").started_at, a.step("s2").ended_at, a.step("s2").state) == (T0, None, RUNNING)


def test_finishing_closes_the_running_step_and_nothing_runs_after():
    a = retro().go_to("s7", T0).finish(T0 + 10)
    assert a.current is None and a.step("s7").ended_at == T0 + 10
    assert a.finish(T0 + 20) is a


def test_before_anything_runs_the_next_step_is_the_first():
    assert retro().next_step.id == "s1" and retro().current is None


def test_going_to_an_unknown_step_is_refused():
    with pytest.raises(StepNotFound):
        retro().go_to("s9", T0)


# -- what the current step allows ---------------------------------------------------------------------

def test_the_transport_asks_the_current_step_what_is_allowed():
    a = ran(retro(), "s1", "s2")
    assert a.current.allows("write_cards")
    assert not a.current.allows("place_dots")
    a.current.require("write_cards", doing="write cards")
    with pytest.raises(NotInThisStep, match="cannot place dots during 'Collect'") as refused:
        a.current.require("place_dots", doing="place dots")
    assert isinstance(refused.value, WrongPhase) and refused.value.code == "wrong_phase"


def test_asking_for_a_capability_that_does_not_exist_is_a_programming_error():
    with pytest.raises(ValueError, match="no capability is called 'dance'"):
        retro().step("s2").allows("dance")


def test_the_public_step_tells_the_browser_what_each_side_may_do():
    public = retro().step("s4").public()
    assert "place_dots" in public["participants_may"] and "open_vote" in public["facilitator_may"]
    assert public["works_on"] == "s3" and public["group_only"] is False


@pytest.mark.parametrize(("one", "other", "changes"), [
    ("lobby", "collect", False),       # both read only one's group
    ("collect", "cluster", True),      # into the whole room
    ("cluster", "vote", False),
    ("collect", "cluster-groups", False),
    ("cluster-groups", "cluster", True),
])
def test_only_a_change_in_whose_cards_people_read_needs_a_fresh_snapshot(one, other, changes):
    def step(name: str):
        return new_step("cluster", "x", settings={"scope": "groups"}) if name == "cluster-groups" \
            else new_step(name, "x")
    assert changes_what_participants_see(step(one), step(other)) is changes


def test_the_first_step_always_needs_a_snapshot():
    assert changes_what_participants_see(None, new_step("lobby", "x"))


def test_adding_the_same_step_again_is_a_retry_that_changes_nothing():
    agenda = Agenda.wired([new_step("lobby", "a"), new_step("collect", "b")])
    once = agenda.add_once(new_step("cluster", "c"))
    assert once.add_once(new_step("cluster", "c")) == once


def test_a_new_step_may_not_take_the_id_of_a_step_of_another_kind():
    agenda = Agenda.wired([new_step("lobby", "a"), new_step("collect", "b")])
    with pytest.raises(Conflict):
        agenda.add_once(new_step("summary", "b"))


def test_a_step_may_only_name_a_card_template_the_server_has():
    agenda = Agenda.wired([new_step("lobby", "a"), new_step("collect", "b", settings={"card_template": "mine"})])
    assert agenda.check_card_templates({"mine", "start-stop-continue"}) is agenda
    with pytest.raises(InvalidInput, match="mine"):
        agenda.check_card_templates({"start-stop-continue"})


# -- found by mutation testing ----------------------------------------------------------

def test_a_blind_collect_step_says_so_and_an_open_one_does_not():
    blind = new_step("collect", "c1", settings={"blind_writing": True})
    open_ = new_step("collect", "c2", settings={"blind_writing": False})
    assert blind.blind is True and blind.public()["blind"] is True
    assert open_.blind is False


def test_an_agenda_takes_forty_steps_and_refuses_the_forty_first():
    full = agenda(*["lobby"] * 40)
    assert len(full.steps) == 40
    with pytest.raises(InvalidInput, match="at most 40"):
        full.add(new_step("summary", "one-too-many"))
    with pytest.raises(InvalidInput, match="at most 40"):
        Agenda.of([*full.steps, new_step("summary", "stored-one-too-many")])


def test_a_stored_agenda_with_two_steps_of_one_id_or_two_running_is_refused():
    lobby = new_step("lobby", "a")
    with pytest.raises(Conflict, match="same id"):
        Agenda.of([lobby, new_step("summary", "a")])
    with pytest.raises(Conflict, match="one step runs"):
        Agenda.of([dataclasses.replace(lobby, state=RUNNING), dataclasses.replace(new_step("summary", "b"), state=RUNNING)])
    assert Agenda.of([dataclasses.replace(lobby, state=RUNNING), new_step("summary", "b")]).current.id == "a"
