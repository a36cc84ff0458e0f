"""Diagnostics that know where in the sources they come from."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from .i18n import N_, _

SEVERITY_NAMES = (N_("error"), N_("warning"))
"""How severities read in text output, for the catalog."""


class Severity(str, Enum):
    """How bad a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """A position in a source file; line and column count from 1.

    `path` is absolute (see `source_path`), so a diagnostic stays right whatever the working folder is
    when it is printed; it is shown relative to the working folder only when printed.
    """

    path: str
    line: int = 0
    col: int = 0

    @property
    def shown_path(self) -> str:
        """The path as users should read it: relative to the working folder when inside it."""
        return display_path(Path(self.path))

    def __str__(self) -> str:
        if not self.line:
            return self.shown_path
        return f"{self.shown_path}:{self.line}:{self.col or 1}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a plan."""

    location: Location
    message: str
    severity: Severity = Severity.ERROR
    code: str = "error"
    hint: str = ""

    def __str__(self) -> str:
        message = (
            _("{message} ({hint})").format(message=self.message, hint=self.hint)
            if self.hint
            else self.message
        )
        return f"{self.location}: {_(self.severity.value)}: {message}"

    def as_dict(self) -> dict:
        """Return a JSON-ready form, stable for tools."""
        return {
            "file": self.location.shown_path,
            "line": self.location.line,
            "column": self.location.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass
class Diagnostics:
    """A collection of diagnostics, filled in by every stage of the pipeline."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str, code: str = "error", hint: str = "") -> None:
        """Record an error."""
        self.items.append(Diagnostic(location, message, Severity.ERROR, code, hint))

    def warning(
        self, location: Location, message: str, code: str = "warning", hint: str = ""
    ) -> None:
        """Record a warning."""
        self.items.append(Diagnostic(location, message, Severity.WARNING, code, hint))

    def extend(self, other: Diagnostics) -> None:
        """Take over every diagnostic of another collection."""
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that are errors."""
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that are warnings."""
        return [d for d in self.items if d.severity is Severity.WARNING]

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics in source order."""
        return sorted(self.items, key=lambda d: (d.location.path, d.location.line, d.location.col))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def source_path(path: Path | str) -> str:
    """How a Location records a file: its absolute path."""
    return os.path.abspath(path)


def display_path(path: Path) -> str:
    """A path as users should read it: relative to the working directory when possible; a symlink is
    shown by its own name, not by where it leads."""
    try:
        real = path.parent.resolve() / path.name if path.is_symlink() else path.resolve()
        return str(real.relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):
        return str(path)
