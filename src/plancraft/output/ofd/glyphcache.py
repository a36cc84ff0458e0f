"""TrueType glyphs converted once and kept in the output folder's cache, by their CFF charstring.

WeasyPrint's font subsets are desubroutinized, so a glyph's charstring bytes alone give its outline:
the same glyph in the next build, or in another plan built into the same folder, is not converted
again. The file is a cache: one that cannot be read is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

from ...files import write_atomic

Box = tuple[int, int, int, int]
MAGIC = b"plancraft ofd glyphs 1\n"
ENTRY = struct.Struct(">16shhhhI")
"""Key (16 bytes of the charstring's SHA-256), the glyph's box, its record's length."""
MAX_BYTES = 64 * 1024 * 1024
"""A cache grown past this starts again empty."""


def charstring_key(bytecode: bytes, conversion: str) -> bytes:
    """The cache key of a glyph: its charstring and how it is converted."""
    return hashlib.sha256(conversion.encode() + b"\0" + bytecode).digest()[:16]


class GlyphCache:
    """Glyph records (glyf bytes and box) by charstring key, read from and saved to one file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[bytes, tuple[bytes, Box]] = self._read() if path else {}
        self.changed = False

    def get(self, key: bytes) -> tuple[bytes, Box] | None:
        return self.entries.get(key)

    def put(self, key: bytes, record: bytes, box: Box) -> None:
        self.entries[key] = (record, box)
        self.changed = True

    def save(self) -> None:
        """Write the entries if any were added (a failure to write only loses the cache)."""
        if not self.path or not self.changed:
            return
        chunks = [MAGIC]
        for key, (record, box) in self.entries.items():
            chunks += [ENTRY.pack(key, *box, len(record)), record]
        data = b"".join(chunks)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, data if len(data) <= MAX_BYTES else MAGIC)
        except OSError:
            pass
        self.changed = False

    def _read(self) -> dict[bytes, tuple[bytes, Box]]:
        assert self.path is not None
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        if not data.startswith(MAGIC) or len(data) > MAX_BYTES:
            return {}
        entries, offset = {}, len(MAGIC)
        try:
            while offset < len(data):
                key, x_min, y_min, x_max, y_max, length = ENTRY.unpack_from(data, offset)
                offset += ENTRY.size
                record = data[offset : offset + length]
                if len(record) != length:
                    return {}
                entries[key] = (record, (x_min, y_min, x_max, y_max))
                offset += length
        except struct.error:
            return {}
        return entries
