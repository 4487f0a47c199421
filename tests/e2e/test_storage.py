"""The venue review's data-safety attacks on a real server.py (issue 13,
items 8-11): a backup aimed at the live database, files others can read, and
storage or secrets that must stop the start-up with a clear message."""
from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys

import pytest
import requests

from tests.unit.test_storage_health import read_only, writable_again, zero_page

from .live import ROOT, Server, free_port


def run_server(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "BOWTIE_SECRET": "e2e-secret-of-at-least-32-bytes-long", **(env or {})}
    return subprocess.run([sys.executable, str(ROOT / "server.py"), *args], env={
        k: v for k, v in environment.items() if v is not None}, capture_output=True, text=True, timeout=60)


def backup(server: Server, target) -> subprocess.CompletedProcess:
    return run_server("--db", str(server.db_path), "backup", str(target))


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_backup_aimed_at_the_live_database_is_refused_and_the_workshops_survive(server, tmp_path):
    workshop = server.create_workshop("Keep me")
    live = server.db_path
    (tmp_path / "alias.db").symlink_to(live)
    os.link(live, tmp_path / "hard.db")
    targets = [live, tmp_path / "." / live.name, f"{live}-wal", f"{live}-shm", tmp_path / "alias.db",
               tmp_path / "hard.db"]
    for target in targets:
        refused = backup(server, target)
        assert refused.returncode != 0, (target, refused.stdout)
        assert "refusing" in refused.stderr and "live database" in refused.stderr, refused.stderr
    server.stop()
    server.start()
    assert requests.get(f"{server.url}/control/{workshop['id']}", timeout=5).status_code == 200
    check = sqlite3.connect(live)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        check.close()


def test_a_backup_leaves_no_temporary_file_and_replaces_the_previous_one(server, tmp_path):
    server.create_workshop("First")
    target = tmp_path / "backups" / "bowtie-backup.db"
    target.parent.mkdir()
    assert backup(server, target).returncode == 0
    server.create_workshop("Second")
    done = backup(server, target)
    assert done.returncode == 0 and "integrity: ok" in done.stdout
    assert os.listdir(target.parent) == ["bowtie-backup.db"]
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("SELECT COUNT(*) FROM workshops").fetchone()[0] == 2
    finally:
        copy.close()


def test_the_database_its_journal_the_secret_and_backups_are_private(tmp_path):
    srv = Server(tmp_path / "bowtie.db", env={"BOWTIE_SECRET": None}).start()
    try:
        srv.create_workshop("Private")
        made = [srv.db_path, f"{srv.db_path}-wal", f"{srv.db_path}-shm", tmp_path / "bowtie.secret"]
        target = tmp_path / "backup.db"
        assert run_server("--db", str(srv.db_path), "backup", str(target), env={"BOWTIE_SECRET": None}).returncode == 0
    finally:
        srv.stop()
    for path in [*made, target]:
        assert mode(path) == 0o600, (path, oct(mode(path)))


def refused_start(db_path, env: dict | None = None) -> str:
    started = run_server("--db", str(db_path), "--port", str(free_port()), env=env)
    assert started.returncode != 0, started.stdout
    assert "Traceback" not in started.stderr, started.stderr
    return started.stderr


def filled_database(tmp_path):
    srv = Server(tmp_path / "bowtie.db").start()
    for i in range(30):
        srv.create_workshop(f"Retro {i}", context="x" * 500)
    srv.stop()
    settle = sqlite3.connect(srv.db_path)  # every page in the main file, where the damage goes
    try:
        settle.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        settle.close()
    return srv.db_path


def test_a_database_with_a_zeroed_page_stops_the_start_with_a_clear_message(tmp_path):
    path = filled_database(tmp_path)
    zero_page(str(path), 3)
    message = refused_start(path)
    assert "Bowtie did not start" in message and str(path) in message
    assert "quick_check" in message or "cannot be opened" in message


def test_a_read_only_database_stops_the_start_with_a_clear_message(tmp_path):
    path = filled_database(tmp_path)
    read_only(str(path))
    try:
        message = refused_start(path)
    finally:
        writable_again(str(path))
    assert "Bowtie did not start" in message and "cannot be written" in message


@pytest.mark.parametrize("secret", ["", "short"])
def test_an_empty_or_short_secret_stops_the_start_with_a_clear_message(tmp_path, secret):
    (tmp_path / "bowtie.secret").write_text(secret)
    message = refused_start(tmp_path / "bowtie.db", env={"BOWTIE_SECRET": None})
    assert "Bowtie did not start" in message and "bowtie.secret" in message and "32 bytes" in message
    short_env = refused_start(tmp_path / "other.db", env={"BOWTIE_SECRET": "short"})
    assert "BOWTIE_SECRET" in short_env
