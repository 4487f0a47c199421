"""How long a large journey's page and dashboard take: `python bench/journey.py [--sessions N] [--cards N]`.

Builds a journey of 50 sessions (``--sessions``) in its first stage, each with 30
participants in 6 groups and 300 cards (``--cards``; 15,000 in all, issue 16's
target), 10 clusters and 10 feedback answers, then times the journey page, the
KPIs and the dashboard page (HTML with charts) and its CSV, and the dashboard
comparing mixed-role groups with single-role ones (half the groups are each),
through the app as a browser asks for them.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop import create_app  # noqa: E402
from workshop.config import Config  # noqa: E402
from workshop.domain import journeys as journey_rules  # noqa: E402
from workshop.domain import workshop as workshop_rules  # noqa: E402
from workshop.domain.participants import EXPERIENCE_LEVELS  # noqa: E402
from workshop.store import journeys  # noqa: E402
from workshop.store.events import Tx  # noqa: E402

T0 = 1_795_000_000.0
ROLES = ("Sales", "Engineer", "Support", "Product")


def fill(tx: Tx, workshop_id: str, cards: int) -> None:
    """People, groups, cards in clusters and feedback, written as the store would."""
    groups = [uuid.uuid4().hex for _ in range(6)]
    for n, gid in enumerate(groups):
        tx.db.execute("INSERT INTO groups (id, workshop_id, name, position) VALUES (?, ?, ?, ?)",
                      [gid, workshop_id, f"Group {n + 1}", n + 1])
    people = [(uuid.uuid4().hex, groups[i % 6]) for i in range(30)]
    for i, (pid, gid) in enumerate(people):
        # Groups 1–3 are of one role each, groups 4–6 mixed (for the comparison).
        role = ROLES[i % 6] if i % 6 < 3 else ROLES[i % 4]
        tx.db.execute("INSERT INTO participants (id, workshop_id, name, role, experience, group_id, joined_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      [pid, workshop_id, f"Person {i}", role, EXPERIENCE_LEVELS[1 + i % 4], gid, T0 + i])
    clusters = [uuid.uuid4().hex for _ in range(10)]
    for n, cid in enumerate(clusters):
        tx.db.execute("INSERT INTO clusters (id, workshop_id, name, position, created_at) VALUES (?, ?, ?, ?, ?)",
                      [cid, workshop_id, f"Theme {n}", n + 1, T0])
    for n in range(cards):
        pid, gid = people[n % 30]
        card_id = uuid.uuid4().hex
        tx.db.execute('INSERT INTO cards (id, workshop_id, participant_id, group_id, "column", text, created_at, '
                      "updated_at) VALUES (?, ?, ?, ?, 'start', ?, ?, ?)",
                      [card_id, workshop_id, pid, gid, f"Idea {n}", T0 + n, T0 + n])
        tx.db.execute("INSERT INTO cluster_cards (card_id, cluster_id, workshop_id, added_at) VALUES (?, ?, ?, ?)",
                      [card_id, clusters[n % 10], workshop_id, T0])
    for i, (pid, gid) in enumerate(people[:10]):
        tx.db.execute("INSERT INTO feedback (id, workshop_id, participant_id, group_id, score, given_at) "
                      "VALUES (?, ?, ?, ?, ?, ?)", [uuid.uuid4().hex, workshop_id, pid, gid, i % 11, T0])


def timed(label: str, fn) -> None:
    start = time.perf_counter()
    response = fn()
    assert response.status_code == 200, response.status_code
    print(f"{label:<28} {time.perf_counter() - start:6.2f} s  ({len(response.data) / 1024:,.0f} KB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--cards", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Config(db_path=f"{tmp}/bench.db", secret_key="bench-secret-of-at-least-32-bytes-long!"))
        store = app.extensions["bowtie"].store
        teams = [{"team": f"Office {n}", "expected": 40} for n in range(10)]
        journey, _ = store.write(journeys.create, journey_rules.new_journey("Bench", "", teams))
        for n in range(args.sessions):
            new = workshop_rules.new_workshop(f"Session {n}", agenda_key="all-hands-collect")
            created, _ = store.write(journeys.add_new, journey["id"], "start", new, f"Office {n % 10}")
            store.write(fill, created["id"], args.cards)
        print(f"{args.sessions} sessions, {args.sessions * args.cards:,} cards")
        http = app.test_client()
        key = {"Authorization": f"Bearer {journey['organiser_key']}"}
        http.post("/api/journeys/unlock", json={"keys": {journey["id"]: journey["organiser_key"]}})
        timed("journey page", lambda: http.get(f"/journeys/{journey['id']}"))
        timed("KPIs (JSON)", lambda: http.get(f"/api/journeys/{journey['id']}/kpis", headers=key))
        timed("dashboard page", lambda: http.get(f"/journeys/{journey['id']}/dashboard"))
        timed("dashboard CSV", lambda: http.get(f"/journeys/{journey['id']}/dashboard.csv"))
        compared = f"/journeys/{journey['id']}/dashboard?a=groups:mixed-role&b=groups:single-role"
        timed("dashboard, groups compared", lambda: http.get(compared))
        timed("comparison CSV", lambda: http.get(compared.replace("dashboard?", "compare.csv?")))
        store.close()


if __name__ == "__main__":
    main()
