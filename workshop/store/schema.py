"""Schema creation and migration, run at start-up.

``meta.schema_version`` records how far a database has been migrated; each
migration moves it up by one inside a transaction, so a database written by any
earlier version is brought up to date without loss.
"""
from __future__ import annotations

from typing import Callable

from sqlite_utils import Database

from .steps import STEP_TABLES, give_migrated_agenda


def _v1_foundation(db: Database) -> None:
    db.table("workshops").create({
        "id": str, "code": str, "title": str, "context": str, "template": str,
        "phase": str, "settings": str, "facilitator_key_hash": str, "seq": int,
        "created_at": float, "archived_at": float,
    }, pk="id", not_null={"code", "title", "template", "phase", "facilitator_key_hash"},
        defaults={"seq": 0, "context": "", "settings": "{}", "phase": "lobby"})
    db.table("workshops").create_index(["code"], unique=True)

    db.table("groups").create({
        "id": str, "workshop_id": str, "name": str, "position": int, "revealed": int,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id")], defaults={"revealed": 0})
    db.table("groups").create_index(["workshop_id", "position"])

    db.table("participants").create({
        "id": str, "workshop_id": str, "name": str, "role": str, "experience": str,
        "group_id": str, "joined_at": float, "removed_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id"), ("group_id", "groups", "id")],
        defaults={"role": "", "experience": ""})
    db.table("participants").create_index(["workshop_id"])
    db.table("participants").create_index(["group_id"])

    db.table("cards").create({
        "id": str, "workshop_id": str, "participant_id": str, "group_id": str,
        "column": str, "text": str, "created_at": float, "updated_at": float,
    }, pk="id", foreign_keys=[
        ("workshop_id", "workshops", "id"), ("participant_id", "participants", "id"),
        ("group_id", "groups", "id"),
    ], not_null={"workshop_id", "column", "text"})
    db.table("cards").create_index(["workshop_id", "group_id"])

    db.table("events").create({
        "workshop_id": str, "seq": int, "kind": str, "audience": str, "data": str, "at": float,
    }, pk=("workshop_id", "seq"), foreign_keys=[("workshop_id", "workshops", "id")])


def _v2_clusters_and_votes(db: Database) -> None:
    db.table("clusters").create({
        "id": str, "workshop_id": str, "name": str, "position": int, "created_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id")], not_null={"workshop_id", "name"})
    db.table("clusters").create_index(["workshop_id", "position"])
    # Raw SQL for ON DELETE CASCADE, which sqlite-utils cannot declare: a card
    # deleted (back in collect) or a cluster deleted leaves no dangling membership.
    db.execute("""
        CREATE TABLE cluster_cards (
            card_id TEXT PRIMARY KEY REFERENCES cards(id) ON DELETE CASCADE,
            cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            added_at FLOAT NOT NULL
        )""")
    db.table("cluster_cards").create_index(["cluster_id"])

    db.table("votes").create({
        "id": str, "workshop_id": str, "status": str, "dots_per_participant": int, "max_per_item": int,
        "own_items": int, "items": str, "ranking": str, "opened_at": float, "closed_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id")], not_null={"workshop_id", "status", "items"})
    db.table("votes").create_index(["workshop_id", "opened_at"])

    db.table("dots").create({
        "id": str, "vote_id": str, "workshop_id": str, "participant_id": str, "item_id": str, "placed_at": float,
    }, pk="id", foreign_keys=[("vote_id", "votes", "id"), ("workshop_id", "workshops", "id"),
                              ("participant_id", "participants", "id")],
        not_null={"vote_id", "workshop_id", "participant_id", "item_id"})
    db.table("dots").create_index(["vote_id", "participant_id"])


def _v3_discussion(db: Database) -> None:
    """Topics with their time-box, Elmos, notes and actions; 80%-agree polls.
    Self-contained: ``cluster_id`` is plain text, the clusters area owns clusters."""
    db.table("topics").create({
        "id": str, "workshop_id": str, "title": str, "cluster_id": str, "position": int,
        "planned": int, "elmo_threshold": int, "present": int,
        "timer_state": str, "timer_length": int, "timer_deadline": float, "timer_remaining": float,
        "timer_spent": float, "timer_since": float,
        "situation": str, "desired": str, "obstacles": str, "created_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id")], not_null={"workshop_id", "title"},
        defaults={"present": 0, "timer_state": "idle", "timer_length": 0, "timer_spent": 0.0,
                  "situation": "", "desired": "", "obstacles": ""})
    db.table("topics").create_index(["workshop_id", "position"])

    db.table("discussions").create({"workshop_id": str, "topic_id": str}, pk="workshop_id",
                                   foreign_keys=[("workshop_id", "workshops", "id")])

    # One row per Elmo thrown; taking it back stamps withdrawn_at, so the topic
    # log keeps every Elmo and when. At most one standing Elmo per person and topic.
    db.table("elmos").create({
        "id": int, "workshop_id": str, "topic_id": str, "participant_id": str,
        "thrown_at": float, "withdrawn_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id"), ("topic_id", "topics", "id"),
                              ("participant_id", "participants", "id")])
    db.execute("CREATE UNIQUE INDEX elmos_standing ON elmos (topic_id, participant_id) WHERE withdrawn_at IS NULL")

    db.table("actions").create({
        "id": str, "workshop_id": str, "topic_id": str, "text": str, "owner": str, "due": str,
        "done": int, "created_at": float, "updated_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id"), ("topic_id", "topics", "id")],
        defaults={"done": 0})
    db.table("actions").create_index(["topic_id"])

    db.table("polls").create({
        "id": str, "workshop_id": str, "topic_id": str, "cluster_id": str, "quorum": float,
        "anonymous": int, "created_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id")], defaults={"anonymous": 1})
    db.table("polls").create_index(["workshop_id"])

    db.table("poll_rounds").create({
        "id": str, "workshop_id": str, "poll_id": str, "number": int, "proposal": str,
        "opened_at": float, "closed_at": float, "result": str, "answered": int, "present": int,
        "needed": int, "distribution": str, "sticking": str,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id"), ("poll_id", "polls", "id")])
    db.table("poll_rounds").create_index(["poll_id", "number"], unique=True)

    db.table("poll_answers").create({
        "round_id": str, "participant_id": str, "level": int, "reason": str, "answered_at": float,
    }, pk=("round_id", "participant_id"), foreign_keys=[("round_id", "poll_rounds", "id"),
                                                         ("participant_id", "participants", "id")])


def _v4_feedback_and_origins(db: Database) -> None:
    """Closing feedback, and where carried starting material came from."""
    # Feedback is anonymous in every export: per-group figures read group_id, so
    # participant_id (kept only to let a person change their answer) can be dropped.
    # group_id has no foreign key: emptied groups are deleted when groups re-form.
    db.table("feedback").create({
        "id": str, "workshop_id": str, "participant_id": str, "group_id": str, "score": int,
        "worked": str, "did_not_work": str, "given_at": float,
    }, pk="id", foreign_keys=[("workshop_id", "workshops", "id"), ("participant_id", "participants", "id")],
        not_null={"workshop_id", "score"}, defaults={"worked": "", "did_not_work": ""})
    db.table("feedback").create_index(["workshop_id"])
    db.table("feedback").create_index(["participant_id"], unique=True)
    # No foreign key to the source workshop: it may be deleted later, the origin stays told.
    db.table("origins").create({
        "item_id": str, "workshop_id": str, "kind": str, "source_workshop_id": str, "source_title": str,
        "source_item_id": str, "source_cluster": str, "source_group": str, "dots": int, "rank": int,
    }, pk="item_id", foreign_keys=[("workshop_id", "workshops", "id")], not_null={"workshop_id", "kind"},
        defaults={"source_cluster": "", "source_group": "", "dots": 0, "rank": 0})
    db.table("origins").create_index(["workshop_id"])


def _v5_group_seats(db: Database) -> None:
    """How many people sit in each group, kept by triggers.

    A newcomer is seated in a group with room; counting every group's members on
    each join made a join storm quadratic (a join in the 600th group read all
    3,000 participants). Triggers keep the count right whatever writes the
    participants (join, move, re-form, removal, import, delete), so no code path
    can forget it. Derived data: never exported, rebuilt here from the rows."""
    db.execute("CREATE TABLE group_seats (group_id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL,"
               " seated INTEGER NOT NULL DEFAULT 0)")
    db.execute("CREATE INDEX group_seats_open ON group_seats (workshop_id, seated)")
    db.execute("INSERT INTO group_seats (group_id, workshop_id, seated) SELECT g.id, g.workshop_id,"
               " (SELECT COUNT(*) FROM participants p WHERE p.group_id = g.id AND p.removed_at IS NULL) FROM groups g")
    db.execute("CREATE TRIGGER group_seats_new AFTER INSERT ON groups BEGIN"
               " INSERT INTO group_seats (group_id, workshop_id, seated) VALUES (NEW.id, NEW.workshop_id, 0); END")
    db.execute("CREATE TRIGGER group_seats_gone AFTER DELETE ON groups BEGIN"
               " DELETE FROM group_seats WHERE group_id = OLD.id; END")
    db.execute("CREATE TRIGGER seat_taken AFTER INSERT ON participants"
               " WHEN NEW.group_id IS NOT NULL AND NEW.removed_at IS NULL BEGIN"
               " UPDATE group_seats SET seated = seated + 1 WHERE group_id = NEW.group_id; END")
    db.execute("CREATE TRIGGER seat_freed AFTER DELETE ON participants"
               " WHEN OLD.group_id IS NOT NULL AND OLD.removed_at IS NULL BEGIN"
               " UPDATE group_seats SET seated = seated - 1 WHERE group_id = OLD.group_id; END")
    db.execute("CREATE TRIGGER seat_changed AFTER UPDATE OF group_id, removed_at ON participants BEGIN"
               " UPDATE group_seats SET seated = seated - 1 WHERE group_id = OLD.group_id AND OLD.removed_at IS NULL;"
               " UPDATE group_seats SET seated = seated + 1 WHERE group_id = NEW.group_id AND NEW.removed_at IS NULL;"
               " END")


def _v6_agenda(db: Database) -> None:
    """Agendas replace the fixed phases: every workshop gets the *Team retrospective*
    (today's seven phases as steps), its phase the running step, and what it holds
    attached to the step that made it (docs/agenda.md, "Migration from phases")."""
    db.execute("""
        CREATE TABLE steps (
            id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL REFERENCES workshops(id),
            position INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,
            planned_minutes INTEGER NOT NULL DEFAULT 0, settings TEXT NOT NULL DEFAULT '{}',
            works_on TEXT, state TEXT NOT NULL DEFAULT 'planned', started_at FLOAT, ended_at FLOAT,
            has_data INTEGER NOT NULL DEFAULT 0, removed INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("CREATE INDEX steps_by_workshop ON steps (workshop_id, removed, position)")
    for table in STEP_TABLES.values():
        db.execute(f"ALTER TABLE {table} ADD COLUMN step_id TEXT")
        db.execute(f"CREATE INDEX {table}_by_step ON {table} (step_id)")
        # What people make belongs to the step running when they made it, and that
        # step then holds data (it asks before it is removed). A trigger, as the seat
        # counts are: no code path that writes these rows can forget it. Rows that
        # come with their step (an import) keep it.
        db.execute(f"CREATE TRIGGER {table}_made_in_step AFTER INSERT ON {table} WHEN NEW.step_id IS NULL BEGIN"
                   f" UPDATE {table} SET step_id = (SELECT id FROM steps WHERE workshop_id = NEW.workshop_id"
                   "  AND state = 'running' AND removed = 0) WHERE rowid = NEW.rowid;"
                   " UPDATE steps SET has_data = 1 WHERE workshop_id = NEW.workshop_id AND state = 'running'"
                   "  AND removed = 0 AND has_data = 0; END")
    db.execute("CREATE TABLE card_templates (key TEXT PRIMARY KEY, title TEXT NOT NULL, columns TEXT NOT NULL,"
               " created_at FLOAT NOT NULL, updated_at FLOAT NOT NULL)")
    db.execute("CREATE TABLE agenda_templates (key TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL"
               " DEFAULT '', steps TEXT NOT NULL, created_at FLOAT NOT NULL, updated_at FLOAT NOT NULL)")
    for workshop in list(db.query("SELECT id, phase, template, settings FROM workshops")):
        give_migrated_agenda(db, workshop)


def _v7_workshop_columns(db: Database) -> None:
    """A workshop made from a card template of the library keeps its own copy of
    the columns (the template's ``public()`` as JSON; null for a built-in), so
    that editing or deleting the template later never changes the workshop."""
    db.execute("ALTER TABLE workshops ADD COLUMN card_template TEXT")


def _v8_topic_time_by_hand(db: Database) -> None:
    """Whether a topic's planned time was set by hand: the discuss step's time plan
    gives such a topic exactly that time and shares the rest by dots
    (docs/agenda.md, "Time plan"). Topics stored before are the plan's to share."""
    db.execute("ALTER TABLE topics ADD COLUMN fixed INTEGER NOT NULL DEFAULT 0")


def _v9_groups_cluster_and_vote(db: Database) -> None:
    """Clustering and voting in groups (docs/agenda.md, "In groups"): a cluster and
    a vote belong to one group's board (``group_id``) or to the whole room (null,
    as every cluster and vote before). A card sits in at most one cluster of each
    board layer, so it can be in its group's cluster and, once its group's vote
    carried it on, in a whole-room cluster too: the membership's key becomes the
    pair. Rows before keep their membership; nothing else changes."""
    db.execute("ALTER TABLE clusters ADD COLUMN group_id TEXT")
    db.execute("ALTER TABLE votes ADD COLUMN group_id TEXT")
    db.execute("CREATE INDEX votes_by_group ON votes (workshop_id, group_id, opened_at)")
    db.execute("""
        CREATE TABLE cluster_cards_v9 (
            card_id TEXT NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
            cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            added_at FLOAT NOT NULL,
            PRIMARY KEY (card_id, cluster_id)
        )""")
    db.execute("INSERT INTO cluster_cards_v9 (card_id, cluster_id, workshop_id, added_at)"
               " SELECT card_id, cluster_id, workshop_id, added_at FROM cluster_cards")
    db.execute("DROP TABLE cluster_cards")
    db.execute("ALTER TABLE cluster_cards_v9 RENAME TO cluster_cards")
    db.execute("CREATE INDEX idx_cluster_cards_cluster_id ON cluster_cards (cluster_id)")
    db.execute("CREATE INDEX cluster_cards_by_workshop ON cluster_cards (workshop_id, card_id)")


def _v10_pillars_and_okrs(db: Database) -> None:
    """Strategic pillars with their snippets and sources, and objectives with key
    results (issue 15). Self-contained: steps, groups, clusters and polls are
    referenced by plain ids or by their tables, which every earlier version has.
    A pillar removed takes its snippets, links and objectives with it."""
    db.execute("""
        CREATE TABLE pillars (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_id TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL,
            poll_id TEXT,
            created_at FLOAT NOT NULL
        )""")
    db.execute("CREATE INDEX pillars_by_step ON pillars (workshop_id, step_id, position)")
    # Where a pillar came from: a cluster, a card or a statement (``domain.pillars.SOURCE_KINDS``).
    db.execute("""
        CREATE TABLE pillar_links (
            pillar_id TEXT NOT NULL REFERENCES pillars(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            source_kind TEXT NOT NULL,
            source_id TEXT NOT NULL,
            PRIMARY KEY (pillar_id, source_kind, source_id)
        )""")
    db.execute("""
        CREATE TABLE snippets (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            pillar_id TEXT NOT NULL REFERENCES pillars(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            text TEXT NOT NULL,
            count INTEGER NOT NULL DEFAULT 1,
            created_at FLOAT NOT NULL,
            UNIQUE (pillar_id, key)
        )""")
    # One row per snippet:add (its client id), so a retry never counts twice.
    db.execute("""
        CREATE TABLE snippet_adds (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            snippet_id TEXT NOT NULL REFERENCES snippets(id) ON DELETE CASCADE,
            participant_id TEXT REFERENCES participants(id),
            added_at FLOAT NOT NULL
        )""")
    db.execute("CREATE INDEX snippet_adds_by_snippet ON snippet_adds (snippet_id)")
    db.execute("""
        CREATE TABLE pillar_teams (
            step_id TEXT NOT NULL,
            group_id TEXT NOT NULL REFERENCES groups(id),
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            pillar_id TEXT NOT NULL REFERENCES pillars(id) ON DELETE CASCADE,
            PRIMARY KEY (step_id, group_id)
        )""")
    db.execute("""
        CREATE TABLE objectives (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_id TEXT NOT NULL,
            pillar_id TEXT NOT NULL REFERENCES pillars(id) ON DELETE CASCADE,
            group_id TEXT REFERENCES groups(id),
            text TEXT NOT NULL,
            horizon TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'draft',
            note TEXT NOT NULL DEFAULT '',
            created_at FLOAT NOT NULL,
            updated_at FLOAT NOT NULL
        )""")
    db.execute("CREATE INDEX objectives_by_pillar ON objectives (workshop_id, pillar_id, created_at)")
    db.execute("""
        CREATE TABLE key_results (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            objective_id TEXT NOT NULL REFERENCES objectives(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            statement TEXT NOT NULL,
            metric TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            baseline FLOAT NOT NULL,
            target FLOAT NOT NULL,
            due TEXT NOT NULL,
            owner TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX key_results_by_objective ON key_results (objective_id, position)")
def _v11_statements(db: Database) -> None:
    """The statements step (docs/protocol.md, *Statements*): one statement per
    person or group and step, the marks on them, each step's combined sentence
    with its version and poll, and the sentences the workshop committed to (its
    purpose and its vision). New tables only: rows before are untouched."""
    db.execute("""
        CREATE TABLE statements (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_id TEXT NOT NULL,
            owner TEXT NOT NULL,
            participant_id TEXT NOT NULL,
            group_id TEXT,
            text TEXT NOT NULL,
            written_at FLOAT NOT NULL,
            edited_at FLOAT,
            UNIQUE (step_id, owner)
        )""")
    db.execute("CREATE INDEX statements_by_workshop ON statements (workshop_id, step_id)")
    db.execute("""
        CREATE TABLE statement_marks (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_id TEXT NOT NULL,
            statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
            participant_id TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            marked_at FLOAT NOT NULL
        )""")
    db.execute("CREATE INDEX statement_marks_by_statement ON statement_marks (statement_id)")
    db.execute("CREATE INDEX statement_marks_by_person ON statement_marks (step_id, participant_id)")
    db.execute("""
        CREATE TABLE statement_steps (
            step_id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            writing_open INTEGER NOT NULL DEFAULT 1,
            statements_shown INTEGER NOT NULL DEFAULT 0,
            marks_shown INTEGER NOT NULL DEFAULT 0,
            sentence TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 0,
            poll_id TEXT,
            committed INTEGER NOT NULL DEFAULT 0
        )""")
    db.execute("CREATE INDEX statement_steps_by_poll ON statement_steps (poll_id)")
    db.execute("""
        CREATE TABLE committed_sentences (
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            subject TEXT NOT NULL,
            text TEXT NOT NULL,
            step_id TEXT NOT NULL,
            poll_id TEXT,
            round_id TEXT,
            committed_at FLOAT NOT NULL,
            PRIMARY KEY (workshop_id, subject)
        )""")


def _v12_journeys(db: Database) -> None:
    """Journeys (the whole bowtie: four stages and their workshops) and, for every
    item carried into a stage, how many sessions, groups and people raised it.
    Raw SQL for ON DELETE CASCADE: a workshop deleted (after its organiser
    confirmed) leaves its journey with no dangling link."""
    db.execute("""
        CREATE TABLE journeys (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, purpose TEXT NOT NULL DEFAULT '',
            teams TEXT NOT NULL DEFAULT '[]', organiser_key_hash TEXT NOT NULL, created_at FLOAT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE journey_workshops (
            workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
            journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
            stage TEXT NOT NULL, team TEXT NOT NULL DEFAULT '', added_at FLOAT NOT NULL
        )""")
    db.execute("CREATE INDEX journey_workshops_by_journey ON journey_workshops (journey_id, stage, added_at)")
    db.execute("""
        CREATE TABLE journey_items (
            item_id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            title TEXT NOT NULL, sessions INTEGER NOT NULL, groups INTEGER NOT NULL, people INTEGER NOT NULL,
            raised_by TEXT NOT NULL DEFAULT '[]', merged_from TEXT NOT NULL DEFAULT '[]'
        )""")
    db.execute("CREATE INDEX journey_items_by_workshop ON journey_items (workshop_id)")
def _v13_attendance(db: Database) -> None:
    """Who is here in each step (domain/attendance.py): a participant who pressed
    "I'm here" or acted in the step, once per step. Quorum and the Elmo threshold
    count these people among those connected. The lobby's key is ''."""
    db.execute("""
        CREATE TABLE attendance (
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_id TEXT NOT NULL,
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            how TEXT NOT NULL,
            at FLOAT NOT NULL,
            PRIMARY KEY (workshop_id, step_id, participant_id)
        )""")


def _v14_briefing_shares(db: Database) -> None:
    """Share links of a journey's briefings (domain/briefings.py): only a hash of
    each link's secret is kept; a revoked or expired link stays listed for the
    organiser, with how often it was opened."""
    db.execute("""
        CREATE TABLE briefing_shares (
            id TEXT PRIMARY KEY,
            journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, secret_hash TEXT NOT NULL, created_at FLOAT NOT NULL,
            expires_at FLOAT, revoked_at FLOAT, opened INTEGER NOT NULL DEFAULT 0, last_opened_at FLOAT
        )""")
    db.execute("CREATE INDEX briefing_shares_by_journey ON briefing_shares (journey_id, created_at)")


def _v15_step_elmos(db: Database) -> None:
    """Elmos on the running step, for steps with no topics (domain/step_elmo.py):
    one row per Elmo thrown, taking it back stamps withdrawn_at, at most one
    standing per person and step. ``step_elmo_present`` keeps the count of people
    present that the step's threshold last used, so a snapshot shows the same."""
    db.execute("""
        CREATE TABLE step_elmos (
            id INTEGER PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_id TEXT NOT NULL,
            participant_id TEXT REFERENCES participants(id) ON DELETE CASCADE,  -- null once exported: anonymous
            thrown_at FLOAT NOT NULL,
            withdrawn_at FLOAT
        )""")
    db.execute("CREATE UNIQUE INDEX step_elmos_standing ON step_elmos (step_id, participant_id)"
               " WHERE withdrawn_at IS NULL")
    db.execute("CREATE INDEX step_elmos_by_workshop ON step_elmos (workshop_id)")
    db.execute("""
        CREATE TABLE step_elmo_present (
            step_id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            present INTEGER NOT NULL
        )""")


def _v16_rows_by_workshop(db: Database) -> None:
    """An index on ``workshop_id`` for every workshop table that lacked one: an
    export, a workshop's deletion and its summary read each table's rows of one
    workshop, and without it read every workshop's (a server that has run twenty
    workshops of 30,000 dots read 600,000 dots to export one)."""
    for table in ("dots", "elmos", "actions", "poll_rounds", "pillar_links", "snippets", "snippet_adds",
                  "pillar_teams", "key_results", "statement_steps", "statement_marks", "step_elmo_present"):
        db.execute(f'CREATE INDEX IF NOT EXISTS "{table}_by_workshop" ON "{table}" (workshop_id)')


def _v17_journey_projects(db: Database) -> None:
    """Projects by pillar (domain/projects.py): a journey's projects, each with the
    team that runs it and the formulate stage's pillar it serves (none yet: NULL),
    ranked within that pillar by ``position``. The pillar is kept by id, not as a
    foreign key: a pillar removed at the offsite leaves its projects, marked."""
    db.execute("""
        CREATE TABLE journey_projects (
            id TEXT PRIMARY KEY,
            journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
            title TEXT NOT NULL, team TEXT NOT NULL DEFAULT '', pillar_id TEXT,
            position INTEGER NOT NULL, created_at FLOAT NOT NULL
        )""")
    db.execute("CREATE INDEX journey_projects_by_journey ON journey_projects (journey_id, pillar_id, position)")


def _v18_project_key_results(db: Database) -> None:
    """A project names the key result it moves (domain/projects.py): kept by id, as
    its pillar is, so an objective changed at the offsite leaves the project marked."""
    db.execute("ALTER TABLE journey_projects ADD COLUMN key_result_id TEXT")


def _v19_key_result_readings(db: Database) -> None:
    """Key results, measured (domain/progress.py): the figures an organiser reads after
    the offsite, each of one key result on one day. The key result is kept by id, as a
    project keeps it: one that goes at the offsite leaves its readings in the export."""
    db.execute("""
        CREATE TABLE key_result_readings (
            id TEXT PRIMARY KEY,
            journey_id TEXT NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
            key_result_id TEXT NOT NULL,
            value FLOAT NOT NULL, taken_on TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
            created_at FLOAT NOT NULL
        )""")
    db.execute("CREATE INDEX key_result_readings_by_journey ON key_result_readings (journey_id, key_result_id)")


# Append new migrations; never edit one that has shipped. A migration's version
# is its place in this list (``_vN_``, the name, says the same).
MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_foundation,
    _v2_clusters_and_votes,
    _v3_discussion,
    _v4_feedback_and_origins,
    _v5_group_seats,
    _v6_agenda,
    _v7_workshop_columns,
    _v8_topic_time_by_hand,
    _v9_groups_cluster_and_vote,
    _v10_pillars_and_okrs,
    _v11_statements,
    _v12_journeys,
    _v13_attendance,
    _v14_briefing_shares,
    _v15_step_elmos,
    _v16_rows_by_workshop,
    _v17_journey_projects,
    _v18_project_key_results,
    _v19_key_result_readings,
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(db: Database) -> int:
    if not db.table("meta").exists():
        return 0
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: Database) -> int:
    """Bring the database up to SCHEMA_VERSION; return the version it started at."""
    start = schema_version(db)
    if start > SCHEMA_VERSION:
        raise RuntimeError(f"database schema {start} is newer than this Bowtie ({SCHEMA_VERSION})")
    for version in range(start + 1, SCHEMA_VERSION + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            if not db.table("meta").exists():
                db.table("meta").create({"key": str, "value": str}, pk="key")
            MIGRATIONS[version - 1](db)
            db.table("meta").upsert({"key": "schema_version", "value": str(version)}, pk="key")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return start
