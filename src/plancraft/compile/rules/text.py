"""What several rules look for in text: hidden characters, placeholders, where a piece of a line is."""

from __future__ import annotations

import re
from pathlib import Path

from ...diagnostics import Diagnostics, Location
from ...i18n import _

# Characters that hide or reorder text: zero-width and bidirectional controls.
INVISIBLE = {
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
}
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(INVISIBLE)) + "]")
"""An invisible character or a control character (Unicode category Cc) other than tab and newline."""

# A placeholder for text still to be written, as `plancraft new` leaves them: 【待填写】, 【待填写：指导思想】.
PLACEHOLDER_RE = re.compile(r"【待填写[^】]*】|（编制单位待定）|（标题待定）")


def check_hidden(text: str, location: Location, diagnostics: Diagnostics) -> None:
    """invisible-character: text holds characters that hide or reorder it."""
    hidden = sorted({f"U+{ord(ch):04X}" for ch in HIDDEN.findall(text)})
    if hidden:
        diagnostics.error(
            location,
            _("text contains invisible or control characters ({characters})").format(
                characters=", ".join(hidden)
            ),
            code="invisible-character",
            hint=_("delete them; they hide or reorder text"),
        )


def located_in_line(start: Location, text: str) -> Location:
    """Where `text` appears on the line of `start`, at or after its column; `start` if it cannot be read."""
    try:
        line = (
            Path(start.path)
            .read_text(encoding="utf-8", errors="replace")
            .splitlines()[start.line - 1]
        )
    except (OSError, IndexError):
        return start
    col = line.find(text, max(start.col - 1, 0))
    return Location(start.path, start.line, col + 1) if col >= 0 else start


def located_in_block(start: Location, before: str) -> Location:
    """Where text begins that follows `before` in a block starting at `start`."""
    return Location(
        start.path,
        start.line + before.count("\n"),
        len(before) - (before.rfind("\n") + 1) + 1,
    )
