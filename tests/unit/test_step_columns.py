"""Which card template's columns apply now: the running collect step's, so two
collect steps may use two templates (``Agenda.card_template_now``)."""
from __future__ import annotations

from workshop.domain.agenda import Agenda, new_step

T0 = 1_700_000_000.0


def two_collects() -> Agenda:
    return Agenda.wired([
        new_step("lobby", "lobby"),
        new_step("collect", "past", settings={"card_template": "start-stop-continue"}),
        new_step("cluster", "cluster"),
        new_step("collect", "future", settings={"card_template": "four-questions"}),
        new_step("summary", "summary"),
    ])


def test_a_running_collect_step_writes_into_its_own_template():
    agenda = two_collects()
    assert agenda.go_to("past", T0).card_template_now() == "start-stop-continue"
    assert agenda.go_to("future", T0).card_template_now() == "four-questions"


def test_before_a_collect_step_the_columns_are_those_about_to_be_written_in():
    agenda = two_collects()
    assert agenda.card_template_now() == "start-stop-continue"  # nothing runs yet
    assert agenda.go_to("lobby", T0).card_template_now() == "start-stop-continue"
    assert agenda.go_to("cluster", T0).card_template_now() == "four-questions"


def test_after_the_last_collect_step_its_columns_stay():
    assert two_collects().go_to("summary", T0).card_template_now() == "four-questions"


def test_an_agenda_without_a_collect_step_names_no_template():
    agenda = Agenda.wired([new_step("lobby", "lobby"), new_step("summary", "summary")])
    assert agenda.go_to("lobby", T0).card_template_now() is None
