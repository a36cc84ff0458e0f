"""What a cell prints as: its value as text, its marks with long kept text folded, spreadsheet safety."""

from __future__ import annotations

import re

from ..compile.rules.spreadsheet import FORMULA_STARTS as FORMULA_START
from .model import Cell, Column, Mark, Value

CONTEXT = 12
"""Characters of kept text shown on each side of a change."""
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def text_of(value: Value) -> str:
    """A value as a reader sees it: nothing for None."""
    return "" if value is None else str(value)


def folded(marks: list[Mark], index: int) -> tuple[str, str, str]:
    """A kept mark split into the context shown beside changes and the middle that can be folded."""
    text = marks[index].text
    if len(text) <= 2 * CONTEXT:
        return text, "", ""
    head = "" if index == 0 else text[:CONTEXT]
    tail = "" if index == len(marks) - 1 else text[-CONTEXT:]
    return head, text[len(head) : len(text) - len(tail)], tail


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would take `text` for a formula."""
    return text.startswith(FORMULA_START)


def spreadsheet_value(cell: Cell, column: Column) -> Value:
    """The value a spreadsheet gets: a number stays a number in a number column, text never starts
    a formula (CSV prefixes it with ', XLSX stores it as text)."""
    value = cell.value
    if value is None and cell.marks:
        return marked_text(cell.marks)
    if column.type == "number" and isinstance(value, str) and NUMBER.fullmatch(value):
        return float(value) if any(c in value for c in ".eE") else int(value)
    return value


def marked_text(marks: list[Mark]) -> str:
    """All the marks as plain text, deletions as [-…-] and insertions as {+…+}."""
    return "".join(
        mark.text
        if mark.op == "="
        else f"[-{mark.text}-]"
        if mark.op == "-"
        else f"{{+{mark.text}+}}"
        for mark in marks
    )


def csv_text(cell: Cell, column: Column) -> str:
    """The cell as a CSV field, prefixed with ' when it would start a formula; a carriage return
    becomes a line feed (Python's csv module quotes a field holding the one, not the other)."""
    value = spreadsheet_value(cell, column)
    text = text_of(value)
    if isinstance(value, str) and formula_like(text):
        text = "'" + text
    return text.replace("\r\n", "\n").replace("\r", "\n")
