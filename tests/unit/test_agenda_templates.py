"""Agenda templates: the three built-ins, a facilitator's own, and the migration from fixed phases."""
from __future__ import annotations

import uuid

import pytest

from workshop.domain import agenda_templates as at
from workshop.domain.agenda import DONE, PLANNED, RUNNING, new_step
from workshop.domain.errors import Forbidden, InvalidInput
from workshop.domain.steps import BadReference, UnknownStepKind
from workshop.domain.votes import VoteSettings
from workshop.domain.workshop import PHASES, Settings

T0 = 1_700_000_000.0


def kinds(template: at.AgendaTemplate) -> list[str]:
    return [s.kind for s in template.agenda.steps]


def plan(kind: str, id_: str, **more: object) -> dict:
    return {"kind": kind, "id": id_, **more}


# -- the built-ins -------------------------------------------------------------------------------

def test_the_team_retrospective_is_todays_seven_phases_with_references_wired():
    steps = at.TEAM_RETROSPECTIVE.agenda.steps
    assert [s.kind for s in steps] == list(PHASES)
    assert [s.works_on for s in steps] == [None, None, "collect", "cluster", "vote", "discuss", None]


def test_all_hands_collect_clusters_and_votes_in_groups_then_clusters_the_groups_top_items():
    steps = at.ALL_HANDS.agenda.steps
    assert kinds(at.ALL_HANDS) == ["lobby", "collect", "cluster", "vote", "cluster", "summary"]
    collect, in_groups, vote, room = steps[1], steps[2], steps[3], steps[4]
    assert collect.settings.card_template == "start-stop-continue"
    assert (in_groups.settings.scope, vote.settings.scope, room.settings.scope) == ("groups", "groups", "room")
    assert (in_groups.works_on, vote.works_on, room.works_on) == (collect.id, in_groups.id, vote.id)
    assert in_groups.group_only and vote.group_only and not room.group_only


def test_leadership_consolidation_discusses_carried_statements_with_briefings_and_decides():
    steps = at.LEADERSHIP.agenda.steps
    assert kinds(at.LEADERSHIP) == ["lobby", "collect", "discuss", "decide", "summary"]
    statements, briefings, decide = steps[1], steps[2], steps[3]
    assert statements.settings.carried_statements
    assert briefings.settings.topics == "cards" and briefings.settings.briefing_notes
    assert (briefings.works_on, decide.works_on) == (statements.id, briefings.id)


def test_the_offsite_chains_purpose_vision_pillars_okrs_and_a_decision():
    assert kinds(at.OFFSITE) == ["lobby", "statements", "statements", "pillars", "okrs", "decide", "summary"]
    _, purpose, vision, pillars, okrs, _, _ = at.OFFSITE.agenda.steps
    assert (purpose.settings.subject, vision.settings.subject) == ("purpose", "vision")
    assert purpose.settings.prompt == "What role do we want to play for our customers, our team and the company?"
    assert vision.settings.prompt == "Where do we want to be in three years?"
    assert (pillars.works_on, okrs.works_on) == (vision.id, pillars.id)
    agenda = at.OFFSITE.instantiate(lambda local: f"w1-{local}")
    assert agenda.step("w1-okrs").works_on == "w1-pillars" and agenda.step("w1-pillars").works_on == "w1-vision"


@pytest.mark.parametrize("key", ["all-hands-collect", "leadership-consolidation", "offsite", "team-retrospective"])
def test_the_built_ins_are_known_by_key_and_cannot_be_edited(key):
    assert at.from_dict({"key": key}) is at.BUILT_INS[key]
    with pytest.raises(Forbidden, match="save a copy"):
        at.check_editable(key)


def test_a_workshop_gets_its_own_step_ids_with_references_following():
    agenda = at.ALL_HANDS.instantiate(lambda local: f"w1-{local}")
    assert [s.id for s in agenda.steps][:2] == ["w1-lobby", "w1-collect"]
    assert agenda.step("w1-cluster-room").works_on == "w1-vote-groups"
    assert all(s.state == PLANNED for s in agenda.steps)


# -- a facilitator's own ---------------------------------------------------------------------------

def test_a_custom_template_is_checked_like_an_agenda_and_keeps_its_settings():
    made = at.agenda_template("Quick retro", [
        plan("collect", "c", settings={"card_template": "mad-sad-glad"}, planned_minutes=7),
        plan("vote", "v", settings={"dots_per_person": 3}),
        plan("summary", "s"),
    ], description="Twenty minutes, no clustering")
    assert made.key == "quick-retro"
    assert made.agenda.step("v").works_on == "c"  # wired to the nearest earlier step that fits
    assert made.agenda.step("c").planned_minutes == 7
    assert made.agenda.step("c").settings.card_template == "mad-sad-glad"


def test_a_custom_template_comes_back_from_its_public_form():
    made = at.agenda_template("Quick retro", [plan("collect", "c"), plan("vote", "v", works_on="c")])
    again = at.from_dict(made.public())
    assert again.public() == made.public()


@pytest.mark.parametrize(("steps", "error", "message"), [
    ([], InvalidInput, "at least one step"),
    ("lobby, collect", InvalidInput, "at least one step"),
    ([plan("party", "p")], UnknownStepKind, "unknown kind of step 'party'"),
    ([plan("vote", "v")], BadReference, "works on an earlier cluster or collect step, and there is none"),
    ([plan("vote", "v", works_on="c"), plan("collect", "c")], BadReference, "which comes after it"),
    ([plan("collect", "c"), plan("vote", "v", works_on="x")], BadReference, "'x', which is not in the agenda"),
    ([plan("collect", "c", settings={"cards_per_person": 0})], InvalidInput, "cards per person"),
    (["collect"], InvalidInput, "a step must be an object"),
])
def test_a_custom_template_that_is_not_a_valid_agenda_is_refused(steps, error, message):
    with pytest.raises(error, match=message):
        at.agenda_template("Mine", steps)


def test_a_custom_template_never_takes_a_built_in_key():
    assert at.agenda_template("Team retrospective", [plan("lobby", "l")]).key == "team-retrospective-2"


def test_a_running_agenda_is_saved_as_planned_steps_only():
    running = at.TEAM_RETROSPECTIVE.instantiate().go_to("lobby", T0).go_to("collect", T0 + 60).record_data("collect")
    saved = at.save_as(running.add(new_step("feedback", "fb"), position=7), "Our retro")
    assert [s.state for s in saved.agenda.steps] == [PLANNED] * 8
    assert not any(s.has_data or s.started_at for s in saved.agenda.steps)
    assert saved.agenda.steps[-1].kind == "feedback"


def test_an_agenda_template_must_be_an_object():
    with pytest.raises(InvalidInput, match="must be an object"):
        at.from_dict(["lobby"])


# -- migration from today's phases ---------------------------------------------------------------------

@pytest.mark.parametrize("phase", PHASES)
def test_each_phase_becomes_the_team_retrospective_step_of_the_same_kind(phase):
    step = at.TEAM_RETROSPECTIVE.agenda.step(at.step_for_phase(phase))
    assert step.kind == phase


@pytest.mark.parametrize("phase", ["", "party", None])
def test_an_unknown_phase_has_no_step(phase):
    with pytest.raises(InvalidInput):
        at.step_for_phase(phase)


def test_a_workshop_in_the_vote_phase_migrates_to_a_running_vote_step_after_done_steps():
    agenda = at.migrated_agenda("vote", now=T0, new_id=lambda local: f"w9-{local}")
    assert [s.state for s in agenda.steps] == [DONE, DONE, DONE, RUNNING, PLANNED, PLANNED, PLANNED]
    assert agenda.current.id == "w9-vote" and agenda.current.started_at == T0
    assert agenda.current.allows("place_dots")


def test_a_new_workshop_in_the_lobby_migrates_to_a_running_lobby():
    assert at.migrated_agenda("lobby").current.kind == "lobby"


def test_the_workshops_template_and_switches_become_its_steps_settings():
    agenda = at.migrated_agenda("collect", card_template="four-questions", settings=Settings(
        blind_writing=False, participants_cluster=True, participants_edit_notes=True),
        vote=VoteSettings(4, 2, False))
    collect, cluster, vote, discuss = (agenda.step(i) for i in ("collect", "cluster", "vote", "discuss"))
    assert (collect.settings.card_template, collect.settings.blind_writing) == ("four-questions", False)
    assert cluster.allows("cluster_cards") and discuss.allows("edit_notes")
    assert vote.settings.vote_settings() == VoteSettings(4, 2, False)


def test_a_migration_may_give_each_step_a_random_id():
    agenda = at.migrated_agenda("discuss", card_template="four-questions", new_id=lambda _: str(uuid.uuid4()))
    assert len({s.id for s in agenda.steps}) == 7
    assert agenda.current.kind == "discuss" and agenda.current.works_on == agenda.steps[3].id
    assert agenda.steps[1].settings.card_template == "four-questions"


# -- a new workshop's agenda ---------------------------------------------------------------------

def opening(template: at.AgendaTemplate, card_template: str | None = None, chosen: dict | None = None) -> at.Opening:
    chosen = chosen or {}
    return at.opening(template, card_template=card_template, settings=Settings().changed(**chosen),
                      chosen=chosen, now=T0, new_id=lambda i: f"w-{i}")


def test_a_new_workshop_runs_the_first_step_of_its_agenda_with_ids_of_its_own():
    agenda = opening(at.ALL_HANDS).agenda
    assert [s.id for s in agenda.steps][:2] == ["w-lobby", "w-collect"]
    assert agenda.current.id == "w-lobby" and agenda.current.started_at == T0
    assert [s.state for s in agenda.steps[1:]] == [PLANNED] * 5


def test_a_chosen_card_template_goes_into_the_first_collect_step_and_else_the_agendas_is_taken():
    chosen = opening(at.ALL_HANDS, "mad-sad-glad")
    assert chosen.card_template == "mad-sad-glad"
    assert chosen.agenda.step("w-collect").settings.card_template == "mad-sad-glad"
    assert opening(at.ALL_HANDS).card_template == "start-stop-continue"


def test_an_agenda_without_a_collect_step_still_has_columns():
    template = at.agenda_template("Talk", [plan("lobby", "in"), plan("discuss", "talk", settings={"topics": "by_hand"})])
    assert opening(template).card_template == "start-stop-continue"


def test_switches_follow_the_agenda_unless_the_facilitator_chose_them():
    assert opening(at.ALL_HANDS).settings.participants_cluster is True
    assert opening(at.LEADERSHIP).settings.blind_writing is False
    chosen = opening(at.LEADERSHIP, chosen={"blind_writing": True})
    assert chosen.settings.blind_writing is True
    assert chosen.agenda.step("w-statements").settings.blind_writing is True
    quiet = opening(at.ALL_HANDS, chosen={"participants_cluster": False})
    assert [s.settings.participants_cluster for s in quiet.agenda.steps if s.kind == "cluster"] == [False, False]


def test_an_agenda_template_names_the_card_templates_its_steps_write_into():
    assert at.ALL_HANDS.card_templates == {"start-stop-continue"}
    assert at.agenda_template("Lobby", [plan("lobby", "in")]).card_templates == frozenset()


def test_an_edited_agenda_template_keeps_its_key_and_a_built_in_is_not_edited():
    assert at.edited("mine", "Renamed", [plan("lobby", "in")], "Why").key == "mine"
    with pytest.raises(Forbidden):
        at.edited("team-retrospective", "Mine", [plan("lobby", "in")])


def test_a_template_key_given_by_hand_must_be_a_key():
    steps = [new_step("lobby", "a").public()]
    assert at.agenda_template("Ours", steps, key="ours-2").key == "ours-2"
    with pytest.raises(InvalidInput, match="key"):
        at.agenda_template("Ours", steps, key="Our Template")


def test_the_built_in_agendas_are_marked_built_in():
    assert all(template.built_in for template in at.BUILT_INS.values())
