"""Reports for a terminal: a heading per group, a line per row, insertions as {+…+}, deletions as [-…-]."""

from __future__ import annotations

import re
import unicodedata
from string import Formatter

from .cells import folded, text_of
from .model import Cell, Column, Mark, Report, Row

INDENT = "  "


def render(report: Report, colour: bool = False) -> bytes:
    """Every sheet shown in text; a blank line before each heading but the first; bold and colours
    when `colour`."""
    import click

    lines: list[str] = []
    for sheet in report.sheets_in("text"):
        columns = sheet.columns_in("text")
        for group in sheet.groups:
            if group.heading:
                if lines:
                    lines.append("")
                lines.append(click.style(group.heading, bold=True) if colour else group.heading)
            lines += group.notes
            lines += [INDENT + _row(row, columns, colour) for row in group.rows]
    lines += report.summary
    return ("\n".join(lines) + "\n").encode("utf-8")


def _row(row: Row, columns: list[Column], colour: bool) -> str:
    out = []
    for column in columns:
        shown = _cell(row.cell(column.key), colour)
        if shown:
            out.append(_formatted(column.text, shown))
    return "".join(out)


def _formatted(template: str, shown: str) -> str:
    """`template` filled with `shown`, a left-aligned width counted in terminal columns (a Chinese
    character takes two)."""
    out = []
    for literal, field, spec, _conversion in Formatter().parse(template):
        out.append(literal)
        if field is None:
            continue
        width = re.fullmatch(r"<(\d+)", spec or "")
        out.append(
            shown + " " * (int(width[1]) - _display_width(shown))
            if width
            else format(shown, spec or "")
        )
    return "".join(out)


def _display_width(text: str) -> int:
    """How many terminal columns `text` takes: two for wide and full-width characters."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in _unstyled(text))


def _unstyled(text: str) -> str:
    """`text` without the ANSI colour codes click.style adds."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _cell(cell: Cell, colour: bool) -> str:
    if cell.marks:
        return "".join(_mark(cell.marks, index, colour) for index in range(len(cell.marks)))
    return text_of(cell.value)


def _mark(marks: list[Mark], index: int, colour: bool) -> str:
    op, text = marks[index].op, marks[index].text
    if op == "=":
        head, middle, tail = folded(marks, index)
        return head + ("…" if middle else "") + tail
    if colour:
        import click

        return click.style(
            text, fg="green" if op == "+" else "red", underline=op == "+", strikethrough=op == "-"
        )
    return f"{{+{text}+}}" if op == "+" else f"[-{text}-]"
