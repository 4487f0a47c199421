"""Card templates: the facilitator's own columns, the accessible palette and the two built-ins."""
from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from workshop.domain import card_templates as ct
from workshop.domain import cards
from workshop.domain.agenda import new_step
from workshop.domain.errors import Conflict, Forbidden, InvalidInput
from workshop.domain.workshop import TEMPLATES

COLLECTING = replace(new_step("collect", "s1"), state="running")


def col(title: str, prompt: str = "", colour: str | None = None) -> dict:
    return {"title": title, "prompt": prompt, **({"colour": colour} if colour else {})}


def test_a_template_of_three_columns_keeps_titles_prompts_and_colours():
    made = ct.card_template("Mad Sad Glad", [col("Mad", "What made you mad?", "pink"),
                                             col("Sad", "What made you sad?", "blue"),
                                             col("Glad", "What made you glad?", "green")])
    assert made.key == "mad-sad-glad"
    assert [(c.key, c.title, c.prompt, c.colour) for c in made.columns] == [
        ("mad", "Mad", "What made you mad?", "pink"),
        ("sad", "Sad", "What made you sad?", "blue"),
        ("glad", "Glad", "What made you glad?", "green"),
    ]


def test_columns_without_a_colour_take_the_palettes_colours_in_turn():
    made = ct.card_template("Two", [col("One"), col("Two")])
    assert [c.colour for c in made.columns] == list(ct.PALETTE)[:2]


@pytest.mark.parametrize("count", [1, 8])
def test_one_to_eight_columns_are_fine(count):
    assert len(ct.card_template("T", [col(f"Column {i}") for i in range(count)]).columns) == count


@pytest.mark.parametrize("count", [0, 9])
def test_zero_or_nine_columns_are_refused(count):
    with pytest.raises(InvalidInput, match=f"1 to 8 columns, not {count}"):
        ct.card_template("T", [col(f"Column {i}") for i in range(count)])


def test_a_column_title_of_forty_characters_is_fine_and_of_forty_one_refused():
    assert ct.card_template("T", [col("x" * 40)]).columns[0].title == "x" * 40
    with pytest.raises(InvalidInput, match="title of column 1 is too long"):
        ct.card_template("T", [col("x" * 41)])


@pytest.mark.parametrize("titles", [["Start", "Start"], ["Start", "start"], ["Start", " START "]])
def test_two_columns_with_the_same_title_are_refused(titles):
    with pytest.raises(InvalidInput, match="two columns are called"):
        ct.card_template("T", [col(t) for t in titles])


def test_an_unknown_colour_is_refused_with_the_palette_named():
    with pytest.raises(InvalidInput, match="unknown colour 'crimson'; choose one of yellow, orange"):
        ct.card_template("T", [col("One", colour="crimson")])


@pytest.mark.parametrize(("columns", "message"), [
    ("Start, Stop", "columns must be a list"),
    (None, "columns must be a list"),
    (["Start"], "each column must be an object"),
    ([{"title": ""}], "title of column 1 is required"),
    ([{"title": "A", "prompt": "p" * 201}], "prompt of column 1 is too long"),
    ([{"title": "A", "emoji": "x"}], "unknown column field 'emoji'"),
    ([{"title": "A", "key": "Not A Key"}], "a column key is lower-case"),
])
def test_malformed_columns_are_refused(columns, message):
    with pytest.raises(InvalidInput, match=message):
        ct.card_template("T", columns)


@pytest.mark.parametrize("title", ["", "x" * 61, None])
def test_a_template_needs_a_title_of_sixty_characters_at_most(title):
    with pytest.raises(InvalidInput, match="template title"):
        ct.card_template(title, [col("A")])


@pytest.mark.parametrize(("title", "key"), [
    ("Start", "start"),
    ("What went well?", "what-went-well"),
    ("  Café & crème  ", "cafe-creme"),
    ("Ideen für 2027", "ideen-fur-2027"),
    ("🎉", "column"),
])
def test_keys_are_derived_from_titles(title, key):
    assert ct.derive_key(title) == key


def test_titles_that_make_the_same_key_get_numbered_keys():
    made = ct.card_template("T", [col("Start!"), col("Start?")])
    assert [c.key for c in made.columns] == ["start", "start-2"]


def test_a_new_template_never_takes_a_built_in_or_taken_key():
    assert ct.card_template("Start Stop Continue", [col("A")]).key == "start-stop-continue-2"
    assert ct.card_template("Mine", [col("A")], taken_keys={"mine"}).key == "mine-2"


# -- the palette ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(ct.PALETTE))
def test_ink_on_every_palette_colour_passes_wcag_aa(name):
    assert ct.contrast_ratio(ct.INK, ct.PALETTE[name]) >= 4.5


def test_the_contrast_arithmetic_matches_wcags_known_values():
    assert ct.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ct.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near miss


# -- the built-ins -----------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["start-stop-continue", "four-questions"])
def test_the_built_ins_are_todays_templates_with_colours(key):
    built_in = ct.BUILT_INS[key]
    today = TEMPLATES[key]
    assert built_in.built_in and built_in.title == today.title
    assert [(c.key, c.title, c.prompt) for c in built_in.columns] == [(c.key, c.title, c.hint) for c in today.columns]
    assert all(c.colour in ct.PALETTE for c in built_in.columns)


@pytest.mark.parametrize("key", ["start-stop-continue", "four-questions"])
def test_the_built_ins_cannot_be_edited_or_deleted(key):
    with pytest.raises(Forbidden, match="save a copy"):
        ct.check_editable(key)


def test_a_facilitators_template_can_be_edited():
    ct.check_editable("mad-sad-glad")


def test_cards_are_written_into_a_facilitators_template_as_into_todays():
    made = ct.card_template("Mad Sad Glad", [col("Mad"), col("Sad"), col("Glad")])
    card = cards.write_card(COLLECTING, made, str(uuid.uuid4()), "p1", "g1", "glad", "Shipping on time")
    assert card.column == "glad"
    with pytest.raises(InvalidInput, match="unknown column 'start'"):
        cards.write_card(COLLECTING, made, str(uuid.uuid4()), "p1", "g1", "start", "Idea")


# -- the library and the export -------------------------------------------------------------------

def test_a_template_comes_back_from_its_public_form_unchanged():
    made = ct.card_template("Mad Sad Glad", [col("Mad", "Why?", "pink"), col("Glad", "Yay?", "green")])
    assert ct.from_dict(made.public()) == made


def test_a_built_in_comes_back_from_its_key():
    assert ct.from_dict({"key": "four-questions"}) is ct.BUILT_INS["four-questions"]


def test_columns_keep_their_keys_when_their_titles_are_reworded():
    made = ct.card_template("T", [col("Start"), col("Stop")])
    data = made.public()
    data["columns"][0]["title"] = "Begin"
    assert ct.from_dict(data).columns[0].key == "start"


def test_a_running_workshops_columns_are_saved_as_a_template_with_their_keys():
    saved = ct.save_as(TEMPLATES["four-questions"], "Our four questions")
    assert saved.key == "our-four-questions" and not saved.built_in
    assert [c.key for c in saved.columns] == ["doing-well", "invest", "change", "opportunities"]


def test_a_template_must_be_an_object():
    with pytest.raises(InvalidInput, match="must be an object"):
        ct.from_dict("start-stop-continue")


def test_a_new_column_never_takes_the_key_a_later_column_keeps():
    # An edit that puts a new "Start" column before the old one now titled "Begin".
    made = ct.card_template("T", [col("Start"), {"key": "start", "title": "Begin"}])
    assert [c.key for c in made.columns] == ["start-2", "start"]


def test_two_columns_sent_with_the_same_key_are_refused():
    with pytest.raises(InvalidInput, match="same key"):
        ct.card_template("T", [{"key": "a", "title": "One"}, {"key": "a", "title": "Two"}])


def test_an_edited_template_keeps_its_key_and_a_built_in_is_not_edited():
    assert ct.edited("mine", "Renamed", [col("One")]).key == "mine"
    with pytest.raises(Forbidden):
        ct.edited("four-questions", "Mine", [col("One")])


def test_a_template_an_agenda_template_uses_is_not_deleted():
    ct.check_deletable("mine", [])
    with pytest.raises(Conflict, match="'Our retro' uses this card template"):
        ct.check_deletable("mine", ["Our retro"])
    with pytest.raises(Forbidden):
        ct.check_deletable("start-stop-continue", [])


def test_a_template_a_workshops_collect_step_writes_into_is_not_deleted_and_the_workshops_go_unnamed():
    with pytest.raises(Conflict, match="a collect step of 2 workshops"):
        ct.check_deletable("mine", [], workshops_using=2)
    with pytest.raises(Conflict, match="a collect step of a workshop"):
        ct.check_deletable("mine", [], workshops_using=1)
