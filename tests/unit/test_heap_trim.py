"""BOWTIE_HEAP_TRIM_SECONDS: memory Python has freed goes back to the system, not only from the heap's top."""
import os
import sys

import pytest

from workshop.config import Config
from workshop.heap_trim import trimmer

PAGE = os.sysconf("SC_PAGE_SIZE")


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


@pytest.mark.skipif(not sys.platform.startswith("linux") or trimmer() is None, reason="glibc's malloc_trim only")
def test_freed_chunks_between_live_ones_are_given_back():
    trim = trimmer()
    trim()
    # 1 KB objects come from malloc (Python's own allocator takes 512 bytes at most);
    # one in 64 kept alive pins the heap so that nothing is freed from its top.
    chunks = [bytes(1024) for _ in range(60_000)]
    kept = chunks[::64]
    del chunks
    before = resident_bytes()
    assert trim() is True
    assert before - resident_bytes() > 20 * 2**20
    assert len(kept) == 938


def test_the_interval_is_read_from_the_environment_and_zero_turns_it_off():
    assert Config.from_env({}).heap_trim_seconds == 10.0
    assert Config.from_env({"BOWTIE_HEAP_TRIM_SECONDS": "0"}).heap_trim_seconds == 0.0
