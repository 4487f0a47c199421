"""Objectives and key results: drafted by the room or by pillar teams, presented,
then accepted, edited or sent back by the facilitator.

With pillar teams (the OKRs step's scope is ``groups``) a draft is its group's
alone: its events go to the group's audience (and the facilitators, who watch
every room), and a participant's snapshot holds only their group's drafts.
Presented, accepted and sent-back objectives are the room's.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence

from ..domain import audiences
from ..domain import okrs as rules
from ..domain.agenda import Step
from ..domain.cards import client_id
from ..domain.errors import NotFound
from ..domain.steps.okrs import pillar_teams
from ..domain.viewer import Viewer
from .agenda import record_data
from .events import Tx
from .steps import running_step
from .workshops import Workshop

_KR = ("id", "statement", "metric", "unit", "baseline", "target", "due", "owner")
_PRIVATE = (rules.DRAFT,)


def today() -> dt.date:
    """The workshop's calendar day, by which a due date is in the future (UTC, as the server keeps time)."""
    return dt.datetime.now(dt.timezone.utc).date()


def objectives(tx: Tx, workshop_id: str, *, group_id: str | None = None, everything: bool = True) -> list[dict]:
    """The workshop's objectives with their key results; without ``everything``
    only those the room sees and the drafts of ``group_id``."""
    where = "workshop_id = ?"
    params: list[str | None] = [workshop_id]
    if not everything:
        where += " AND (group_id IS NULL OR group_id = ? OR state <> ?)"
        params += [group_id, rules.DRAFT]
    rows = tx.query(f"SELECT id, step_id, pillar_id, group_id, text, horizon, state, note FROM objectives "
                    f"WHERE {where} ORDER BY created_at, id", params)
    krs: dict[str, list[dict]] = {r["id"]: [] for r in rows}
    for kr in tx.query("SELECT objective_id, " + ", ".join(_KR) + " FROM key_results WHERE workshop_id = ? "
                       "ORDER BY objective_id, position", [workshop_id]):
        if kr["objective_id"] in krs:
            kr["move"] = rules.move_text(kr["baseline"], kr["target"], kr["unit"])
            krs[kr.pop("objective_id")].append(kr)
    return [{**r, "horizon_label": rules.HORIZONS[r["horizon"]], "key_results": krs[r["id"]]} for r in rows]


def teams(tx: Tx, workshop_id: str) -> list[dict]:
    return tx.query("SELECT step_id, group_id, pillar_id FROM pillar_teams WHERE workshop_id = ? ORDER BY step_id",
                    [workshop_id])


def _one(tx: Tx, workshop_id: str, objective_id: str) -> dict:
    return next(o for o in objectives(tx, workshop_id) if o["id"] == objective_id)


def _audience(step: Step, row: dict) -> str:
    private = pillar_teams(step.settings) and row["group_id"] and row["state"] in _PRIVATE
    return audiences.group(row["group_id"]) if private else audiences.ALL


def _publish(tx: Tx, workshop: Workshop, step: Step, objective_id: str) -> dict:
    objective = _one(tx, workshop.id, objective_id)
    tx.publish(workshop.id, "okr:changed", {"objective": objective}, audience=_audience(step, objective))
    return objective


def _step(tx: Tx, workshop: Workshop) -> Step:
    step = running_step(tx, workshop.id)
    rules.okr_step(step)
    assert step is not None
    return step


def _pillar_of_step(tx: Tx, workshop: Workshop, step: Step, pillar_id: object) -> dict:
    row = tx.one("SELECT id, step_id FROM pillars WHERE id = ? AND workshop_id = ?", [pillar_id, workshop.id]) \
        if isinstance(pillar_id, str) else None
    if row is None or row["step_id"] != step.works_on:
        raise NotFound(f"no such pillar in the step {step.title!r} works on")
    return row


def _team_pillar(tx: Tx, step: Step, group_id: str | None) -> str | None:
    row = tx.one("SELECT pillar_id FROM pillar_teams WHERE step_id = ? AND group_id = ?", [step.id, group_id]) \
        if group_id else None
    return row["pillar_id"] if row else None


def _team_of(tx: Tx, step: Step, pillar_id: str) -> str | None:
    row = tx.one("SELECT group_id FROM pillar_teams WHERE step_id = ? AND pillar_id = ? ORDER BY group_id",
                 [step.id, pillar_id])
    return row["group_id"] if row else None


def load(tx: Tx, workshop: Workshop, objective_id: object) -> dict:
    row = tx.one("SELECT * FROM objectives WHERE id = ? AND workshop_id = ?", [objective_id, workshop.id]) \
        if isinstance(objective_id, str) else None
    if row is None:
        raise NotFound("no such objective in this workshop")
    return row


def save(tx: Tx, workshop: Workshop, person: dict | None, objective_id: object, pillar_id: object,
         words: object, horizon: object, key_results: Sequence[dict]) -> dict:
    """Draft an objective, or change one: its words, horizon and key results as a whole."""
    oid = client_id(objective_id)
    step = _step(tx, workshop)
    pillar = _pillar_of_step(tx, workshop, step, pillar_id)
    existing = tx.one("SELECT * FROM objectives WHERE id = ?", [oid])
    if existing and (existing["workshop_id"] != workshop.id or existing["pillar_id"] != pillar["id"]):
        raise NotFound("that objective id belongs to another pillar")
    group_id = person["group_id"] if person else None
    rules.may_draft(step, facilitator=person is None, state=existing["state"] if existing else None,
                    pillar_id=pillar["id"],
                    team_pillar=_team_pillar(tx, step, group_id), pillar_teams=pillar_teams(step.settings))
    given = [(client_id(kr.get("id") if isinstance(kr, dict) else None, field="key result id"), kr)
             for kr in key_results]
    drafted = rules.objective(words, horizon, given, today())
    now = time.time()
    if existing is None:
        team = group_id if person else _team_of(tx, step, pillar["id"])
        tx.db.table("objectives").insert({
            "id": oid, "workshop_id": workshop.id, "step_id": step.id, "pillar_id": pillar["id"],
            "group_id": team if pillar_teams(step.settings) else None, "text": drafted.text,
            "horizon": drafted.horizon, "state": rules.DRAFT, "note": "", "created_at": now, "updated_at": now})
        record_data(tx, workshop.id, step.id)
    else:
        state = rules.state_after_save(existing["state"], facilitator=person is None)
        tx.db.table("objectives").update(oid, {"text": drafted.text, "horizon": drafted.horizon, "state": state,
                                               "updated_at": now})
    tx.db.execute("DELETE FROM key_results WHERE objective_id = ?", [oid])
    tx.db.table("key_results").insert_all([
        {"workshop_id": workshop.id, "objective_id": oid, "position": i,
         **{k: getattr(kr, k) for k in _KR}} for i, kr in enumerate(drafted.key_results)], pk="id")
    return _publish(tx, workshop, step, oid)


def present(tx: Tx, workshop: Workshop, person: dict | None, objective_id: object) -> dict:
    """The team presents its objective to the room: two to five key results."""
    step = _step(tx, workshop)
    row = load(tx, workshop, objective_id)
    if row["state"] == rules.PRESENTED:
        return _one(tx, workshop.id, row["id"])  # a retry
    group_id = person["group_id"] if person else None
    rules.may_draft(step, facilitator=person is None, state=row["state"], pillar_id=row["pillar_id"],
                    team_pillar=_team_pillar(tx, step, group_id), pillar_teams=pillar_teams(step.settings))
    count = tx.row("SELECT COUNT(*) AS n FROM key_results WHERE objective_id = ?", [row["id"]])["n"]
    rules.require_presentable(count)
    tx.db.table("objectives").update(row["id"], {"state": rules.PRESENTED, "note": "", "updated_at": time.time()})
    return _publish(tx, workshop, step, row["id"])


def review(tx: Tx, workshop: Workshop, objective_id: object, accept: bool, note: object = None) -> dict:
    """The facilitator accepts a presented objective, or sends it back with a note."""
    step = running_step(tx, workshop.id)
    rules.review(step)
    assert step is not None
    row = load(tx, workshop, objective_id)
    wanted = rules.ACCEPTED if accept else rules.SENT_BACK
    if row["state"] == wanted:
        return _one(tx, workshop.id, row["id"])  # a retry
    rules.require_presented(row["state"])
    tx.db.table("objectives").update(row["id"], {
        "state": wanted, "note": "" if accept else rules.note(note), "updated_at": time.time()})
    return _publish(tx, workshop, step, row["id"])


def assign(tx: Tx, workshop: Workshop, group_id: object, pillar_id: object) -> list[dict]:
    """Make a group the team of a pillar for the running OKRs step."""
    step = running_step(tx, workshop.id)
    rules.review(step)
    assert step is not None
    pillar = _pillar_of_step(tx, workshop, step, pillar_id)
    group = tx.one("SELECT id FROM groups WHERE id = ? AND workshop_id = ?", [group_id, workshop.id]) \
        if isinstance(group_id, str) else None
    if group is None:
        raise NotFound("no such group in this workshop")
    tx.db.execute("INSERT INTO pillar_teams (step_id, group_id, workshop_id, pillar_id) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT (step_id, group_id) DO UPDATE SET pillar_id = excluded.pillar_id",
                  [step.id, group["id"], workshop.id, pillar["id"]])
    everything = teams(tx, workshop.id)
    tx.publish(workshop.id, "okr:teams", {"teams": everything})
    return everything


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """Snapshot: the facilitator reads every objective; a participant the room's and their group's drafts."""
    return {"okrs": {"objectives": objectives(tx, workshop.id, group_id=viewer.group_id,
                                              everything=viewer.facilitator),
                     "teams": teams(tx, workshop.id)}}
