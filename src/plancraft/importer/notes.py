"""What an import asks a drafter to check: one line per kind on the terminal, every place in a file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..i18n import _, ngettext

VARYING_RE = re.compile(r"'[^']*'|“[^”]*”|【[^】]*】|\([^)]*\)|[0-9]+")
"""The parts of a message that change from place to place (quoted text, numbers)."""


@dataclass
class Kind:
    """One kind of note: the first place it was made and how many places share it."""

    first: Diagnostic
    count: int = 1


def kind_of(diagnostic: Diagnostic) -> tuple[str, str, str]:
    """What makes two notes the same kind: severity, code and the message without its varying parts."""
    return diagnostic.severity.value, diagnostic.code, VARYING_RE.sub("…", diagnostic.message)


def summarise(diagnostics: list[Diagnostic]) -> list[Kind]:
    """Errors one by one; warnings grouped by kind, in the order each kind first appears."""
    kinds: dict[tuple[str, str, str], Kind] = {}
    shown: list[Kind] = []
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.ERROR:
            shown.append(Kind(diagnostic))
            continue
        key = kind_of(diagnostic)
        if key in kinds:
            kinds[key].count += 1
        else:
            kinds[key] = Kind(diagnostic)
            shown.append(kinds[key])
    return shown


def summary_lines(diagnostics: list[Diagnostic], notes_file: Path | None) -> list[tuple[bool, str]]:
    """The terminal lines (is it an error, text): each kind's first place and how many share it."""
    kinds = summarise(diagnostics)
    lines = []
    for kind in kinds:
        line = str(kind.first)
        if kind.count > 1:
            more = ngettext(
                "and {count} more place like it", "and {count} more places like it", kind.count - 1
            ).format(count=kind.count - 1)
            line += f" [{more}]"
        lines.append((kind.first.severity is Severity.ERROR, line))
    if notes_file is None and any(kind.count > 1 for kind in kinds):
        lines.append((False, _("(pass --notes FILE to list every place to check)")))
    return lines


def write_notes(path: Path, source: Path, diagnostics: list[Diagnostic]) -> None:
    """Every place to check, one per line (file:line:col: severity: message), grouped by kind."""
    groups: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        groups.setdefault(kind_of(diagnostic), []).append(diagnostic)
    out = [_("# places to check after importing {source}").format(source=source.name)]
    for items in groups.values():
        out.append("")
        out.append(
            "# "
            + ngettext("{count} place: {code}", "{count} places: {code}", len(items)).format(
                count=len(items), code=items[0].code
            )
        )
        out.extend(str(item) for item in items)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
