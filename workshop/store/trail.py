"""Load what a trail may cross and ask ``domain.trail`` to walk it.

A trail crosses workshops along what was carried: the origins of a workshop's
starting material name the earlier workshop, and a later workshop's origins name
this one. From the workshops asked for, the store follows origins both ways
(with or without a journey) and loads those workshops' rows in a few reads each.
"""
from __future__ import annotations

from dataclasses import replace

from ..domain import trail as rules
from ..domain.okrs import HORIZONS
from . import projects
from .events import Tx
from .journeys import load as load_journey
from .journeys import sessions
from .workshops import load as load_workshop

MAX_WORKSHOPS = 200  # a journey of fifty sessions and its later stages, with room to spare


def _marks(ids: list[str]) -> str:
    return ", ".join("?" for _ in ids)


def _follow(tx: Tx, seeds: list[str], sql: str) -> list[str]:
    found = list(dict.fromkeys(seeds))
    fresh = list(found)
    while fresh and len(found) < MAX_WORKSHOPS:
        near = tx.query(sql.format(_marks(fresh)), fresh)
        fresh = [r["id"] for r in near if r["id"] not in found][:MAX_WORKSHOPS - len(found)]
        found += fresh
    return found


def connected(tx: Tx, workshop_ids: list[str]) -> list[str]:
    """These workshops, every existing one they carried material from (back), and
    every one that carried material from them (forward), transitively. Only these
    directions: a session's trail never needs its sibling sessions' rows."""
    earlier = _follow(tx, workshop_ids, "SELECT DISTINCT o.source_workshop_id AS id FROM origins o "
                                        "JOIN workshops w ON w.id = o.source_workshop_id WHERE o.workshop_id IN ({})")
    later = _follow(tx, workshop_ids, "SELECT DISTINCT workshop_id AS id FROM origins WHERE source_workshop_id IN ({})")
    return list(dict.fromkeys(earlier + later))[:MAX_WORKSHOPS]


def rows(tx: Tx, workshop_ids: list[str], *, follow: bool = True, cards: bool = True) -> rules.Rows:
    """``follow``: also the workshops carried from and into (a trail); without, these only
    (the index). ``cards``: the index lists no cards, and they are most of the rows."""
    ids = connected(tx, workshop_ids) if follow else list(dict.fromkeys(workshop_ids))
    marks = _marks(ids)
    workshops, columns = {}, {}
    for workshop_id in ids:
        workshop = load_workshop(tx, workshop_id)
        workshops[workshop_id] = rules.Workshop(workshop.id, workshop.title, workshop.settings.blind_writing)
        columns[workshop_id] = {c.key: c.title for c in workshop.template.columns}
    items = (_cards(tx, marks, ids, columns) if cards else []) + _clusters_and_topics(tx, marks, ids) + _strategy(tx, marks, ids)
    origins = [rules.Origin(**r) for r in tx.query(
        "SELECT item_id, kind, source_workshop_id, COALESCE(source_title, '') AS source_title, "
        "COALESCE(source_item_id, '') AS source_item_id, COALESCE(source_cluster, '') AS source_cluster, "
        f"COALESCE(source_group, '') AS source_group FROM origins WHERE workshop_id IN ({marks})", ids)]
    members = [(r["cluster_id"], r["card_id"]) for r in tx.query(
        f"SELECT cluster_id, card_id FROM cluster_cards WHERE workshop_id IN ({marks}) ORDER BY added_at", ids)] \
        if cards else []
    links = [(r["pillar_id"], r["source_kind"], r["source_id"]) for r in tx.query(
        f"SELECT pillar_id, source_kind, source_id FROM pillar_links WHERE workshop_id IN ({marks}) "
        "ORDER BY source_kind, source_id", ids)]
    return rules.Rows(workshops, items, origins, members, links)


def _cards(tx: Tx, marks: str, ids: list[str], columns: dict[str, dict[str, str]]) -> list[rules.Item]:
    return [rules.Item("card", r["id"], r["workshop_id"], r["text"], r["grp"] or "",
                       columns[r["workshop_id"]].get(r["column"], r["column"]), r["author"] or "")
            for r in tx.query('SELECT c.id, c.workshop_id, c.text, c."column", g.name AS grp, p.name AS author '
                              "FROM cards c LEFT JOIN groups g ON g.id = c.group_id "
                              "LEFT JOIN participants p ON p.id = c.participant_id "
                              f"WHERE c.workshop_id IN ({marks}) ORDER BY c.created_at, c.id", ids)]


def _clusters_and_topics(tx: Tx, marks: str, ids: list[str]) -> list[rules.Item]:
    clusters = [rules.Item("cluster", r["id"], r["workshop_id"], r["name"], r["grp"] or "")
                for r in tx.query("SELECT k.id, k.workshop_id, k.name, g.name AS grp FROM clusters k "
                                  f"LEFT JOIN groups g ON g.id = k.group_id WHERE k.workshop_id IN ({marks}) "
                                  "ORDER BY k.position, k.id", ids)]
    topics = [rules.Item("topic", r["id"], r["workshop_id"], r["title"], parent=r["cluster_id"] or "")
              for r in tx.query(f"SELECT id, workshop_id, title, cluster_id FROM topics WHERE workshop_id IN ({marks}) "
                                "ORDER BY position, id", ids)]
    return clusters + topics


def _strategy(tx: Tx, marks: str, ids: list[str]) -> list[rules.Item]:
    statements = [rules.Item("statement", r["id"], r["workshop_id"], r["text"], r["grp"] or "",
                             author=r["author"] if r["owner"].startswith("participant:") and r["author"] else "",
                             parent=r["step_id"])
                  for r in tx.query("SELECT s.id, s.workshop_id, s.step_id, s.owner, s.text, g.name AS grp, "
                                    "p.name AS author FROM statements s LEFT JOIN groups g ON g.id = s.group_id "
                                    "LEFT JOIN participants p ON p.id = s.participant_id "
                                    f"WHERE s.workshop_id IN ({marks}) ORDER BY s.written_at, s.id", ids)]
    sentences = [rules.Item("sentence", rules.sentence_id(r["workshop_id"], r["subject"]), r["workshop_id"],
                            r["text"], column=r["subject"], parent=r["step_id"])
                 for r in tx.query("SELECT workshop_id, subject, text, step_id FROM committed_sentences "
                                   f"WHERE workshop_id IN ({marks}) ORDER BY subject", ids)]
    pillars = [rules.Item("pillar", r["id"], r["workshop_id"], r["name"])
               for r in tx.query(f"SELECT id, workshop_id, name FROM pillars WHERE workshop_id IN ({marks}) "
                                 "ORDER BY step_id, position", ids)]
    objectives = [rules.Item("objective", r["id"], r["workshop_id"], r["text"], column=HORIZONS.get(r["horizon"], ""),
                             parent=r["pillar_id"])
                  for r in tx.query("SELECT id, workshop_id, pillar_id, text, horizon FROM objectives "
                                    f"WHERE workshop_id IN ({marks}) ORDER BY created_at, id", ids)]
    return statements + sentences + pillars + objectives


# -- what routes ask -----------------------------------------------------------------

def of_workshop(tx: Tx, workshop_id: str, kind: object, item_id: object, named: frozenset[str] | None) -> dict:
    """The trail of one item of this workshop (it may lead into others)."""
    load_workshop(tx, workshop_id)
    found = rules.trail(rows(tx, [workshop_id]), kind, item_id, within=frozenset({workshop_id}), named=named)
    return found.public()


def journey_workshops(tx: Tx, journey_id: str) -> list[str]:
    load_journey(tx, journey_id)
    return [s["id"] for s in sessions(tx, journey_id)]


def of_journey(tx: Tx, journey_id: str, kind: object, item_id: object) -> dict:
    """The trail of an item of any workshop of the journey, on to the journey's projects;
    names only of the journey's workshops."""
    held = journey_workshops(tx, journey_id)
    found_rows = rows(tx, held)
    found_rows = replace(found_rows, items=[*found_rows.items, *_projects(tx, journey_id)])
    found = rules.trail(found_rows, kind, item_id, within=frozenset(held), named=frozenset(held))
    return found.public()


def _projects(tx: Tx, journey_id: str) -> list[rules.Item]:
    """The journey's projects that serve a pillar, each under the objective whose key result it
    moves (as the portfolio has it: presented or accepted, of its pillar), else under its pillar.
    A project tells its team, never who."""
    groups = projects.portfolio(tx, journey_id)["groups"]
    return [rules.Item("project", p["id"], g["pillar"]["workshop_id"], p["title"], column=p["team"],
                       parent=p["objective_id"] or p["pillar_id"])
            for g in groups if g["pillar"] for p in g["projects"]]


def starts_of_workshop(tx: Tx, workshop_id: str) -> list[dict]:
    load_workshop(tx, workshop_id)
    return rules.starts(rows(tx, [workshop_id], follow=False, cards=False), [workshop_id])


def starts_of_journey(tx: Tx, journey_id: str) -> list[dict]:
    held = journey_workshops(tx, journey_id)
    return rules.starts(rows(tx, held, follow=False, cards=False), held) if held else []
