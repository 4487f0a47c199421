"""The signing secret (issue 13, item 9): a token signed with an empty or short
secret can be forged, so Bowtie refuses to start on one."""
from __future__ import annotations

import os
import threading

import pytest

from workshop import create_app
from workshop.config import Config, ConfigError


def test_an_empty_secret_file_is_refused_with_a_clear_message(tmp_path):
    (tmp_path / "bowtie.secret").write_text("")  # what a first start on a full disk left behind
    with pytest.raises(ConfigError, match=r"bowtie\.secret.*32 bytes"):
        Config(db_path=str(tmp_path / "bowtie.db")).with_secret()


def test_a_short_secret_file_is_refused(tmp_path):
    (tmp_path / "bowtie.secret").write_text("x" * 31 + "\n")
    with pytest.raises(ConfigError, match="32 bytes"):
        create_app(Config(db_path=str(tmp_path / "bowtie.db")))


@pytest.mark.parametrize("secret", ["", " ", "short", "y" * 31])
def test_a_short_bowtie_secret_is_refused(tmp_path, secret):
    config = Config.from_env({"BOWTIE_DB": str(tmp_path / "bowtie.db"), "BOWTIE_SECRET": secret})
    if secret == "":  # unset: the file is generated instead
        assert len(config.with_secret().secret_key) >= 32
        return
    with pytest.raises(ConfigError, match="BOWTIE_SECRET.*32 bytes"):
        config.with_secret()


def test_a_secret_of_32_bytes_is_accepted(tmp_path):
    config = Config(db_path=str(tmp_path / "bowtie.db"), secret_key="z" * 32)
    assert config.with_secret().secret_key == "z" * 32


def test_a_new_secret_file_is_whole_private_and_alone(tmp_path):
    config = Config(db_path=str(tmp_path / "bowtie.db"))
    secret = config.with_secret().secret_key
    path = tmp_path / "bowtie.secret"
    assert len(secret) >= 32 and path.read_text() == secret
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(os.listdir(tmp_path)) == ["bowtie.secret"]  # no temporary file left beside it


def test_workers_starting_together_agree_on_one_secret(tmp_path):
    config = Config(db_path=str(tmp_path / "bowtie.db"))
    secrets: list[str] = []
    threads = [threading.Thread(target=lambda: secrets.append(config.with_secret().secret_key)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(secrets)) == 1 and secrets[0] == (tmp_path / "bowtie.secret").read_text()
