"""Freed memory given back to the system (``BOWTIE_HEAP_TRIM_SECONDS``).

A join storm, the snapshots of a 3,000-card board or a reconnect storm leave
glibc's heap full of free chunks between live ones: Python has freed them, but
glibc returns memory to the system only from the top of its heap, so the
server's resident memory stays near its high-water mark for good. glibc's
``malloc_trim(0)`` hands every free page back, wherever it lies. Called every
few seconds it costs ~1 ms (18 ms at most, right after a storm) and took the
server from 439 to 342 MB a minute after a reconnect storm, where it had
stayed at 396 MB (docs/performance.md, *Memory against the floor*).

The 8 clients of 3,000 that the first bench run with it on lost were not the
trim's doing: a run without it lost 338 the same way, pongs waiting behind a
vote storm (``BOWTIE_PING_TIMEOUT``). Other C libraries (musl, macOS) have no
``malloc_trim``: there this does nothing.
"""
from __future__ import annotations

import ctypes
import ctypes.util
from typing import Callable


def trimmer() -> Callable[[], bool] | None:
    """glibc's ``malloc_trim(0)`` (True when it gave memory back), or None without one."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    trim = getattr(libc, "malloc_trim", None)
    if trim is None:
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int

    def trim_all() -> bool:
        return bool(trim(0))
    return trim_all
