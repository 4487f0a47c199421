"""Key results, measured: after the offsite the organiser records each key result's
figure, and the journey shows where each stands against the time gone."""
# ruff: noqa: F811 (the fixtures are imported, then named as arguments)
from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import new_id
from tests.socket.test_briefings import path_of
from tests.socket.test_journey_feed import journey  # noqa: F401 (fixture)
from tests.socket.test_journey_projects import key_results, pillars  # noqa: F401 (fixture)
from tests.socket.test_pillars_okrs import objective, offsite  # noqa: F401 (fixture)
from workshop.domain.journeys import JourneyNotFound
from workshop.store import progress


def record(http, journey, key_result_id: str, value, **extra):
    return http.post(f"/api/journeys/{journey['id']}/readings",
                     json={"id": new_id(), "key_result_id": key_result_id, "value": value, **extra})


def standing(http, journey) -> dict[str, dict]:
    """Each key result as the organiser sees it, by its statement."""
    board = http.get(f"/api/journeys/{journey['id']}/key-results").json
    return {kr["statement"]: kr for g in board["groups"] for kr in g["key_results"]}


def test_the_offsites_key_results_wait_for_a_first_reading_under_their_pillars(http, journey, key_results):
    board = http.get(f"/api/journeys/{journey['id']}/key-results").json
    assert [(g["pillar"]["name"], [kr["statement"] for kr in g["key_results"]]) for g in board["groups"]] == [
        ("Enable our people", ["Focus hours up", "Fewer meetings"]),
        ("Customers first", ["NPS above 40", "Churn below 5%"])]  # Scale smart has none: not shown
    assert board["summary"] == {"key_results": 4, "measured": 0, "reached": 0, "on_track": 0, "behind": 0,
                                "past_due": 0}
    focus = board["groups"][0]["key_results"][0]
    assert (focus["move"], focus["status"], focus["status_label"]) == ("10 h → 20 h", "no_reading", "No reading yet")
    assert board["statuses"]["behind"] == "Behind" and board["today"] == dt.datetime.now(dt.timezone.utc).date().isoformat()
    page = " ".join(http.get(f"/journeys/{journey['id']}").get_data(as_text=True).split())
    assert "Key results: where they stand" in page and "0 of 4</strong> key results on track" in page
    assert "Key results</a>: 0 of 4 on track, 0 with a reading" in page  # in Carry back


def test_the_latest_reading_by_its_day_tells_the_way_made_and_whether_it_keeps_up(http, journey, key_results):
    today = dt.datetime.now(dt.timezone.utc).date()
    focus = key_results["Focus hours up"]
    assert record(http, journey, focus, "15", note="after the pilot").status_code == 201
    earlier = record(http, journey, focus, 19, taken_on=(today - dt.timedelta(days=7)).isoformat())
    assert earlier.status_code == 201 and earlier.json["reading"]["value"] == 19
    assert record(http, journey, key_results["Fewer meetings"], "9,5").status_code == 201  # a decimal comma
    assert record(http, journey, key_results["NPS above 40"], 20).status_code == 201
    shown = standing(http, journey)
    assert (shown["Focus hours up"]["latest"], shown["Focus hours up"]["way_percent"],
            shown["Focus hours up"]["status"]) == (15, 50, "on_track")  # the week-old 19 is older
    assert [r["value"] for r in shown["Focus hours up"]["readings"]] == [19, 15]
    assert (shown["Fewer meetings"]["way_percent"], shown["Fewer meetings"]["status"]) == (-5, "behind")
    assert (shown["NPS above 40"]["way_percent"], shown["NPS above 40"]["status_label"]) == (100, "Reached")
    summary = http.get(f"/api/journeys/{journey['id']}/key-results").json["summary"]
    assert summary == {"key_results": 4, "measured": 3, "reached": 1, "on_track": 2, "behind": 1, "past_due": 0}
    page = " ".join(http.get(f"/journeys/{journey['id']}").get_data(as_text=True).split())
    assert "2 of 4</strong> key results on track (1 reached)" in page
    assert "Latest: 15 h on " in page and "after the pilot" in page and "9.5 h" in page
    # Two readings draw a line (one for each reading's day and figure); a single one does not.
    assert page.count('<svg class="trend"') == 1
    assert 'aria-label="Focus hours up: its readings against its baseline and its target (10 h → 20 h)"' in page
    assert f"<title>{today.isoformat()}: 15 h</title>" in page and ">target 20 h</text>" in page


def test_a_key_result_past_its_due_date_short_of_its_target_is_past_due(http, journey, key_results, monkeypatch):
    monkeypatch.setattr(progress, "today", lambda: dt.date(2099, 7, 1))  # the day after its due date
    assert record(http, journey, key_results["Focus hours up"], 18).status_code == 201
    assert record(http, journey, key_results["Fewer meetings"], 20).status_code == 201
    shown = standing(http, journey)
    assert (shown["Focus hours up"]["status"], shown["Focus hours up"]["time_percent"]) == ("past_due", 100)
    assert shown["Fewer meetings"]["status"] == "reached"
    assert shown["NPS above 40"]["status"] == "no_reading"


def test_a_retried_reading_is_recorded_once_and_another_journeys_id_is_refused(http, journey, key_results):
    payload = {"id": new_id(), "key_result_id": key_results["Focus hours up"], "value": 12}
    answers = [http.post(f"/api/journeys/{journey['id']}/readings", json=payload) for _ in range(2)]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[1].json["reading"] == answers[0].json["reading"] and answers[0].json["reading"]["value"] == 12
    assert len(standing(http, journey)["Focus hours up"]["readings"]) == 1
    other = http.post("/api/journeys", json={"title": "Other"}).json
    taken = http.post(f"/api/journeys/{other['id']}/readings", json=payload)
    assert taken.status_code == 409 and taken.json["error"]["code"] == "reading_id_taken"


@pytest.mark.parametrize("fields, code", [
    ({"value": "a lot"}, "value_not_number"), ({"value": True}, "invalid"), ({"value": "9" * 41}, "invalid"),
    ({"value": 12, "taken_on": "31/03/2027"}, "bad_reading_date"),
    ({"value": 12, "taken_on": "2999-01-01"}, "reading_in_future"),
    ({"value": 12, "note": "n" * 201}, "invalid"), ({"value": 12, "key_result_id": "no-such"}, "unknown_key_result"),
    ({"value": 12, "key_result_id": 5}, "invalid"), ({}, "invalid")])
def test_a_bad_reading_is_refused_and_none_is_recorded(http, journey, key_results, fields, code):
    payload = {"id": new_id(), "key_result_id": key_results["Focus hours up"], **fields}
    refused = http.post(f"/api/journeys/{journey['id']}/readings", json=payload)
    assert refused.status_code == 400 and refused.json["error"]["code"] == code, refused.json
    assert all(not kr["readings"] for kr in standing(http, journey).values())


def test_a_draft_objectives_key_results_are_not_measured(http, journey, pillars, offsite):
    offsite.go(offsite.okrs_step)
    draft = objective(pillars["Scale smart"])
    assert offsite.facilitator.call("okr:save", draft)["ok"]  # saved, never presented
    refused = record(http, journey, draft["key_results"][0]["id"], 12)
    assert refused.status_code == 400 and refused.json["error"]["code"] == "unknown_key_result"
    assert http.get(f"/api/journeys/{journey['id']}/key-results").json["groups"] == []
    assert 'id="no-key-results"' in http.get(f"/journeys/{journey['id']}").get_data(as_text=True)


def test_a_reading_made_by_mistake_is_removed(http, journey, key_results):
    kept = record(http, journey, key_results["Focus hours up"], 12).json["reading"]
    wrong = record(http, journey, key_results["Focus hours up"], 120).json["reading"]
    removed = http.delete(f"/api/journeys/{journey['id']}/readings/{wrong['id']}")
    assert removed.status_code == 200 and removed.json["reading"]["value"] == 120
    again = http.delete(f"/api/journeys/{journey['id']}/readings/{wrong['id']}")
    assert again.status_code == 404 and again.json["error"]["code"] == "no_such_reading"
    assert [r["id"] for r in standing(http, journey)["Focus hours up"]["readings"]] == [kept["id"]]


def test_a_key_result_sent_back_keeps_its_readings_in_the_export_and_deletion_counts_them(
        http, journey, key_results, offsite):
    record(http, journey, key_results["Focus hours up"], 12, note="first count")
    record(http, journey, key_results["NPS above 40"], 33)
    sent_back = offsite.facilitator.call("okr:send_back", {"objective_id": key_results["Enable our people"],
                                                          "note": "Too vague"})
    assert sent_back["ok"], sent_back
    assert "Focus hours up" not in standing(http, journey)
    exported = http.get(f"/api/journeys/{journey['id']}/export").json["readings"]
    assert [(r["value"], r["key_result"], r["note"]) for r in exported] == [
        (12, None, "first count"), (33, "NPS above 40", "")]
    assert "its 2 readings of key results" in http.get(f"/journeys/{journey['id']}/delete").get_data(as_text=True)
    deleted = http.delete(f"/api/journeys/{journey['id']}", json={"confirm": "CX strategy"})
    assert deleted.json["deleted"]["key_result_readings"] == 2


def test_the_dashboard_shows_where_the_key_results_stand_and_its_csv_lists_them(http, journey, key_results):
    empty = http.get(f"/journeys/{journey['id']}/dashboard").get_data(as_text=True)
    assert "On track</dt><dd>0 / 4" in empty and "<title>" not in empty.split('id="measures-title"')[1].split(
        "</section>")[0]  # no bar without a reading
    record(http, journey, key_results["Focus hours up"], 15)
    record(http, journey, key_results["Fewer meetings"], 8)  # went the other way: no bar, its figure below 0
    record(http, journey, key_results["NPS above 40"], 20)
    page = http.get(f"/journeys/{journey['id']}/dashboard").get_data(as_text=True)
    assert "On track</dt><dd>2 / 4 (1 reached)" in page and "Behind</dt><dd>1" in page
    assert "Without a reading</dt><dd>1" in page
    assert "<title>Focus hours up: 50%</title>" in page and "<title>Fewer meetings: -20%</title>" in page
    assert 'width="180.0" height="18" rx="3"><title>Focus hours up: 50%' in page  # half the width: the target
    assert "-20%" in page and "15 h" in page
    block = http.get(f"/journeys/{journey['id']}/dashboard.csv").data.decode("utf-8-sig").split("\r\n\r\n")[-1]
    lines = block.split("\r\n")[:-1]
    assert lines[0] == ("Pillar,Key result,Metric,Unit,Baseline,Target,Due,Latest,Latest on,Way made %,"
                        "Time gone %,Status")
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert lines[1] == f"Enable our people,Focus hours up,Focus hours a week,h,10,20,2099-06-30,15,{today},50,0,On track"
    assert lines[2].endswith(f",8,{today},-20,0,Behind") and lines[3].endswith(f",20,{today},100,0,Reached")
    assert lines[4].endswith(",,,,0,No reading yet")
    assert len(lines) == 5


@pytest.mark.parametrize("kind", ["organisation", "leadership"])
def test_both_briefings_tell_where_each_key_result_stands_without_the_organisers_notes(http, journey, key_results,
                                                                                     kind):
    record(http, journey, key_results["Focus hours up"], 15, note="Ann counted them by hand")
    share = http.post(f"/api/journeys/{journey['id']}/briefings", json={"kind": kind}).json["share"]
    page = " ".join(http.get(path_of(share)).get_data(as_text=True).split())
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert f"now 15 h <small>({today})</small>: 50% of the way · On track" in page
    assert page.count("of the way") == 1  # the key results without a reading say nothing yet
    assert "counted them by hand" not in page


def test_the_store_refuses_a_journey_that_is_not_there_before_anything_else(app, key_results):
    store = app.extensions["bowtie"].store
    for ask in (lambda: store.read(progress.board, "no-such-journey"),
                lambda: store.write(progress.add, "no-such-journey", new_id(), "no-such-key-result", 12, None, None),
                lambda: store.write(progress.remove, "no-such-journey", "no-such-reading")):
        with pytest.raises(JourneyNotFound):
            ask()


def test_every_reading_downloads_as_csv_key_results_in_the_strategys_order_oldest_first(http, journey, key_results):
    today = dt.datetime.now(dt.timezone.utc).date()
    assert "Download the readings as CSV" not in http.get(f"/journeys/{journey['id']}").get_data(as_text=True)
    record(http, journey, key_results["NPS above 40"], 31)
    record(http, journey, key_results["Focus hours up"], "12,5", note="=SUM(A1)")
    record(http, journey, key_results["Focus hours up"], 11, taken_on=(today - dt.timedelta(days=3)).isoformat())
    assert "Download the readings as CSV" in http.get(f"/journeys/{journey['id']}").get_data(as_text=True)
    got = http.get(f"/journeys/{journey['id']}/readings.csv")
    assert got.status_code == 200 and got.headers["Content-Type"].startswith("text/csv")
    assert "readings.csv" in got.headers["Content-Disposition"]
    rows = [line.split(",")[:10] for line in got.data.decode("utf-8-sig").splitlines()]
    assert rows == [
        ["pillar", "key_result", "metric", "unit", "baseline", "target", "due", "taken_on", "value", "note"],
        ["Enable our people", "Focus hours up", "Focus hours a week", "h", "10", "20", "2099-06-30",
         (today - dt.timedelta(days=3)).isoformat(), "11", ""],
        ["Enable our people", "Focus hours up", "Focus hours a week", "h", "10", "20", "2099-06-30",
         today.isoformat(), "12.5", "'=SUM(A1)"],  # a note never runs as a formula
        ["Customers first", "NPS above 40", "Focus hours a week", "h", "10", "20", "2099-06-30",
         today.isoformat(), "31", ""]]
