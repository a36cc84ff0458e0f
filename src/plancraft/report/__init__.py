"""The report layer: a report as data (`model`), and one renderer per format (`formats`)."""

from __future__ import annotations

from .formats import FORMATS, ReportFormat, names, register, render
from .model import Cell, Column, Figure, Group, Mark, Report, Row, Sheet, Status, rows_sheet

__all__ = [
    "FORMATS",
    "Cell",
    "Column",
    "Figure",
    "Group",
    "Mark",
    "Report",
    "ReportFormat",
    "Row",
    "Sheet",
    "Status",
    "names",
    "register",
    "render",
    "rows_sheet",
]
