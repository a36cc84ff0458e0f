"""Bookmark names: how the ids of the document tree are written into, and read back from, a .docx."""

from __future__ import annotations

import hashlib

PREFIX = "pc_"
MAX_BOOKMARK = 40
"""Word keeps bookmark names of at most 40 characters: letters, digits and underscores."""


def bookmark_name(anchor: str) -> str:
    """The bookmark for an id: pc_ and the id, '-' as '_' (ids hold no '_'); hashed if too long."""
    name = PREFIX + anchor.replace("-", "_")
    if len(name) > MAX_BOOKMARK:
        name = name[: MAX_BOOKMARK - 9] + "_" + hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return name


def paragraph_id(owner: str, number: int) -> str:
    """The id of the `number`th prose block (paragraph, list, quote, code) right under `owner`."""
    return f"{owner}-p{number}"


def appendix_row_id(indicator: str) -> str:
    """The id of an indicator's row in the 附表 (its row in the indicator table has the bare id)."""
    return f"appendix-{indicator}"
