"""The summary model follows the workshop's own agenda: its steps in order with planned and actual
minutes, what each step made, and the steps removed while they held data; every export follows it."""
from __future__ import annotations

import csv
import io
import json

import pytest

from workshop.domain import workshop as rules
from workshop.domain.agenda import Agenda, new_step
from workshop.export import csv_zip, markdown
from workshop.store import agenda, workshops
from workshop.store.summary import summary

T = 1_800_000_000.0
MINUTE = 60.0


def custom_agenda() -> Agenda:
    return Agenda.wired([
        new_step("lobby", "lobby", title="Welcome", minutes=5),
        new_step("collect", "warm-up", title="Warm-up", minutes=10, settings={"card_template": "four-questions"}),
        new_step("collect", "retro", title="Retro cards", minutes=15),
        new_step("vote", "vote", title="Vote on the retro cards", minutes=5, works_on="retro"),
        new_step("collect", "extra", title="Extra round", minutes=5),
        new_step("summary", "summary", title="Wrap-up", minutes=10),
    ])


def add_card(tx, workshop_id: str, card_id: str, column: str, text: str) -> None:
    """A card as the running step writes it: the schema gives it that step."""
    tx.db.execute('INSERT INTO cards (id, workshop_id, "column", text, created_at, updated_at)'
                  " VALUES (?, ?, ?, ?, 0, 0)", [card_id, workshop_id, column, text])


def open_vote(tx, workshop_id: str) -> None:
    tx.db.execute("INSERT INTO votes (id, workshop_id, status, dots_per_participant, max_per_item, own_items, items,"
                  " opened_at) VALUES ('v1', ?, 'open', 5, 3, 1, ?, ?)", [workshop_id, json.dumps([]), T])


def go(store, workshop_id: str, step_id: str, at: float) -> None:
    store.write(lambda tx: agenda.save(tx, workshop_id, agenda.load(tx, workshop_id).go_to(step_id, at)))


@pytest.fixture
def run(store):
    """Welcome 4 minutes, Warm-up 12 (two cards), Retro cards 20 (three cards), the vote running for
    3 minutes when the summary is read; the extra round held a card and was removed; Wrap-up not run."""
    created, _ = store.write(workshops.create, rules.new_workshop("Team retro"))
    wid = created["id"]
    store.write(lambda tx: agenda.save(tx, wid, custom_agenda()))
    go(store, wid, "lobby", T)
    go(store, wid, "warm-up", T + 4 * MINUTE)
    store.write(lambda tx: (add_card(tx, wid, "w1", "doing-well", "Demos"), add_card(tx, wid, "w2", "invest", "CI")))
    go(store, wid, "extra", T + 10 * MINUTE)
    store.write(lambda tx: add_card(tx, wid, "x1", "start", "Said in the extra round"))
    go(store, wid, "retro", T + 16 * MINUTE)
    store.write(lambda tx: [add_card(tx, wid, f"r{n}", column, text) for n, (column, text) in
                            enumerate([("start", "Pairing"), ("stop", "Late standups"), ("continue", "Demos")])])
    go(store, wid, "vote", T + 36 * MINUTE)
    store.write(lambda tx: open_vote(tx, wid))
    store.write(lambda tx: agenda.save(tx, wid, agenda.load(tx, wid).remove("extra", confirm=True)))
    return store.read(summary, wid, T + 39 * MINUTE)


def steps_by_id(model: dict) -> dict[str, dict]:
    return {s["id"]: s for s in [*model["agenda"]["steps"], *model["agenda"]["removed"]]}


def test_the_steps_come_in_agenda_order_with_their_planned_minutes(run):
    assert [(s["title"], s["kind"], s["planned_minutes"]) for s in run["agenda"]["steps"]] == [
        ("Welcome", "lobby", 5), ("Warm-up", "collect", 10), ("Retro cards", "collect", 15),
        ("Vote on the retro cards", "vote", 5), ("Wrap-up", "summary", 10)]
    assert [s["position"] for s in run["agenda"]["steps"]] == [1, 2, 3, 4, 5]
    assert run["agenda"]["planned_minutes"] == 45


def test_actual_minutes_are_end_minus_start_for_done_steps_and_until_now_for_the_running_one(run):
    steps = steps_by_id(run)
    assert steps["lobby"]["actual_minutes"] == 4
    assert steps["warm-up"]["actual_minutes"] == 6  # it was left for the extra round at minute 10
    assert steps["retro"]["actual_minutes"] == 20
    assert (steps["vote"]["state"], steps["vote"]["actual_minutes"]) == ("running", 3)
    assert (steps["summary"]["state"], steps["summary"]["actual_minutes"]) == ("planned", None)


def test_each_card_belongs_to_its_own_collect_step_with_that_steps_column_titles(run):
    cards = {c["id"]: c for c in run["cards"]}
    assert {c["step_id"] for k, c in cards.items() if k.startswith("w")} == {"warm-up"}
    assert {c["step_id"] for k, c in cards.items() if k.startswith("r")} == {"retro"}
    assert (cards["w1"]["column_title"], cards["r0"]["column_title"]) == ("Doing well", "Start")
    steps = steps_by_id(run)
    assert steps["warm-up"]["made"]["cards"] == 2 and steps["retro"]["made"]["cards"] == 3
    assert [c["title"] for c in steps["warm-up"]["columns"]][:2] == ["Doing well", "Invest further"]


def test_the_vote_belongs_to_the_vote_step(run):
    assert [v["step_id"] for v in run["votes"]] == ["vote"]
    assert steps_by_id(run)["vote"]["made"] == {"cards": 0, "clusters": 0, "votes": 1, "topics": 0, "polls": 0}


def test_a_step_removed_while_holding_cards_is_listed_as_removed_with_them(run):
    assert "extra" not in [s["id"] for s in run["agenda"]["steps"]]
    (removed,) = run["agenda"]["removed"]
    assert (removed["id"], removed["removed"], removed["position"], removed["made"]["cards"]) == ("extra", True, None, 1)
    assert removed["actual_minutes"] == 6


def test_the_markdown_export_has_one_section_per_step_in_agenda_order_then_the_removed_one(run):
    text = markdown.render(run)
    headings = [line for line in text.splitlines() if line.startswith("## Step") or line.startswith("## Removed")]
    assert headings == ["## Step 1: Welcome", "## Step 2: Warm-up", "## Step 3: Retro cards",
                        "## Step 4: Vote on the retro cards", "## Step 5: Wrap-up", "## Removed step: Extra round"]
    warm_up = text[text.index("## Step 2: Warm-up"):text.index("## Step 3")]
    assert "### Doing well" in warm_up and "- Demos (no group)" in warm_up and "Pairing" not in warm_up
    assert "| 4 | Vote on the retro cards | Vote | 5 min | 3 min so far | running |" in text
    assert "| 5 | Wrap-up | Summary | 10 min |  | not run |" in text
    assert "|  | Extra round | Collect | 5 min | 6 min | removed |" in text


def test_steps_csv_has_a_row_per_step_with_planned_and_actual_minutes_and_the_removed_step_last(run):
    rows = list(csv.DictReader(io.StringIO(csv_zip.files(run)["steps.csv"])))
    assert [(r["step_id"], r["planned_minutes"], r["actual_minutes"], r["state"], r["removed"]) for r in rows] == [
        ("lobby", "5", "4.0", "done", "0"), ("warm-up", "10", "6.0", "done", "0"), ("retro", "15", "20.0", "done", "0"),
        ("vote", "5", "3.0", "running", "0"), ("summary", "10", "", "planned", "0"), ("extra", "5", "6.0", "done", "1")]
    cards = list(csv.DictReader(io.StringIO(csv_zip.files(run)["cards.csv"])))
    assert {r["text"]: r["step_id"] for r in cards}["Said in the extra round"] == "extra"
