"""Reports for a terminal: a heading per group, a line per row, insertions as {+…+}, deletions as [-…-]."""

from __future__ import annotations

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
            out.append(column.text.format(shown))
    return "".join(out)


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
