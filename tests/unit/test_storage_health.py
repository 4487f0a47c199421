"""Damaged or read-only storage stops the start-up with a clear message
(issue 13, item 11), instead of serving `internal` to every write."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess

import pytest

from workshop.domain.workshop import new_workshop
from workshop.store import StorageUnfit, Store, workshops


def filled(path) -> str:
    store = Store(str(path))
    for i in range(30):
        store.write(workshops.create, new_workshop(f"Retro {i}", "x" * 500))
    store.close()  # the last connection checkpoints the WAL into the file
    return str(path)


def zero_page(path: str, number: int) -> None:
    page_size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as f:
        f.seek((number - 1) * page_size)
        f.write(b"\0" * page_size)


def read_only(path: str) -> None:
    """Unwritable even for root (who ignores file modes): the immutable attribute."""
    if os.geteuid() != 0:
        os.chmod(path, 0o444)
    elif not shutil.which("chattr") or subprocess.run(["chattr", "+i", path]).returncode != 0:
        pytest.skip("cannot make a file read-only for root here (chattr +i)")


def writable_again(path: str) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", path])
    os.chmod(path, 0o600)


def test_a_database_with_a_zeroed_page_is_refused_naming_quick_check(tmp_path):
    path = filled(tmp_path / "bowtie.db")
    zero_page(path, 3)
    with pytest.raises(StorageUnfit, match=r"bowtie\.db.*(quick_check|cannot be opened)"):
        Store(path)


def test_a_read_only_database_is_refused_at_start(tmp_path):
    path = filled(tmp_path / "bowtie.db")
    read_only(path)
    try:
        with pytest.raises(StorageUnfit, match=r"bowtie\.db cannot be written"):
            Store(path)
    finally:
        writable_again(path)


def test_a_healthy_database_starts_and_keeps_its_workshops(tmp_path):
    path = filled(tmp_path / "bowtie.db")
    store = Store(path)
    try:
        assert store.read(lambda tx: tx.one("SELECT COUNT(*) AS n FROM workshops"))["n"] == 30
        assert store.write_problem() is None
    finally:
        store.close()
