"""Which characters a font face maps to a glyph, read from its OpenType `cmap` table (formats 4 and 12)."""

from __future__ import annotations

import bisect
import struct
from collections.abc import Callable, Iterable
from pathlib import Path

PREFERRED = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 1), (0, 0))
"""Unicode subtables, full repertoire first (platform, encoding), as fontTools' getBestCmap orders them."""
Lookup = Callable[[int], bool]
"""Whether a code point has a glyph."""


class CmapError(ValueError):
    """The face has no Unicode cmap this module reads (or is not an OpenType font)."""


def missing(path: Path, index: int, characters: Iterable[str]) -> set[str]:
    """The `characters` face `index` of the font file at `path` has no glyph for."""
    lookup = _lookup(_cmap_table(path, index))
    return {char for char in characters if not lookup(ord(char))}


def _cmap_table(path: Path, index: int) -> bytes:
    """The bytes of face `index`'s cmap table, read without the rest of the file."""
    with path.open("rb") as file:
        head = file.read(12)
        directory = 0
        if head[:4] == b"ttcf":
            (count,) = struct.unpack_from(">I", head, 8)
            if index >= count:
                raise CmapError(f"the collection has {count} faces, not {index + 1}")
            file.seek(12 + 4 * index)
            (directory,) = struct.unpack(">I", file.read(4))
            file.seek(directory)
            head = file.read(12)
        (tables,) = struct.unpack_from(">H", head, 4)
        file.seek(directory + 12)
        records = file.read(16 * tables)
        for record in range(0, len(records), 16):
            if records[record : record + 4] == b"cmap":
                offset, length = struct.unpack_from(">II", records, record + 8)
                file.seek(offset)
                return file.read(length)
    raise CmapError("no cmap table")


def _lookup(cmap: bytes) -> Lookup:
    """A function telling whether a code point has a glyph, from the best Unicode subtable."""
    _, count = struct.unpack_from(">HH", cmap, 0)
    subtables: dict[tuple[int, int], int] = {}
    for record in range(4, 4 + 8 * count, 8):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, record)
        subtables.setdefault((platform, encoding), offset)
    for key in PREFERRED:
        if key in subtables:
            start = subtables[key]
            (fmt,) = struct.unpack_from(">H", cmap, start)
            if fmt == 12:
                return _format12(cmap, start)
            if fmt == 4:
                return _format4(cmap, start)
    raise CmapError("no Unicode cmap of format 4 or 12")


def _format12(data: bytes, start: int) -> Lookup:
    """Lookup in a format 12 subtable: groups of consecutive code points."""
    (groups,) = struct.unpack_from(">I", data, start + 12)
    triples = list(struct.iter_unpack(">III", data[start + 16 : start + 16 + 12 * groups]))
    starts = [first for first, _, _ in triples]

    def has(code: int) -> bool:
        at = bisect.bisect_right(starts, code) - 1
        if at < 0:
            return False
        first, last, glyph = triples[at]
        return code <= last and glyph + code - first != 0

    return has


def _format4(data: bytes, start: int) -> Lookup:
    """Lookup in a format 4 subtable: segments of the Basic Multilingual Plane."""
    (doubled,) = struct.unpack_from(">H", data, start + 6)
    count = doubled // 2
    ends_at = start + 14
    ends = struct.unpack_from(f">{count}H", data, ends_at)
    starts = struct.unpack_from(f">{count}H", data, ends_at + doubled + 2)
    deltas = struct.unpack_from(f">{count}h", data, ends_at + 2 * doubled + 2)
    ranges_at = ends_at + 3 * doubled + 2
    offsets = struct.unpack_from(f">{count}H", data, ranges_at)

    def has(code: int) -> bool:
        if code > 0xFFFF:
            return False
        at = bisect.bisect_left(ends, code)
        if at >= count or code < starts[at]:
            return False
        if offsets[at] == 0:
            return (code + deltas[at]) & 0xFFFF != 0
        where = ranges_at + 2 * at + offsets[at] + 2 * (code - starts[at])
        (glyph,) = struct.unpack_from(">H", data, where)
        return glyph != 0 and (glyph + deltas[at]) & 0xFFFF != 0

    return has
