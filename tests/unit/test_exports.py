"""Golden files of the Markdown and CSV exports for a fixed workshop, and the JSON round trip.

Regenerate the golden files after an intended change with
``BOWTIE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_exports.py``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.golden import fixed_workshop
from workshop.domain.card_templates import BUILT_INS
from workshop.domain.errors import Conflict, InvalidInput
from workshop.domain.workshop import PHASES
from workshop.export import csv_zip, json_io, markdown
from workshop.store import Store, agenda, transfer
from workshop.store.steps import STEP_TABLES
from workshop.store.summary import summary

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("BOWTIE_UPDATE_GOLDEN") == "1"


@pytest.fixture
def fixed(store):
    store.write(transfer.restore, fixed_workshop.export())
    return store.read(summary, fixed_workshop.W, fixed_workshop.NOW)


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"no golden file {name}: run with BOWTIE_UPDATE_GOLDEN=1 once"
    assert actual == path.read_bytes().decode("utf-8"), f"{name} differs from its golden file"


def test_markdown_export_matches_golden_file(fixed):
    check_golden("workshop.md", markdown.render(fixed))


CSV_NAMES = ["workshop.csv", "steps.csv", "cards.csv", "clusters.csv", "votes.csv", "topics.csv", "elmos.csv", "actions.csv",
             "polls.csv", "poll_answers.csv", "participants.csv", "feedback.csv", "analytics.csv"]


@pytest.mark.parametrize("name", CSV_NAMES)
def test_csv_export_matches_golden_file(fixed, name):
    check_golden(f"csv/{name}", csv_zip.files(fixed)[name])


def test_csv_zip_holds_one_file_per_kind_with_a_byte_order_mark(fixed):
    archive = zipfile.ZipFile(io.BytesIO(csv_zip.render(fixed)))
    assert archive.namelist() == CSV_NAMES
    assert archive.read("cards.csv").startswith("\ufeff".encode())


def read_cards(fixed) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_zip.files(fixed)["cards.csv"])))


def test_csv_hyperlink_formula_comes_out_as_text(fixed):
    texts = [row["text"] for row in read_cards(fixed)]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in texts
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)


def test_csv_text_with_quotes_commas_and_new_lines_survives(fixed):
    texts = [row["text"] for row in read_cards(fixed)]
    assert 'Meetings "just to sync", with no agenda' in texts
    assert "Pairing on incidents\nand writing them up" in texts


@pytest.mark.parametrize("typed, cell", [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tTAB", "'\tTAB"),
    ("\rCR", "'\rCR"), ("plain, text", "plain, text"), ("", ""), (7, "7"), (None, ""), (-3, "-3"), (True, "1"),
])
def test_csv_cells_are_safe_for_spreadsheets(typed, cell):
    written = csv_zip.write(("value",), [{"value": typed}])
    assert list(csv.reader(io.StringIO(written, newline=""))) == [["value"], [cell]]


def test_markdown_shows_typed_text_literally(fixed):
    text = markdown.render(fixed)
    assert "\\- Releasing on Fridays, \\*always\\* at 5pm" in text
    assert "@here announcements \\| Slack" in text


def test_json_export_import_export_gives_the_same_json(store, fixed, tmp_path):
    first = json_io.render(store.read(transfer.dump, fixed_workshop.W))
    empty = Store(str(tmp_path / "empty.db"))
    try:
        empty.write(transfer.restore, json_io.parse(first))
        second = json_io.render(empty.read(transfer.dump, fixed_workshop.W))
        assert empty.read(summary, fixed_workshop.W)["cards"] == fixed["cards"]
    finally:
        empty.close()
    assert second == first


def test_json_export_is_one_row_per_line_and_reads_back_as_the_data(store, fixed):
    dumped = store.read(transfer.dump, fixed_workshop.W)
    raw = json_io.render(dumped)
    assert json.loads(raw) == dumped
    lines = [line.rstrip(",") for line in raw.decode("utf-8").splitlines()]
    # A diff of two exports shows the rows that changed, each whole: one row on each line.
    on_lines = [json.loads(line) for line in lines if line.startswith("      {")]
    assert on_lines == [row for name in sorted(dumped["tables"]) for row in dumped["tables"][name]]
    assert lines[:2] == ["{", '  "format": "bowtie.workshop"']


# A row's values as SQLite holds them, and texts that look like the seam between two rows.
_VALUES = st.one_of(st.none(), st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=30),
                    st.sampled_from(['},{"', '},{', '},{"id":', '"},{"id":1', '},{"column":"x"', "}", '{"', "\\", "\n"]))
_COLUMNS = st.lists(st.sampled_from(["id", "text", "column", "z"]), min_size=1, unique=True)


@st.composite
def _table(draw):
    """Rows with the same columns, as a table's are."""
    columns = draw(_COLUMNS)
    return draw(st.lists(st.fixed_dictionaries({c: _VALUES for c in columns}), max_size=6))


def _lines_of_rows(raw: bytes) -> list:
    lines = raw.decode("utf-8").split("\n")  # not splitlines(): a text may hold U+0085 or U+2028
    return [json.loads(line.rstrip(",")) for line in lines if line.startswith("      {")]


@given(_table())
def test_each_row_of_a_table_is_one_line_whatever_its_texts_hold(rows):
    raw = json_io.render({"tables": {"cards": rows}})
    assert _lines_of_rows(raw) == rows
    assert json.loads(raw) == {"tables": {"cards": rows}}


@given(st.lists(st.dictionaries(st.sampled_from(["id", "text", "column", "z"]), _VALUES, min_size=1), max_size=6))
def test_rows_of_differing_columns_are_still_one_line_each(rows):
    raw = json_io.render({"tables": {"cards": rows}})
    assert _lines_of_rows(raw) == rows


def test_rows_are_exported_in_the_order_they_were_written_and_an_import_keeps_it(store, tmp_path):
    # A diff of two exports of one workshop shows what was added at the end of each table.
    data = fixed_workshop.export()
    cards = data["tables"]["cards"]
    assert len(cards) > 2
    data["tables"]["cards"] = written = sorted(cards, key=lambda c: c["id"], reverse=True)
    store.write(transfer.restore, data)
    first = store.read(transfer.dump, fixed_workshop.W)
    assert [c["id"] for c in first["tables"]["cards"]] == [c["id"] for c in written]
    again = Store(str(tmp_path / "again.db"))
    try:
        again.write(transfer.restore, json_io.parse(json_io.render(first)))
        assert json_io.render(again.read(transfer.dump, fixed_workshop.W)) == json_io.render(first)
    finally:
        again.close()


def test_json_export_keeps_the_fixed_workshop_exactly_but_anonymous(store, fixed):
    expected = fixed_workshop.export()
    for name in ("feedback", "poll_answers", "elmos"):  # feedback, poll reasons and Elmos name no one
        expected["tables"][name] = [{**row, "participant_id": None} for row in expected["tables"][name]]
    dumped = store.read(transfer.dump, fixed_workshop.W)
    # The columns an export named by key now travel with it (test_template_library.py).
    assert dumped["workshop"].pop("card_template") == BUILT_INS[expected["workshop"]["template"]].public()
    for row in dumped["tables"]["topics"]:
        assert row.pop("fixed") == 0  # made before times were set by hand: the plan shares them
    for name in ("clusters", "votes"):  # made before groups had boards of their own: the room's
        for row in dumped["tables"][name]:
            assert row.pop("group_id") is None
    for name in ("pillars", "pillar_links", "snippets", "snippet_adds", "pillar_teams", "objectives",
                 "key_results"):  # made before pillars and OKRs: none
        assert dumped["tables"].pop(name) == []
    for name in ("statement_steps", "statements", "statement_marks", "committed_sentences"):
        assert dumped["tables"].pop(name) == []  # made before the statements step
    for name in ("step_elmos", "step_elmo_present"):
        assert dumped["tables"].pop(name) == []  # made before Elmos on steps
    assert dumped == expected


def test_the_agenda_and_the_step_of_every_row_survive_export_and_import_exactly(store, fixed, tmp_path):
    first = store.read(transfer.dump, fixed_workshop.W)
    assert first["tables"]["steps"] == fixed_workshop.export()["tables"]["steps"]
    empty = Store(str(tmp_path / "empty.db"))
    try:
        empty.write(transfer.restore, json_io.parse(json_io.render(first)))
        again = empty.read(transfer.dump, fixed_workshop.W)
        assert again["tables"]["steps"] == first["tables"]["steps"]
        for table in STEP_TABLES.values():
            assert [r["step_id"] for r in again["tables"][table]] == [r["step_id"] for r in first["tables"][table]]
        assert empty.read(agenda.load, fixed_workshop.W) == store.read(agenda.load, fixed_workshop.W)
    finally:
        empty.close()


def test_an_export_made_before_agendas_imports_as_the_team_retrospective_in_its_phase(store):
    store.write(transfer.restore, fixed_workshop.export_before_agendas())
    tables = store.read(transfer.dump, fixed_workshop.W)["tables"]
    in_order = sorted(tables["steps"], key=lambda s: s["position"])
    steps = {s["kind"]: s for s in in_order}
    assert [s["kind"] for s in in_order] == list(PHASES)
    assert [s["state"] for s in in_order] == ["done"] * 6 + ["running"]  # the export was in summary
    for kind, table in STEP_TABLES.items():
        assert {row["step_id"] for row in tables[table]} == {steps[kind]["id"]}
        assert steps[kind]["has_data"] == 1


def test_importing_a_workshop_twice_is_a_conflict(store, fixed):
    with pytest.raises(Conflict):
        store.write(transfer.restore, fixed_workshop.export())


def test_import_refuses_a_row_pointing_into_another_workshop(store, fixed):
    other = fixed_workshop.export()
    other["workshop"].update(id="a" * 32, code="HHHHHH")
    person = {**other["tables"]["participants"][0], "id": "x" * 32, "workshop_id": "a" * 32}
    person["group_id"] = fixed_workshop.GROUPS[0]["id"]  # the fixed workshop's group, not one of this export
    other["tables"] = {"participants": [person]}
    with pytest.raises(InvalidInput, match="outside this workshop"):
        store.write(transfer.restore, other)
    assert store.read(lambda tx: tx.one("SELECT COUNT(*) AS n FROM workshops"))["n"] == 1


@pytest.mark.parametrize("broken", [
    {}, {"format": "other"}, {"format": "bowtie.workshop", "format_version": 99},
    {"format": "bowtie.workshop", "format_version": 1, "workshop": {}, "tables": {}},
    {"format": "bowtie.workshop", "format_version": 1, "workshop": {"id": "w"}, "tables": {"secrets": []}},
])
def test_import_refuses_what_is_not_a_workshop_export(store, broken):
    with pytest.raises(InvalidInput):
        store.write(transfer.restore, broken)


def test_json_export_hides_blind_card_authors_feedback_and_poll_answers(store):
    data = fixed_workshop.export()
    data["workshop"]["settings"]["blind_writing"] = True
    store.write(transfer.restore, data)
    dumped = store.read(transfer.dump, fixed_workshop.W)
    assert {c["participant_id"] for c in dumped["tables"]["cards"]} == {None}
    assert {f["participant_id"] for f in dumped["tables"]["feedback"]} == {None}
    assert {a["participant_id"] for a in dumped["tables"]["poll_answers"]} == {None}
    ballot = json.loads(dumped["tables"]["votes"][0]["items"])
    assert ballot and all(item["author_ids"] == [] for item in ballot)


def test_json_export_keeps_card_authors_without_blind_writing(store, fixed):
    dumped = store.read(transfer.dump, fixed_workshop.W)
    assert None not in {c["participant_id"] for c in dumped["tables"]["cards"]}


@given(st.text(max_size=200))
def test_any_typed_text_survives_csv_and_never_starts_a_formula(typed):
    (row,) = list(csv.reader(io.StringIO(csv_zip.write(("text",), [{"text": typed}]), newline="")))[1:]
    cell = row[0]
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell == typed or cell == "'" + typed
