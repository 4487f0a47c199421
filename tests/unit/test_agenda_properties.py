"""Any sequence of agenda edits, good or bad, leaves a valid agenda and answers bad ones with a domain error."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.domain import steps
from workshop.domain.agenda import RUNNING, Agenda, new_step
from workshop.domain.agenda_templates import TEAM_RETROSPECTIVE
from workshop.domain.errors import DomainError

T0 = 1_700_000_000.0
IDS = st.sampled_from(["lobby", "collect", "cluster", "vote", "discuss", "decide", "summary", "x1", "x2", "nope"])
SETTINGS = st.sampled_from([{}, {"scope": "groups"}, {"scope": "room"}, {"topics": "by_hand"},
                            {"dots_per_person": 2}, {"blind_writing": False}, {"bogus": 1}])

edits = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(sorted(steps.KINDS)), IDS, st.one_of(st.none(), st.integers(-1, 9)),
              SETTINGS),
    st.tuples(st.just("remove"), IDS, st.booleans()),
    st.tuples(st.just("move"), IDS, st.integers(-1, 9)),
    st.tuples(st.just("settings"), IDS, SETTINGS),
    st.tuples(st.just("works_on"), IDS, st.one_of(st.none(), IDS)),
    st.tuples(st.just("go_to"), IDS),
    st.tuples(st.just("data"), IDS),
    st.tuples(st.just("minutes"), IDS, st.integers(-5, 500)),
)


def apply(agenda: Agenda, edit: tuple, now: float) -> Agenda:
    name, *args = edit
    if name == "add":
        kind, id_, position, chosen = args
        return agenda.add(new_step(kind, id_, settings=chosen), position)
    if name == "remove":
        return agenda.remove(args[0], confirm=args[1])
    if name == "move":
        return agenda.move(*args)
    if name == "settings":
        return agenda.change_settings(*args)
    if name == "works_on":
        return agenda.set_works_on(*args)
    if name == "go_to":
        return agenda.go_to(args[0], now)
    if name == "data":
        return agenda.record_data(args[0])
    return agenda.set_planned_minutes(*args)


@settings(max_examples=400, deadline=None)
@given(st.lists(edits, max_size=25))
def test_any_edits_keep_the_agenda_valid_and_the_record_of_what_ran_in_order(sequence):
    agenda = TEAM_RETROSPECTIVE.instantiate()
    for n, edit in enumerate(sequence):
        before = agenda
        try:
            agenda = apply(agenda, edit, T0 + n)
        except DomainError:
            assert agenda is before
            continue
        agenda.validate()
        assert sum(1 for s in agenda.steps if s.state == RUNNING) <= 1
        ran_before = [s.id for s in before.steps if s.has_run and s.id in {t.id for t in agenda.steps}]
        assert [s.id for s in agenda.steps if s.has_run and s.id in set(ran_before)] == ran_before
        assert {s.id for s in before.steps if s.has_data} <= {s.id for s in (*agenda.steps, *agenda.removed)}
