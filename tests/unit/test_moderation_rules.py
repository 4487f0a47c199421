"""The rules of moderation: who hears of a card taken down, what the log keeps, who may join."""
from __future__ import annotations

import pytest

from workshop.domain import moderation
from workshop.domain.cards import Card
from workshop.domain.errors import InvalidInput
from workshop.domain.workshop import Settings

CARD = Card("c1", "ann", "g1", "start", "offensive")


@pytest.mark.parametrize("phase, hidden, heard_by", [
    ("collect", False, "group:g1"),
    ("collect", True, "author:ann"),
    ("cluster", True, "all"),
    ("vote", False, "all"),
])
def test_a_card_taken_down_is_heard_by_whoever_may_be_reading_it(phase, hidden, heard_by):
    assert moderation.takedown_audience(CARD, hidden=hidden, phase=phase) == heard_by


def test_a_hidden_card_keeps_its_text_for_the_facilitators_and_a_deleted_one_does_not():
    assert moderation.record(CARD, "hide")["text"] == "offensive"
    assert "text" not in moderation.record(CARD, "delete")
    assert moderation.record(CARD, "delete")["by"] == "facilitator"


def test_only_hide_and_delete_are_actions():
    with pytest.raises(InvalidInput):
        moderation.action("edit")


def test_a_locked_workshop_refuses_newcomers():
    moderation.check_joining(Settings())
    with pytest.raises(moderation.JoiningLocked):
        moderation.check_joining(Settings(joining_locked=True))


def test_locking_joining_alone_needs_no_snapshot():
    assert Settings.need_a_snapshot({"joining_locked": True}) is False
    assert Settings.need_a_snapshot({"joining_locked": True, "blind_writing": False}) is True


def test_a_removal_names_each_person_once_and_not_too_many():
    assert moderation.people_to_remove(["a", "b", "a"]) == ["a", "b"]
    with pytest.raises(InvalidInput):
        moderation.people_to_remove([])
    with pytest.raises(InvalidInput):
        moderation.people_to_remove([str(i) for i in range(moderation.REMOVE_AT_ONCE + 1)])
