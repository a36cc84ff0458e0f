"""Reading source text files: UTF-8 only, located errors for anything else."""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostics, Location, source_path
from ..i18n import _
from ..limits import SOURCE_FILE_BYTES, Limit
from .confine import Refused, read_confined


def read_text(
    path: Path,
    diagnostics: Diagnostics,
    root: Path | None = None,
    at: Location | None = None,
    limit: Limit = SOURCE_FILE_BYTES,
) -> str | None:
    """Read a UTF-8 source file under the confinement rule (inside `root` when given, a regular file,
    at most `limit` bytes); record an error at `at` (else at the file) and return None when it
    cannot be read."""
    shown = source_path(path)
    try:
        raw = read_confined(path, root, limit)
    except Refused as refused:
        diagnostics.error(
            at or Location(shown),
            refused.message if at is None else f"{_as_named(path)}: {refused.message}",
            code=refused.code,
            hint=refused.hint,
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1 :]
        col = (
            len(line_start.decode("utf-8", errors="replace").lstrip("\ufeff" if line == 1 else ""))
            + 1
        )
        diagnostics.error(
            Location(shown, line, col),
            _("the file is not valid UTF-8"),
            code="encoding",
            hint=_("save the file as UTF-8"),
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        prefix = text[: text.index("\x00")]
        diagnostics.error(
            Location(shown, prefix.count("\n") + 1, len(prefix) - (prefix.rfind("\n") + 1) + 1),
            _("the file contains a NUL character"),
            code="control-character",
        )

        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _as_named(path: Path) -> str:
    """`path` as the plan names it (symlinks not followed), relative to the working folder when inside it."""
    relative = os.path.relpath(source_path(path))
    return source_path(path) if relative.startswith("..") else relative
