"""How long the organiser's exports take for a large workshop: `python bench/exports.py [--cards N]`.

Builds a workshop of 300 participants in 60 groups, 3,000 cards (``--cards``:
more, the extra ones in no cluster, e.g. 10,000 for issue #6's target), 40 clusters,
a closed dot vote (1,500 dots), 10 topics with Elmos and actions and 5 polls of
two rounds each, by importing it (which is timed too), then times the summary,
each export, the printable report and a second import of the JSON export.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop import create_app  # noqa: E402
from workshop.config import Config  # noqa: E402
from workshop.domain import votes as vote_rules  # noqa: E402
from workshop.export import csv_zip, json_io, markdown, report  # noqa: E402
from workshop.store import transfer  # noqa: E402
from workshop.store.summary import summary  # noqa: E402

T0 = 1_795_000_000.0
COLUMNS = ("start", "stop", "continue")


def uid() -> str:
    return str(uuid.uuid4())


def build(rng: random.Random) -> dict:
    wid = uuid.uuid4().hex
    groups = [{"id": uuid.uuid4().hex, "workshop_id": wid, "name": f"Group {i + 1}", "position": i + 1, "revealed": 1}
              for i in range(60)]
    people = [{"id": uuid.uuid4().hex, "workshop_id": wid, "name": f"Person {i}", "role": rng.choice(["Eng", "Ops", ""]),
               "experience": "", "group_id": groups[i % 60]["id"], "joined_at": T0 + i, "removed_at": None}
              for i in range(300)]
    cards = [{"id": uid(), "workshop_id": wid, "participant_id": p["id"], "group_id": p["group_id"],
              "column": rng.choice(COLUMNS), "text": f"Idea {n}, \"quoted\", with a comma\nand a second line",
              "created_at": T0 + 600 + n, "updated_at": T0 + 600 + n}
             for n, p in enumerate(p for p in people for _ in range(10))]
    clusters = [{"id": uid(), "workshop_id": wid, "name": f"Theme {i}", "position": i + 1, "created_at": T0 + 5000}
                for i in range(40)]
    links = sorted(({"card_id": c["id"], "cluster_id": clusters[n % 40]["id"], "workshop_id": wid, "added_at": T0 + 6000}
                    for n, c in enumerate(cards[:2400])), key=lambda r: r["card_id"])
    items = [vote_rules.Item(c["id"], "cluster", c["name"], tuple(l["card_id"] for l in links if l["cluster_id"] == c["id"]),
                             frozenset()) for c in clusters]
    vote_id = uid()
    dots = sorted(({"id": uid(), "vote_id": vote_id, "workshop_id": wid, "participant_id": p["id"],
                    "item_id": rng.choice(clusters)["id"], "placed_at": T0 + 7000} for p in people for _ in range(5)),
                  key=lambda d: d["id"])
    ranking = vote_rules.ranking(items, [d["item_id"] for d in dots])
    votes = [{"id": vote_id, "workshop_id": wid, "status": "closed", "dots_per_participant": 5, "max_per_item": 3,
              "own_items": 1, "items": json.dumps([{**i.public(), "author_ids": []} for i in items]),
              "ranking": json.dumps(ranking), "opened_at": T0 + 6900, "closed_at": T0 + 7100}]
    topics = [{"id": uid(), "workshop_id": wid, "title": f"Theme {i}", "cluster_id": clusters[i]["id"], "position": i + 1,
               "planned": 600, "elmo_threshold": None, "present": 300, "timer_state": "stopped", "timer_length": 600,
               "timer_deadline": None, "timer_remaining": None, "timer_spent": 500.0 + 30 * i, "timer_since": None,
               "situation": "Now", "desired": "Later", "obstacles": "Many", "created_at": T0 + 8000 + i} for i in range(10)]
    topics.sort(key=lambda t: t["id"])
    elmos = [{"id": n + 1, "workshop_id": wid, "topic_id": topics[n % 10]["id"], "participant_id": people[n]["id"],
              "thrown_at": T0 + 9000 + n, "withdrawn_at": None} for n in range(120)]
    actions = sorted(({"id": uid(), "workshop_id": wid, "topic_id": t["id"], "text": "Do it", "owner": "Someone",
                       "due": None, "done": 0, "created_at": T0 + 9500, "updated_at": T0 + 9500} for t in topics),
                     key=lambda a: a["id"])
    polls, rounds, answers = [], [], []
    for p in range(5):
        poll_id = uid()
        polls.append({"id": poll_id, "workshop_id": wid, "topic_id": topics[p]["id"], "cluster_id": None, "quorum": 0.5,
                      "anonymous": 1, "created_at": T0 + 10000 + p})
        for number in (1, 2):
            round_id = uuid.uuid4().hex
            levels = [rng.choice([60, 80, 90, 100]) if number == 1 else rng.choice([80, 90, 100]) for _ in people]
            rounds.append({"id": round_id, "workshop_id": wid, "poll_id": poll_id, "number": number,
                           "proposal": f"Proposal {p}.{number}", "opened_at": T0 + 10000, "closed_at": T0 + 10100,
                           "result": "commit" if number == 2 else "not_yet", "answered": 300, "present": 300,
                           "needed": 150, "distribution": json.dumps({str(l): levels.count(l) for l in range(0, 101, 10)}),
                           "sticking": json.dumps([{"level": 60, "reason": "Not yet"}] * levels.count(60))})
            answers += [{"round_id": round_id, "participant_id": person["id"], "level": level,
                         "reason": "Not yet" if level < 80 else None, "answered_at": T0 + 10050}
                        for person, level in zip(people, levels)]
    polls.sort(key=lambda r: r["id"])
    rounds.sort(key=lambda r: r["id"])
    answers.sort(key=lambda a: (a["round_id"], a["participant_id"]))
    return {"format": "bowtie.workshop", "format_version": 1,
            "workshop": {"id": wid, "code": "BENCH1", "title": "Large workshop", "context": "", "template": "start-stop-continue",
                         "phase": "summary", "settings": {"blind_writing": False, "group_size": 5,
                                                          "participants_cluster": False, "participants_edit_notes": False},
                         "facilitator_key_hash": "0" * 64, "created_at": T0, "archived_at": None},
            "tables": {"groups": groups, "participants": people, "cards": sorted(cards, key=lambda c: c["id"]),
                       "clusters": sorted(clusters, key=lambda c: c["id"]), "cluster_cards": links, "votes": votes,
                       "dots": dots, "topics": topics, "discussions": [], "elmos": elmos, "actions": actions,
                       "polls": polls, "poll_rounds": rounds, "poll_answers": answers, "feedback": [], "origins": []}}


def more_cards(data: dict, total: int) -> None:
    """Cards beyond the first 3,000, written by the same people, in no cluster."""
    tables = data["tables"]
    people, cards = tables["participants"], tables["cards"]
    start = max((c["created_at"] for c in cards), default=T0)
    extra = [{"id": uid(), "workshop_id": data["workshop"]["id"], "participant_id": p["id"], "group_id": p["group_id"],
              "column": COLUMNS[n % 3], "text": f"Card {n}: keep the weekly demo, it helps",
              "created_at": start + 1 + n, "updated_at": start + 1 + n}
             for n, p in ((n, people[n % len(people)]) for n in range(total - len(cards)))]
    tables["cards"] = sorted(cards + extra, key=lambda c: c["id"])


def timed(label: str, fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    print(f"{label:<34} {1000 * (time.perf_counter() - start):8.1f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=3000, help="cards in the workshop (at least 3,000)")
    args = parser.parse_args()
    data = build(random.Random(7))
    more_cards(data, args.cards)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Config(db_path=f"{tmp}/bench.db", secret_key="bench" * 8, log_level="WARNING"))
        store = app.extensions["bowtie"].store
        wid = data["workshop"]["id"]
        timed("import (JSON data, all tables)", store.write, transfer.restore, data)
        model = timed("summary (one read)", store.read, summary, wid)
        md = timed("Markdown", markdown.render, model)
        zipped = timed("CSV zip", csv_zip.render, model)
        dump = timed("JSON dump", store.read, transfer.dump, wid)
        raw = timed("JSON render", json_io.render, dump)
        with app.test_request_context():
            from flask import render_template
            html = timed("printable report (HTML + SVG)", lambda: render_template("report.html", **report.context(model),
                                                                                   standalone=False))
        print(f"sizes: Markdown {len(md) // 1024} KB, CSV zip {len(zipped) // 1024} KB, "
              f"JSON {len(raw) // 1024} KB, report {len(html) // 1024} KB")
        store.close()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Config(db_path=f"{tmp}/again.db", secret_key="bench" * 8, log_level="WARNING"))
        store = app.extensions["bowtie"].store
        timed("import of the export (empty server)", store.write, transfer.restore, json_io.parse(raw))
        again = json_io.render(store.read(transfer.dump, wid))
        print("export → import → export identical:", again == raw)
        store.close()


if __name__ == "__main__":
    main()
