"""The gzip that exports and the room's cards travel in: any gzip reader's, and the same file each time."""
from __future__ import annotations

import gzip
import zlib

import pytest

from workshop.gzipped import compress

TEXT = ("Keep the weekly demo, it helps — «Démo» 週次デモ 🎉\n" * 2000).encode()


@pytest.mark.parametrize("level", [1, 2, 6, 9])
def test_what_is_compressed_reads_back_with_the_standard_library(level):
    packed = compress(TEXT, level)
    assert gzip.decompress(packed) == TEXT
    assert zlib.decompress(packed, wbits=31) == TEXT  # a single gzip member, as browsers expect
    assert len(packed) < len(TEXT) / 10


def test_the_same_text_gives_the_same_bytes_with_no_time_in_the_header():
    first = compress(TEXT, 2)
    assert first[4:8] == b"\0\0\0\0"  # MTIME (RFC 1952): none
    assert compress(TEXT, 2) == first


def test_nothing_compresses_to_an_empty_file_that_still_reads():
    assert gzip.decompress(compress(b"", 2)) == b""
