"""The discuss step's topic plan over Socket.IO: each open topic's share of the
time left by its dots, the cut line, and the facilitator accepting it.

The plan is a function of time, so the store's clock is frozen here and moved
by hand (the discuss step's 30 minutes start at ``T``)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.conftest import new_id
from workshop.store import agenda, topic_plan, topics


@pytest.fixture
def clock(monkeypatch):
    frozen = SimpleNamespace(now=1_800_000_000.0)
    frozen.time = lambda: frozen.now
    for module in (agenda, topics, topic_plan):
        monkeypatch.setattr(module, "time", frozen)
    return frozen


@pytest.fixture
def ranked(collecting, join, clock):
    """Three topics from a vote: Demos 3 dots, Docs 1, Coffee 0; the discuss step started at ``clock.now``."""
    workshop, facilitator = collecting()
    people = [join(workshop, name) for name in ("Ann", "Bo", "Cy")]
    for text in ("Demos", "Docs", "Coffee"):
        people[0].add_card(text)
    facilitator.call("phase:set", {"phase": "vote"})
    vote_id = facilitator.call("vote:open", {"id": new_id()})["vote"]["id"]
    items = {i["name"]: i["id"] for i in facilitator.call("sync", {})["state"]["vote"]["items"]}
    for person, item in ((people[0], "Demos"), (people[1], "Demos"), (people[2], "Demos"), (people[0], "Docs")):
        assert person.call("dot:place", {"id": new_id(), "item_id": items[item]})["ok"]
    assert facilitator.call("vote:close", {"vote_id": vote_id})["ok"]
    facilitator.call("phase:set", {"phase": "discuss"})
    started = clock.now
    for screen in (facilitator, *people):
        screen.received()
    return SimpleNamespace(facilitator=facilitator, people=people, started=started)


def at(clock, ranked, seconds_into_step: float) -> None:
    clock.now = ranked.started + seconds_into_step


def add_topics(ranked) -> dict[str, str]:
    made = ranked.facilitator.call("topics:from_ranking", {"count": 3})
    assert made["ok"], made
    return {t["title"]: t["id"] for t in made["topics"]}


def shares(plan: dict, ids: dict[str, str]) -> list[tuple[str, int]]:
    titles = {v: k for k, v in ids.items()}
    return [(titles[s["id"]], s["seconds"]) for s in plan["slots"]]


def last_plan(screen) -> dict:
    return screen.received("topics:planned")[-1]["plan"]


def test_every_screen_gets_the_shares_by_dots_and_the_cut_line(ranked, clock):
    at(clock, ranked, 30 * 60 - 540)  # nine minutes left
    ids = add_topics(ranked)
    for screen in (ranked.facilitator, *ranked.people):
        plan = last_plan(screen)
        assert shares(plan, ids) == [("Demos", 420), ("Docs", 120), ("Coffee", 0)]
        assert plan["cut"] == 2 and [s["reached"] for s in plan["slots"]] == [True, True, False]
    snapshot = ranked.people[1].call("sync", {})["state"]["topic_plan"]
    assert shares(snapshot, ids) == [("Demos", 420), ("Docs", 120), ("Coffee", 0)] and snapshot["cut"] == 2


def test_with_time_enough_every_topic_is_reached_and_the_undotted_one_gets_the_least_useful_time(ranked, clock):
    at(clock, ranked, 10 * 60)
    ids = add_topics(ranked)
    plan = last_plan(ranked.people[0])
    assert shares(plan, ids) == [("Demos", 810), ("Docs", 270), ("Coffee", 120)] and plan["cut"] == 3


def test_a_topic_closed_early_gives_its_unused_time_to_the_others(ranked, clock):
    at(clock, ranked, 10 * 60)
    ids = add_topics(ranked)
    ranked.facilitator.call("topic:open", {"topic_id": ids["Demos"]})
    ranked.facilitator.call("timer:start", {"topic_id": ids["Demos"]})
    at(clock, ranked, 10 * 60 + 100)
    assert ranked.facilitator.call("timer:stop", {"topic_id": ids["Demos"]})["ok"]
    plan = last_plan(ranked.people[2])
    assert shares(plan, ids) == [("Docs", 960), ("Coffee", 120)] and plan["cut"] == 2


def test_the_topic_under_way_leaves_the_others_alone_until_it_runs_over(ranked, clock):
    at(clock, ranked, 10 * 60)
    ids = add_topics(ranked)
    ranked.facilitator.call("topic:open", {"topic_id": ids["Demos"]})
    ranked.facilitator.call("timer:start", {"topic_id": ids["Demos"]})
    ranked.people[0].received()
    at(clock, ranked, 10 * 60 + 300)
    ack = ranked.facilitator.call("topics:replan")
    assert shares(ack["plan"], ids) == [("Demos", 810), ("Docs", 270), ("Coffee", 120)]
    assert ranked.people[0].received("topics:planned") == []  # nothing a screen shows moved: nobody is told
    at(clock, ranked, 10 * 60 + 900)  # 90 seconds over its share
    ranked.facilitator.call("topics:replan")
    assert shares(last_plan(ranked.people[0]), ids) == [("Demos", 900), ("Docs", 180), ("Coffee", 120)]
    at(clock, ranked, 10 * 60 + 1000)
    plan = ranked.facilitator.call("topics:replan")["plan"]
    assert shares(plan, ids) == [("Demos", 1000), ("Docs", 180), ("Coffee", 0)] and plan["cut"] == 2
    assert last_plan(ranked.people[1]) == plan


def test_accepting_the_plan_sets_each_reached_topics_planned_time(ranked, clock):
    at(clock, ranked, 10 * 60)
    ids = add_topics(ranked)
    ack = ranked.facilitator.call("topics:accept_plan")
    assert ack["ok"], ack
    heard = ranked.people[0].received("topics:plan_accepted")
    assert len(heard) == 1
    assert {t["title"]: t["planned"] for t in heard[0]["topics"]} == {"Demos": 810, "Docs": 270, "Coffee": 120}
    ranked.facilitator.call("topic:open", {"topic_id": ids["Demos"]})
    assert ranked.facilitator.call("timer:start", {"topic_id": ids["Demos"]})["timer"]["length"] == 810


def test_a_time_set_by_hand_is_kept_and_the_plan_shares_the_rest(ranked, clock):
    at(clock, ranked, 10 * 60)
    ids = add_topics(ranked)
    saved = ranked.facilitator.call("topic:save", {"id": ids["Docs"], "title": "Docs", "planned": 600})
    assert saved["topic"]["fixed"] is True
    plan = last_plan(ranked.people[0])
    assert shares(plan, ids) == [("Demos", 480), ("Docs", 600), ("Coffee", 120)]
    accepted = ranked.facilitator.call("topics:accept_plan")["topics"]
    assert {t["title"]: t["planned"] for t in accepted} == {"Demos": 480, "Coffee": 120}
    released = ranked.facilitator.call("topic:save", {"id": ids["Docs"], "title": "Docs", "fixed": False})
    assert released["topic"]["fixed"] is False
    assert shares(last_plan(ranked.people[0]), ids) == [("Demos", 810), ("Docs", 270), ("Coffee", 120)]


def test_participants_cannot_accept_or_replan(ranked, clock):
    add_topics(ranked)
    for event in ("topics:accept_plan", "topics:replan"):
        assert ranked.people[0].call(event)["error"]["code"] == "forbidden"
    assert ranked.people[0].received("topics:plan_accepted") == []


def test_without_a_discuss_step_there_is_no_plan_to_accept(make_workshop, facilitator_of):
    facilitator = facilitator_of(make_workshop())
    agenda_ = facilitator.ack["state"]["agenda"]
    for kind in ("decide", "discuss"):  # the decide step works on the discuss step
        step = next(s for s in agenda_["steps"] if s["kind"] == kind)
        assert facilitator.call("agenda:remove", {"step_id": step["id"]})["ok"]
    assert facilitator.call("sync", {})["state"]["topic_plan"] is None
    assert facilitator.call("topics:accept_plan")["error"]["code"] == "conflict"


def test_moving_between_other_steps_tells_nobody_and_the_discuss_step_starts_the_clock(make_workshop, facilitator_of,
                                                                                      join, clock):
    workshop = make_workshop()
    facilitator, ann = facilitator_of(workshop), join(workshop, "Ann")
    before = ann.ack["state"]["topic_plan"]
    assert before["running"] is False and before["seconds_left"] == 30 * 60
    facilitator.call("phase:set", {"phase": "collect"})
    assert ann.received("topics:planned") == []
    facilitator.call("phase:set", {"phase": "discuss"})
    plan = last_plan(ann)
    assert plan["running"] is True and plan["ends_at"] == clock.now + 30 * 60
