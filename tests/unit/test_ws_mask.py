"""Unmasking a websocket frame as RFC 6455 defines it, for the replacement server.py installs in eventlet."""
from __future__ import annotations

import random

import pytest

from workshop.ws_mask import unmask


def by_the_rfc(data: bytes, mask: bytes, length: int, offset: int) -> bytes:
    # RFC 6455, 5.3: octet i of the payload is XORed with octet (i mod 4) of the mask.
    return bytes(data[i] ^ mask[(offset + i) % 4] for i in range(length))


@pytest.mark.parametrize("size", [0, 1, 3, 4, 5, 120, 1000, 65_537])
@pytest.mark.parametrize("offset", [0, 1, 2, 3, 4, 4097])
def test_each_byte_is_xored_with_the_mask_byte_of_its_place_in_the_frame(size, offset):
    chance = random.Random(size * 31 + offset)
    data = bytes(chance.randrange(256) for _ in range(size))
    mask = bytes(chance.randrange(256) for _ in range(4))
    assert unmask(data, tuple(mask), offset=offset) == by_the_rfc(data, mask, size, offset)


def test_only_the_first_length_bytes_are_unmasked():
    data, mask = b"abcdefgh", (1, 2, 3, 4)
    assert unmask(data, mask, length=5, offset=2) == by_the_rfc(data, bytes(mask), 5, 2)


def test_a_frame_read_in_parts_unmasks_to_the_whole():
    chance = random.Random(7)
    payload = "Café ☕, an idea worth a dot".encode() * 50
    mask = bytes(chance.randrange(256) for _ in range(4))
    masked = by_the_rfc(payload, mask, len(payload), 0)
    parts, at = [], 0
    for size in (1, 2, 5, 700, len(masked)):
        piece = bytearray(masked[at:at + size])
        parts.append(unmask(piece, tuple(mask), length=len(piece), offset=at))
        at += len(piece)
    assert b"".join(parts).decode() == payload.decode()


def test_leading_zero_bytes_are_kept():
    # An integer drops leading zeros; the frame must not.
    assert unmask(b"\x00\x00\x00\x01", (0, 0, 0, 0)) == b"\x00\x00\x00\x01"
    assert unmask(b"\x07\x00\x00\x00", (7, 0, 0, 0)) == b"\x00\x00\x00\x00"
