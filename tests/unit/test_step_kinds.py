"""Step kinds: the registry, each kind's settings, what it may work on and what it allows."""
from __future__ import annotations

import json

import pytest

from workshop.domain import steps
from workshop.domain.errors import InvalidInput
from workshop.domain.steps import (
    CAPABILITIES,
    BadReference,
    SettingLocked,
    Source,
    UnknownStepKind,
    collect,
    vote,
)
from workshop.domain.votes import VoteSettings

KIND_NAMES = ("lobby", "collect", "cluster", "vote", "discuss", "decide", "feedback", "summary", "statements",
              "pillars", "okrs")


def settings(kind: str, **given: object) -> steps.StepSettings:
    return steps.kind(kind).settings_type.from_dict(given)


def participants(kind: str, **given: object) -> frozenset[str]:
    return steps.kind(kind).allowed(settings(kind, **given), facilitator=False)


def facilitator(kind: str, **given: object) -> frozenset[str]:
    return steps.kind(kind).allowed(settings(kind, **given), facilitator=True)


def check(kind: str, source_kind: str, *, source: dict | None = None, **given: object) -> None:
    steps.kind(kind).check_source(settings(kind, **given), Source(source_kind, settings(source_kind, **(source or {}))))


# -- the registry ---------------------------------------------------------------

def test_every_kind_of_the_agenda_is_registered_by_discovery():
    assert set(steps.KINDS) == set(KIND_NAMES)


@pytest.mark.parametrize("bad", ["party", "", None, 3, "Vote"])
def test_unknown_kinds_are_refused_with_the_known_ones_named(bad):
    with pytest.raises(UnknownStepKind, match="kinds are cluster, collect"):
        steps.kind(bad)


def test_a_second_kind_with_a_taken_key_is_refused():
    with pytest.raises(RuntimeError, match="two step kinds"):
        @steps.register
        class AnotherVote(steps.StepKind):
            key = "vote"


@pytest.mark.parametrize("name", KIND_NAMES)
def test_every_kind_grants_only_capabilities_that_exist(name):
    assert participants(name) <= set(CAPABILITIES)
    assert facilitator(name) <= set(CAPABILITIES)


@pytest.mark.parametrize("name", KIND_NAMES)
def test_every_kind_describes_itself_for_the_agenda_editor(name):
    described = steps.kind(name).describe()
    assert described["key"] == name and described["title"] and described["purpose"]
    for field in described["settings"]:
        assert {"name", "type", "label", "default"} <= set(field)


def test_a_kind_may_add_a_capability_only_by_naming_it_in_the_one_list():
    assert "throw_elmo" in CAPABILITIES and "dance" not in CAPABILITIES


# -- what each kind allows ----------------------------------------------------------

@pytest.mark.parametrize("name", KIND_NAMES)
def test_cards_are_written_in_a_collect_step_only(name):
    assert ("write_cards" in participants(name)) == (name == "collect")
    assert ("edit_cards" in participants(name)) == (name == "collect")


@pytest.mark.parametrize("name", KIND_NAMES)
def test_dots_are_placed_in_a_vote_step_only(name):
    assert ("place_dots" in participants(name)) == (name == "vote")
    assert ("open_vote" in facilitator(name)) == (name == "vote")


@pytest.mark.parametrize("name", KIND_NAMES)
def test_the_facilitator_clusters_in_a_cluster_step_only(name):
    assert ("cluster_cards" in facilitator(name)) == (name == "cluster")


def test_participants_cluster_only_when_the_step_lets_them():
    assert "cluster_cards" not in participants("cluster")
    assert "cluster_cards" in participants("cluster", participants_cluster=True)


@pytest.mark.parametrize("name", ["discuss", "decide"])
def test_elmos_and_polls_belong_to_discussing_and_deciding(name):
    assert {"throw_elmo", "answer_poll"} <= participants(name)
    assert "run_polls" in facilitator(name)


@pytest.mark.parametrize("name", ["lobby", "collect", "cluster", "vote", "feedback", "summary"])
def test_no_elmo_outside_discussing_and_deciding(name):
    assert "throw_elmo" not in participants(name)


def test_notes_are_the_facilitators_unless_the_discussion_lets_participants_write():
    assert "edit_notes" in facilitator("discuss")
    assert "edit_notes" not in participants("discuss")
    assert "edit_notes" in participants("discuss", participants_edit_notes=True)


def test_feedback_is_given_in_a_feedback_step_and_on_the_summary_unless_switched_off():
    assert "give_feedback" in participants("feedback")
    assert "give_feedback" in participants("summary")
    assert "give_feedback" not in participants("summary", feedback=False)


def test_revealing_blind_cards_is_offered_only_when_writing_is_blind():
    assert "reveal_cards" in facilitator("collect")
    assert "reveal_cards" not in facilitator("collect", blind_writing=False)


@pytest.mark.parametrize(("name", "given", "group_only"), [
    ("lobby", {}, True),
    ("collect", {}, True),
    ("cluster", {}, False),
    ("cluster", {"scope": "groups"}, True),
    ("vote", {}, False),
    ("vote", {"scope": "groups"}, True),
    ("discuss", {}, False),
    ("decide", {}, False),
    ("summary", {}, False),
])
def test_participants_read_only_their_groups_cards_while_writing_and_while_working_in_groups(name, given, group_only):
    assert ("read_all_cards" not in participants(name, **given)) == group_only


@pytest.mark.parametrize("name", KIND_NAMES)
def test_the_facilitator_reads_every_card_in_every_step(name):
    assert "read_all_cards" in facilitator(name, **({"scope": "groups"} if name in ("cluster", "vote") else {}))


# -- settings -----------------------------------------------------------------------

def test_settings_take_defaults_for_what_is_not_given():
    vote = settings("vote")
    assert (vote.dots_per_person, vote.cap_per_item, vote.scope, vote.top_n) == (5, 3, "room", 3)
    collect = settings("collect")
    assert (collect.card_template, collect.blind_writing, collect.cards_per_person) == (
        "start-stop-continue", True, None)


def test_a_vote_with_few_dots_caps_each_item_at_the_dots_when_no_cap_is_given():
    assert settings("vote", dots_per_person=2).cap_per_item == 2


def test_vote_step_settings_become_the_settings_of_the_vote_rules():
    vote = settings("vote", dots_per_person=7, cap_per_item=2, own_items=False)
    assert vote.vote_settings() == VoteSettings(7, 2, False)


@pytest.mark.parametrize(("name", "given", "message"), [
    ("vote", {"dots_per_person": 0}, "dots per person must be a whole number from 1 to 100"),
    ("vote", {"dots_per_person": "5"}, "dots per person must be a whole number"),
    ("vote", {"dots_per_person": True}, "dots per person must be a whole number"),
    ("vote", {"dots_per_person": 3, "cap_per_item": 4}, r"most dots on one item \(4\) cannot exceed"),
    ("vote", {"scope": "team"}, "must be one of room, groups"),
    ("vote", {"top_n": 0}, "top items"),
    ("collect", {"card_template": "Start Stop!"}, "must be a key"),
    ("collect", {"card_template": None}, "must be a key"),
    ("collect", {"cards_per_person": 0}, r"cards per person .* \(or none for no limit\)"),
    ("collect", {"blind_writing": "yes"}, "must be true or false"),
    ("discuss", {"topics": "magic"}, "ranking, cards, by_hand"),
    ("discuss", {"min_topic_minutes": 0}, "least useful time"),
    ("decide", {"threshold": 85}, "steps of 10"),
    ("decide", {"threshold": 40}, "from 50 to 100"),
    ("lobby", {"music": True}, "unknown setting 'music'; this kind of step has none"),
    ("vote", {"dots": 5}, "unknown setting 'dots'; this kind of step has cap_per_item, dots_per_person"),
])
def test_bad_settings_are_refused_with_a_clear_message(name, given, message):
    with pytest.raises(InvalidInput, match=message):
        settings(name, **given)


def test_settings_must_be_an_object():
    with pytest.raises(InvalidInput, match="settings must be an object"):
        steps.kind("vote").settings_type.from_dict(["dots"])  # type: ignore[arg-type]


def test_changing_settings_keeps_the_others_and_checks_the_result():
    vote = settings("vote", dots_per_person=6)
    assert vote.changed({"top_n": 5}).dots_per_person == 6
    with pytest.raises(InvalidInput, match="cannot exceed"):
        vote.changed({"dots_per_person": 2})


@pytest.mark.parametrize(("name", "change"), [
    ("collect", {"card_template": "four-questions"}),
    ("cluster", {"scope": "groups"}),
    ("vote", {"scope": "groups"}),
])
def test_what_shapes_a_steps_data_is_locked_once_it_holds_data(name, change):
    before = settings(name)
    assert before.changed(change, has_data=False) != before
    with pytest.raises(SettingLocked, match="once the step holds data"):
        before.changed(change, has_data=True)


def test_a_locked_setting_may_be_sent_again_unchanged():
    collect = settings("collect")
    assert collect.changed({"card_template": "start-stop-continue", "blind_writing": False},
                           has_data=True).blind_writing is False


# -- what a kind may work on -----------------------------------------------------------

@pytest.mark.parametrize(("kind", "given", "source_kind", "source"), [
    ("cluster", {}, "collect", {}),
    ("cluster", {"scope": "groups"}, "collect", {}),
    ("cluster", {}, "vote", {"scope": "groups"}),
    ("vote", {}, "cluster", {}),
    ("vote", {}, "collect", {}),
    ("vote", {"scope": "groups"}, "cluster", {"scope": "groups"}),
    ("vote", {"scope": "groups"}, "collect", {}),
    ("vote", {}, "cluster", {"scope": "groups"}),
    ("discuss", {}, "vote", {}),
    ("discuss", {"topics": "cards"}, "collect", {}),
    ("decide", {}, "discuss", {}),
])
def test_a_step_may_work_on_the_kinds_its_kind_names(kind, given, source_kind, source):
    check(kind, source_kind, source=source, **given)


@pytest.mark.parametrize(("kind", "given", "source_kind", "source", "message"), [
    ("cluster", {}, "vote", {}, "whole-room cluster works on a vote in groups"),
    ("cluster", {"scope": "groups"}, "vote", {"scope": "groups"}, "cluster step in groups works on collect"),
    ("cluster", {}, "discuss", {}, "works on collect or vote, not on a discuss step"),
    ("vote", {"scope": "groups"}, "cluster", {}, "vote in groups works on each group's own"),
    ("vote", {}, "vote", {}, "not on a vote step"),
    ("discuss", {}, "collect", {}, "works on vote, not on a collect step"),
    ("discuss", {"topics": "by_hand"}, "vote", {}, "works on no other step"),
    ("summary", {}, "vote", {}, "works on no other step"),
    ("lobby", {}, "collect", {}, "works on no other step"),
])
def test_a_step_refuses_to_work_on_the_wrong_kind_of_step(kind, given, source_kind, source, message):
    with pytest.raises(BadReference, match=message):
        check(kind, source_kind, source=source, **given)


@pytest.mark.parametrize(("kind", "given", "needs"), [
    ("cluster", {}, True), ("vote", {}, True), ("discuss", {}, True),
    ("discuss", {"topics": "by_hand"}, False), ("decide", {}, False),
    ("lobby", {}, False), ("collect", {}, False), ("summary", {}, False),
])
def test_which_steps_must_name_the_step_they_work_on(kind, given, needs):
    assert steps.kind(kind).needs_source(settings(kind, **given)) is needs


# -- rules of single kinds -----------------------------------------------------------------

def test_cards_per_person_are_unlimited_unless_the_step_sets_a_limit():
    collect.check_card_limit(settings("collect"), 500)
    collect.check_card_limit(settings("collect", cards_per_person=3), 2)
    with pytest.raises(collect.CardLimit, match="all 3 of your cards"):
        collect.check_card_limit(settings("collect", cards_per_person=3), 3)


@pytest.mark.parametrize(("name", "given", "blind"), [
    ("collect", {}, True), ("collect", {"blind_writing": False}, False),
    ("lobby", {}, False), ("cluster", {"scope": "groups"}, False), ("vote", {}, False),
])
def test_only_a_blind_collect_step_hides_cards_from_the_group(name, given, blind):
    assert steps.kind(name).blind(settings(name, **given)) is blind


def ranked(*dots: int) -> list[dict]:
    """A ranking as votes.ranking makes it: equal dots share a rank."""
    ranking: list[dict] = []
    for place, d in enumerate(dots):
        rank = ranking[-1]["rank"] if ranking and ranking[-1]["dots"] == d else place + 1
        ranking.append({"id": f"i{place + 1}", "dots": d, "rank": rank})
    return ranking


def test_the_top_items_flow_on_with_ties_at_the_last_place_kept():
    assert [i["id"] for i in vote.top_items(ranked(5, 4, 3, 1), 2)] == ["i1", "i2"]
    assert [i["id"] for i in vote.top_items(ranked(5, 3, 3, 1), 2)] == ["i1", "i2", "i3"]


def test_items_without_dots_never_flow_on():
    assert [i["id"] for i in vote.top_items(ranked(2, 0, 0), 3)] == ["i1"]


def test_each_groups_top_items_flow_on_marked_with_their_group():
    flowed = vote.top_of_groups({"g1": ranked(4, 2, 1), "g2": ranked(3, 3)}, 1)
    assert [(i["group_id"], i["id"]) for i in flowed] == [("g1", "i1"), ("g2", "i1"), ("g2", "i2")]


def test_the_catalogue_serves_every_kind_and_capability():
    served = json.loads(json.dumps(steps.catalogue()))
    assert [k["key"] for k in served["kinds"]] == sorted(KIND_NAMES)
    assert served["capabilities"] == CAPABILITIES
    vote_form = next(k for k in served["kinds"] if k["key"] == "vote")["settings"]
    assert {"name": "scope", "type": "choice", "options": ["room", "groups"], "default": "room"}.items() <= next(
        f for f in vote_form if f["name"] == "scope").items()


def test_a_new_kind_is_one_module_in_a_package_and_nothing_else(tmp_path, monkeypatch):
    package = tmp_path / "more_kinds"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "elmo_round.py").write_text(
        "from workshop.domain.steps import StepKind, register\n\n\n"
        "@register\nclass ElmoRound(StepKind):\n"
        "    key = 'elmo-round'\n    title = 'Elmo round'\n    purpose = 'Everyone may call time.'\n\n"
        "    def participants_may(self, settings):\n        return frozenset({'throw_elmo'})\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(steps._base, "KINDS", dict(steps.KINDS))  # the registry is restored afterwards
    monkeypatch.setattr(steps, "KINDS", steps._base.KINDS)
    assert steps.discover("more_kinds", [str(package)]) == ["elmo_round"]
    assert steps.kind("elmo-round").allowed(steps.kind("elmo-round").settings_type(), facilitator=False) == {
        "throw_elmo", "read_all_cards"}
    assert "elmo-round" in [k["key"] for k in steps.catalogue()["kinds"]]


def test_a_collect_step_limits_cards_per_person_and_column_by_default():
    assert settings("collect").cards_per_column == collect.CARDS_PER_COLUMN == 30
    collect.check_card_limit(settings("collect"), 100, in_column=29)
    with pytest.raises(collect.CardLimit, match="30 cards in this column"):
        collect.check_card_limit(settings("collect"), 100, in_column=30)
    collect.check_card_limit(settings("collect", cards_per_column=None), 100, in_column=500)


def test_a_full_workshop_takes_no_more_cards_whatever_the_step_allows():
    with pytest.raises(collect.CardLimit, match="20,000 cards"):
        collect.check_card_limit(settings("collect", cards_per_column=None), 0, 0, collect.CARDS_PER_WORKSHOP)
