"""Reading source text files: UTF-8 only, located errors for anything else."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics, Location, source_path
from ..i18n import _

MAX_SOURCE_BYTES = 16 * 1024 * 1024


def read_text(path: Path, diagnostics: Diagnostics) -> str | None:
    """Read a UTF-8 source file; record a located error and return None when it cannot be read."""
    shown = source_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            diagnostics.error(
                Location(shown),
                _("file is too large ({size} bytes; the limit is {limit})").format(
                    size=size, limit=MAX_SOURCE_BYTES
                ),
                code="file-too-large",
            )
            return None
        raw = path.read_bytes()
    except FileNotFoundError:
        diagnostics.error(Location(shown), _("file not found"), code="file-missing")
        return None
    except IsADirectoryError:
        diagnostics.error(
            Location(shown), _("expected a file, found a directory"), code="file-missing"
        )
        return None
    except OSError as exc:
        diagnostics.error(
            Location(shown),
            _("cannot read file: {reason}").format(reason=exc.strerror or exc),
            code="file-unreadable",
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
