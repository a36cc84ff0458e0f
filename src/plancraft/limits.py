"""How much work any input may cause: every bound plancraft sets, by name, in one place."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """A named bound; `name` is what an error message calls it."""

    name: str
    value: int

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"


SOURCE_FILE_BYTES = Limit("source-file-bytes", 16 * MIB)
"""A plan's Markdown or YAML file (the parent's too)."""
IMAGE_BYTES = Limit("image-bytes", 20 * MIB)
"""An image a plan embeds."""
IMPORT_FILE_BYTES = Limit("import-file-bytes", 64 * MIB)
"""The .txt or .docx given to import, and the .docx given to review."""
DOCX_MEMBERS = Limit("docx-members", 10_000)
"""Files inside a .docx archive."""
DOCX_MEMBER_BYTES = Limit("docx-member-bytes", 64 * MIB)
"""One file inside a .docx, unpacked."""
DOCX_TOTAL_BYTES = Limit("docx-total-bytes", 256 * MIB)
"""All files inside a .docx, unpacked."""
DOCX_RATIO = Limit("docx-compression-ratio", 200)
"""How many times larger than packed a file inside a .docx may unpack (checked above 1 MiB)."""
DOCX_RATIO_FROM_BYTES = 1 * MIB
INDICATOR_ROWS = Limit("indicator-rows", 2_000)
"""Rows of an indicator table (a real plan has fewer than a hundred)."""
TABLE_ROWS = Limit("table-rows", 10_000)
"""Rows of one table under tables/."""
HEADINGS = Limit("headings", 10_000)
"""Sections and headings of one plan."""
