"""BOWTIE_WS_COMPRESSION: a value server.py does not know stops the start instead of meaning the default."""
from __future__ import annotations

import pytest

from workshop.config import Config, ConfigError


@pytest.mark.parametrize("value, mode", [("on", "on"), ("OFF", "off"), (" Stateless ", "stateless")])
def test_each_mode_is_read_whatever_its_case(value, mode):
    assert Config.from_env({"BOWTIE_WS_COMPRESSION": value}).ws_compression == mode


@pytest.mark.parametrize("value", ["", "yes", "true", "no-context-takeover"])
def test_any_other_value_is_refused_naming_the_variable(value):
    with pytest.raises(ConfigError, match="BOWTIE_WS_COMPRESSION.*on, stateless, off"):
        Config.from_env({"BOWTIE_WS_COMPRESSION": value})
