import pytest

from workshop.domain import workshop as rules
from workshop.domain.errors import InvalidInput, WrongPhase


def test_new_workshop_trims_title_and_defaults_to_the_team_retrospective_and_its_columns():
    new = rules.new_workshop("  Team retro  ")
    assert new.title == "Team retro"
    assert new.agenda == "team-retrospective"
    assert new.template is None  # the agenda's own: Start / Stop / Continue (tests/socket/test_template_library.py)


def test_four_question_template_has_the_briefs_columns():
    columns = [c.title for c in rules.template("four-questions").columns]
    assert columns == ["Doing well", "Invest further", "Change or stop", "New opportunities"]


@pytest.mark.parametrize("title", ["", "   ", None, 42, "x" * 121])
def test_workshop_title_is_required_and_bounded(title):
    with pytest.raises(InvalidInput):
        rules.new_workshop(title)


@pytest.mark.parametrize("key", ["Mad Sad Glad", "", 42, "x" * 65])
def test_a_template_key_that_no_template_could_have_is_refused(key):
    # Whether a well-formed key names a template is for the store: it knows the server's library.
    with pytest.raises(InvalidInput, match="unknown template"):
        rules.new_workshop("Retro", template_key=key)
    with pytest.raises(InvalidInput, match="unknown agenda template"):
        rules.new_workshop("Retro", agenda_key=key)


def test_settings_the_facilitator_set_are_remembered_as_chosen():
    new = rules.new_workshop("Retro", options={"blind_writing": False}, group_size=6)
    assert new.settings.blind_writing is False and new.settings.group_size == 6
    assert new.chosen == {"blind_writing"}


def test_join_codes_are_six_unambiguous_characters():
    codes = {rules.new_join_code() for _ in range(500)}
    assert len(codes) > 495
    for code in codes:
        assert len(code) == 6
        assert not set(code) & set("ILOU")


def test_alphabet_gives_at_least_thirty_bits():
    import math
    assert rules.CODE_LENGTH * math.log2(len(set(rules.CODE_ALPHABET))) >= 30


@pytest.mark.parametrize("typed, code", [
    ("k7q x2m", "K7QX2M"), ("K7Q-X2M", "K7QX2M"), ("oi1l23", "011123"), ("  abcdef ", "ABCDEF"),
])
def test_typed_codes_are_normalised(typed, code):
    assert rules.normalise_code(typed) == code


@pytest.mark.parametrize("typed", ["", "ABC", "ABCDEFG", "AB$DEF", None, 123456])
def test_malformed_codes_are_refused(typed):
    with pytest.raises(InvalidInput):
        rules.normalise_code(typed)


def test_require_phase_names_the_phase_that_allows_it():
    with pytest.raises(WrongPhase, match="during Vote; that is for Collect"):
        rules.require_phase("vote", "collect", doing="write cards")


def test_settings_change_checks_names_and_types():
    settings = rules.Settings()
    assert settings.changed(blind_writing=False).blind_writing is False
    with pytest.raises(InvalidInput):
        settings.changed(blind_writing="no")
    with pytest.raises(InvalidInput):
        settings.changed(colour=True)
    with pytest.raises(InvalidInput):
        settings.changed(group_size=1)
