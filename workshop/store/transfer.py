"""A whole workshop as data, and back: the JSON export and import.

Driven by ``tables.WORKSHOP_TABLES``: every declared table's rows go out (with
the anonymous columns emptied) and come back in the declared order. Import
checks every reference so that an imported workshop can only point at its own
rows, never at another workshop's.
"""
from __future__ import annotations

import json

from ..domain import card_templates as card_rules
from ..domain import imports
from ..domain import workshop as rules
from ..domain.errors import Conflict, InvalidInput, NotFound
from . import tables, workshops
from .events import Tx
from .steps import give_migrated_agenda

FORMAT = "bowtie.workshop"
FORMAT_VERSION = 1
# The workshop's event counter is not exported: the import starts a fresh event log.
_WORKSHOP_SKIP = {"seq"}
_SCALARS = (str, int, float, type(None))


def dump(tx: Tx, workshop_id: str) -> dict:
    row = tx.one("SELECT * FROM workshops WHERE id = ?", [workshop_id])
    if row is None:
        raise NotFound("no such workshop")
    settings = json.loads(row["settings"] or "{}")
    workshop = {k: v for k, v in row.items() if k not in _WORKSHOP_SKIP}
    workshop["settings"] = settings
    # The columns travel with the workshop, so an import works on a server without its template.
    workshop["card_template"] = workshops.card_template_of(row).public()
    out = {}
    for table in tables.WORKSHOP_TABLES:
        hidden = table.anonymous(settings)
        rows = tables.rows(tx, table, workshop_id)  # fresh dicts: emptied in place (45,000 rows at a venue)
        if hidden:
            for row in rows:
                row.update((column, None) for column in hidden if column in row)
        out[table.name] = [table.scrub(settings, row) for row in rows]
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "workshop": workshop, "tables": out}


def restore(tx: Tx, data: object) -> dict:
    """Recreate an exported workshop with its ids; refuse it if any id is already here."""
    workshop, given = _check_envelope(data)
    if tx.one("SELECT 1 FROM workshops WHERE id = ?", [workshop["id"]]):
        raise Conflict("this workshop is already on this server")
    if tx.one("SELECT 1 FROM workshops WHERE code = ?", [workshop["code"]]):
        # Another workshop has this join code: the import gets a fresh one. Refusing
        # would tell anyone who can import whether a code exists (a join-code oracle
        # with no guard in front of it); ids are 128 bits and leak nothing.
        workshop = {**workshop, "code": workshops.free_code(tx)}
    _insert_workshop(tx, workshop)
    template = _card_template(workshop)
    imported: dict[str, set] = {"workshops": {workshop["id"]}}
    for table in tables.WORKSHOP_TABLES:
        rows = given.get(table.name, [])
        columns = set(tx.db.table(table.name).columns_dict)
        pks = tx.db.table(table.name).pks
        imports.check_unique(table.name, rows, tuple(pks))
        for index, row in enumerate(rows):
            _check_row(table, index, row, columns, template)
            _check_owner(table, row, workshop["id"], imported)
            if tx.one(f'SELECT 1 FROM "{table.name}" WHERE ' + " AND ".join(f'"{k}" = ?' for k in pks),
                      [row.get(k) for k in pks]):
                raise Conflict(f"a row of {table.name} in this file is already on this server")
        _check_references(tx, table, rows, imported)
        if rows:
            tx.db.table(table.name).insert_all(rows)
        if len(pks) == 1:
            imported[table.name] = {r.get(pks[0]) for r in rows}
    if not given.get("steps"):  # an export made before agendas
        give_migrated_agenda(tx.db, tx.row("SELECT * FROM workshops WHERE id = ?", [workshop["id"]]))
    tx.publish(workshop["id"], "workshop:imported", {"workshop_id": workshop["id"]})
    return {"id": workshop["id"], "code": workshop["code"], "title": workshop["title"],
            "rows": {name: len(given.get(name, [])) for name in (t.name for t in tables.WORKSHOP_TABLES)}}


def _check_envelope(data: object) -> tuple[dict, dict]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput(f"this is not a Bowtie workshop export (format {FORMAT!r})")
    if data.get("format_version") != FORMAT_VERSION:
        raise InvalidInput(f"this server reads export format version {FORMAT_VERSION}")
    workshop, given = data.get("workshop"), data.get("tables")
    if not isinstance(workshop, dict) or not isinstance(given, dict):
        raise InvalidInput("an export holds a workshop object and a tables object")
    unknown = set(given) - {t.name for t in tables.WORKSHOP_TABLES}
    if unknown:
        raise InvalidInput(f"unknown table {sorted(unknown)[0]!r} in the export")
    for name, rows in given.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InvalidInput(f"table {name} must be a list of objects")
    for key in ("id", "code", "title", "template", "phase", "facilitator_key_hash"):
        if not isinstance(workshop.get(key), str) or not workshop[key]:
            raise InvalidInput(f"the workshop needs {key}")
    imports.check_row("workshops", 0, workshop)
    _card_template(workshop)
    if not isinstance(workshop.get("settings", {}), dict):
        raise InvalidInput("workshop.settings: must be an object")
    try:
        rules.Settings().changed(**workshop.get("settings", {}))  # the rules of the settings screen
    except InvalidInput as bad:
        raise InvalidInput(f"workshop.settings: {bad.message}") from None
    return workshop, given


def _card_template(workshop: dict) -> card_rules.CardTemplate:
    """The workshop's columns: carried in the export (``card_template``), or a
    built-in named by ``template`` (an export made before the template library)."""
    carried = workshop.get("card_template")
    if carried is None:
        if workshop["template"] not in card_rules.BUILT_INS:
            raise InvalidInput(f"unknown template {workshop['template']!r} and no card_template in the export")
        return card_rules.BUILT_INS[workshop["template"]]
    template = card_rules.from_dict(carried)
    if template.key != workshop["template"]:
        raise InvalidInput("the workshop's card_template must have the key its template names")
    return template


def _insert_workshop(tx: Tx, workshop: dict) -> None:
    columns = set(tx.db.table("workshops").columns_dict) - _WORKSHOP_SKIP
    row = {k: v for k, v in workshop.items() if k in columns}
    row["settings"] = json.dumps(workshop.get("settings", {}))
    row["card_template"] = workshops.own_copy(_card_template(workshop))
    if not all(isinstance(v, _SCALARS) for v in row.values()):
        raise InvalidInput("workshop fields must be plain values")
    tx.db.table("workshops").insert({**row, "seq": 0})


def _check_row(table: tables.WorkshopTable, index: int, row: dict, columns: set[str],
               template: card_rules.CardTemplate) -> None:
    unknown = set(row) - columns
    if unknown:
        raise InvalidInput(f"{table.name}[{index}].{sorted(unknown)[0]}: unknown column")
    imports.check_row(table.name, index, row)
    if table.name == "cards":
        imports.check_card_column(template, index, row.get("column"))


def _check_owner(table: tables.WorkshopTable, row: dict, workshop_id: str, imported: dict[str, set]) -> None:
    if table.parent is None:
        if row.get(table.key) != workshop_id:
            raise InvalidInput(f"a row of {table.name} belongs to another workshop")
    elif row.get(table.key) not in imported.get(table.parent, set()):
        raise InvalidInput(f"a row of {table.name} points at a {table.parent} row not in this export")


def _check_references(tx: Tx, table: tables.WorkshopTable, rows: list[dict], imported: dict[str, set]) -> None:
    """Every foreign key must name a row of this same export (or nothing)."""
    workshop_tables = {t.name for t in tables.WORKSHOP_TABLES} | {"workshops"}
    for fk in tx.db.table(table.name).foreign_keys:
        if fk.other_table not in workshop_tables:
            continue
        # A table declared later than this one is not imported yet: nothing may point at it.
        allowed = imported.get(fk.other_table, set())
        if fk.other_table == table.name:
            allowed = allowed | {r.get(fk.other_column) for r in rows}
        for row in rows:
            value = row.get(fk.column)
            if value is not None and value not in allowed:
                raise InvalidInput(f"{table.name}.{fk.column} points outside this workshop")
