"""Who hears an event: the audiences the store records and the viewer and rooms read."""
import pytest

from workshop.domain import audiences
from workshop.domain.viewer import Viewer
from workshop.realtime.rooms import rooms_for

ANN = Viewer("w1", participant_id="ann", group_id="g1")
BOB = Viewer("w1", participant_id="bob", group_id="g2")
FACILITATOR = Viewer("w1", facilitator=True)


@pytest.mark.parametrize("audience, hears", [
    (audiences.ALL, {ANN, BOB, FACILITATOR}),
    (audiences.FACILITATORS, {FACILITATOR}),
    (audiences.group("g1"), {ANN, FACILITATOR}),
    (audiences.author("ann"), {ANN, FACILITATOR}),
    (audiences.participant("ann"), {ANN}),
])
def test_each_audience_reaches_exactly_its_people_on_catch_up(audience, hears):
    assert {v for v in (ANN, BOB, FACILITATOR) if v.receives(audience)} == hears


@pytest.mark.parametrize("audience, rooms", [
    (audiences.ALL, ["w:w1"]),
    (audiences.FACILITATORS, ["f:w1"]),
    (audiences.group("g1"), ["g:w1:g1", "f:w1"]),
    (audiences.author("ann"), ["p:w1:ann", "f:w1"]),
    (audiences.participant("ann"), ["p:w1:ann"]),
])
def test_live_events_go_to_the_same_people_as_catch_up(audience, rooms):
    assert rooms_for("w1", audience) == rooms


def test_an_unknown_audience_is_a_bug_not_a_broadcast():
    with pytest.raises(ValueError):
        rooms_for("w1", "everyone")
