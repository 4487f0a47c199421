"""Key results, measured: a reading's rules, the way made against the time gone, and
how a key result's standing is named."""
from __future__ import annotations

import datetime as dt

import pytest

from workshop.domain import progress as rules
from workshop.domain.errors import InvalidInput
from workshop.domain.projects import UnknownKeyResult

TODAY = dt.date(2027, 3, 1)
KR = {"id": "k1", "statement": "Focus hours up", "metric": "Focus hours a week", "unit": "h", "baseline": 10.0,
      "target": 20.0, "due": "2027-07-01", "owner": "Ann", "pillar_id": "p1", "objective_id": "o1",
      "objective": "Remarkable focus", "started": "2027-01-01"}


def reading(value: float, taken_on: str, created_at: float = 0.0, key_result_id: str = "k1") -> dict:
    return {"id": f"r-{taken_on}-{created_at}", "key_result_id": key_result_id, "value": value, "taken_on": taken_on,
            "note": "", "created_at": created_at}


def made(value: object = 12, taken_on: object = None, note: object = None, how_many: int = 0) -> rules.Reading:
    return rules.new_reading("r1", "k1", value, taken_on, note, measured=["k1"], how_many=how_many, today=TODAY)


def test_a_reading_takes_a_figure_as_typed_and_todays_date_unless_another_day_is_given():
    assert made("4,5", None, "  after the pilot ") == rules.Reading("r1", "k1", 4.5, "2027-03-01", "after the pilot")
    assert made(12, " 2027-02-14 ").taken_on == "2027-02-14"
    assert made(12, "2027-03-01").taken_on == "2027-03-01"  # today, named: not a day to come
    assert made(-3, "", None).value == -3.0


@pytest.mark.parametrize("value, taken_on, note, error", [
    ("lots", None, None, rules.ReadingNotNumber), (True, None, None, rules.ReadingNotNumber),
    (float("inf"), None, None, rules.ReadingNotNumber), (None, None, None, rules.ReadingNotNumber),
    (12, "2027-03-02", None, rules.ReadingInFuture), (12, "1 March", None, rules.BadReadingDate),
    (12, 20270301, None, rules.BadReadingDate), (12, None, "n" * (rules.NOTE_MAX + 1), InvalidInput)])
def test_a_bad_reading_is_refused(value, taken_on, note, error):
    with pytest.raises(error):
        made(value, taken_on, note)


def test_only_a_measured_key_result_takes_readings_and_each_holds_a_bounded_number():
    for key_result in ("k2", None, 7):
        with pytest.raises(UnknownKeyResult):
            rules.new_reading("r1", key_result, 12, None, None, measured=["k1"], how_many=0, today=TODAY)
    with pytest.raises(rules.TooManyReadings):
        made(how_many=200)  # docs/protocol.md: 200 per key result
    assert made(how_many=199).value == 12


@pytest.mark.parametrize("baseline, target, value, way", [
    (10, 20, 15, 50), (10, 20, 10, 0), (10, 20, 25, 150), (10, 20, 8, -20),
    (30, 10, 25, 25), (30, 10, 5, 125), (0, 3, 1, 33)])  # a target below its baseline: down is the way
def test_the_way_made_runs_from_baseline_to_target_either_way(baseline, target, value, way):
    assert rules.share_of_way(baseline, target, value) == way


@pytest.mark.parametrize("today, time", [
    (dt.date(2026, 12, 1), 0), (dt.date(2027, 1, 1), 0), (dt.date(2027, 4, 2), 50),
    (dt.date(2027, 7, 1), 100), (dt.date(2028, 1, 1), 100)])
def test_the_time_gone_runs_from_the_offsite_to_the_due_date(today, time):
    assert rules.share_of_time(dt.date(2027, 1, 1), dt.date(2027, 7, 1), today) == time
    assert rules.share_of_time(dt.date(2027, 7, 1), dt.date(2027, 7, 1), dt.date(2027, 6, 1)) == 100


@pytest.mark.parametrize("way, time, today, state", [
    (None, 40, TODAY, rules.NO_READING), (100, 40, TODAY, rules.REACHED), (140, 100, dt.date(2028, 1, 1), rules.REACHED),
    (40, 40, TODAY, rules.ON_TRACK), (39, 40, TODAY, rules.BEHIND), (-5, 0, TODAY, rules.BEHIND),
    (99, 100, dt.date(2027, 7, 1), rules.BEHIND), (99, 100, dt.date(2027, 7, 2), rules.PAST_DUE)])
def test_a_key_result_keeps_up_reaches_its_target_falls_behind_or_runs_past_its_due_date(way, time, today, state):
    assert rules.status(way, time, dt.date(2027, 7, 1), today) == state


def test_the_latest_reading_is_the_latest_day_and_on_one_day_the_last_recorded():
    found = rules.standing(KR, [reading(18, "2027-02-20", 5.0), reading(13, "2027-02-27", 1.0),
                                reading(12, "2027-02-27", 2.0)], TODAY)
    assert (found["latest"], found["latest_on"], found["latest_shown"]) == (12, "2027-02-27", "12 h")
    assert [r["value"] for r in found["readings"]] == [18, 13, 12]
    assert (found["way_percent"], found["time_percent"], found["status"], found["status_label"]) == (
        20, 33, rules.BEHIND, "Behind")
    assert found["move"] == "10 h → 20 h" and found["readings"][0]["shown"] == "18 h"
    assert (found["baseline_shown"], found["target_shown"]) == ("10 h", "20 h")
    fresh = rules.standing(KR, [], TODAY)
    assert (fresh["latest"], fresh["way_percent"], fresh["status_label"]) == (None, None, "No reading yet")


def test_the_board_groups_key_results_under_their_pillars_and_counts_each_standing():
    pillars = [{"id": "p1", "name": "Enable"}, {"id": "p2", "name": "Customers"}, {"id": "p3", "name": "Scale"}]
    key_results = [KR, {**KR, "id": "k2", "statement": "NPS above 40", "pillar_id": "p2"},
                   {**KR, "id": "k3", "statement": "Fewer meetings"}]
    groups = rules.board(pillars, key_results, [reading(20, "2027-02-01", key_result_id="k2"),
                                                reading(19, "2027-02-01", key_result_id="k1"),
                                                reading(5, "2027-02-01", key_result_id="gone")], TODAY)
    assert [(g["pillar"]["name"], [(kr["id"], kr["status"]) for kr in g["key_results"]]) for g in groups] == [
        ("Enable", [("k1", rules.ON_TRACK), ("k3", rules.NO_READING)]), ("Customers", [("k2", rules.REACHED)])]
    assert rules.summary(groups) == {"key_results": 3, "measured": 2, "reached": 1, "on_track": 2, "behind": 0,
                                     "past_due": 0}
    assert rules.summary([]) == {"key_results": 0, "measured": 0, "reached": 0, "on_track": 0, "behind": 0,
                                 "past_due": 0}
